/**
 * The registry of every API resource kubelab serves: one entry per resource, as kube-apiserver's
 * discovery describes them. Discovery documents, OpenAPI, routing, storage keys, printing and
 * validation all start from this table, so adding a resource starts here.
 *
 * Invariant: (group, resource) is unique, and so is (group, kind).
 */

export type Verb = 'create' | 'delete' | 'deletecollection' | 'get' | 'list' | 'patch' | 'update' | 'watch';

export interface SubresourceInfo {
  name: string;
  /** The kind answered by the subresource, e.g. autoscaling/v1 Scale for `scale`. */
  group: string;
  version: string;
  kind: string;
  verbs: string[];
}

export interface ResourceInfo {
  group: string; // '' for the core group
  version: string;
  kind: string;
  listKind: string;
  resource: string; // plural, lower case
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  categories: string[];
  verbs: Verb[];
  subresources: SubresourceInfo[];
}

const ALL_VERBS: Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const STATUS_VERBS = ['get', 'patch', 'update'];

function sub(name: string, group: string, version: string, kind: string, verbs = STATUS_VERBS): SubresourceInfo {
  return { name, group, version, kind, verbs };
}

interface Spec {
  group: string;
  version: string;
  kind: string;
  resource: string;
  shortNames?: string[];
  namespaced?: boolean;
  categories?: string[];
  verbs?: Verb[];
  subresources?: (info: { group: string; version: string; kind: string }) => SubresourceInfo[];
}

function define(spec: Spec): ResourceInfo {
  const { group, version, kind } = spec;
  return {
    group,
    version,
    kind,
    listKind: `${kind}List`,
    resource: spec.resource,
    singular: kind.toLowerCase(),
    shortNames: spec.shortNames ?? [],
    namespaced: spec.namespaced ?? true,
    categories: spec.categories ?? [],
    verbs: spec.verbs ?? ALL_VERBS,
    subresources: spec.subresources?.({ group, version, kind }) ?? [],
  };
}

const status = ({ group, version, kind }: { group: string; version: string; kind: string }) =>
  sub('status', group, version, kind);
const scale = () => sub('scale', 'autoscaling', 'v1', 'Scale');

export const RESOURCES: readonly ResourceInfo[] = Object.freeze([
  define({
    group: '', version: 'v1', kind: 'Namespace', resource: 'namespaces', shortNames: ['ns'], namespaced: false,
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    subresources: (i) => [status(i), sub('finalize', '', 'v1', 'Namespace', ['update'])],
  }),
  define({
    group: '', version: 'v1', kind: 'Pod', resource: 'pods', shortNames: ['po'], categories: ['all'],
    subresources: (i) => [
      status(i),
      sub('binding', '', 'v1', 'Binding', ['create']),
      sub('eviction', 'policy', 'v1', 'Eviction', ['create']),
      sub('log', '', 'v1', 'Pod', ['get']),
      sub('exec', '', 'v1', 'PodExecOptions', ['create', 'get']),
      sub('attach', '', 'v1', 'PodAttachOptions', ['create', 'get']),
    ],
  }),
  define({
    group: '', version: 'v1', kind: 'Node', resource: 'nodes', shortNames: ['no'], namespaced: false,
    subresources: (i) => [status(i)],
  }),
  define({
    group: '', version: 'v1', kind: 'Service', resource: 'services', shortNames: ['svc'], categories: ['all'],
    verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
    subresources: (i) => [status(i)],
  }),
  define({ group: '', version: 'v1', kind: 'Endpoints', resource: 'endpoints', shortNames: ['ep'] }),
  define({ group: '', version: 'v1', kind: 'Event', resource: 'events', shortNames: ['ev'] }),
  define({ group: '', version: 'v1', kind: 'ConfigMap', resource: 'configmaps', shortNames: ['cm'] }),
  define({
    group: '', version: 'v1', kind: 'ReplicationController', resource: 'replicationcontrollers', shortNames: ['rc'],
    categories: ['all'], subresources: (i) => [status(i), scale()],
  }),
  define({
    group: 'apps', version: 'v1', kind: 'ReplicaSet', resource: 'replicasets', shortNames: ['rs'], categories: ['all'],
    subresources: (i) => [status(i), scale()],
  }),
  define({
    group: 'apps', version: 'v1', kind: 'Deployment', resource: 'deployments', shortNames: ['deploy'],
    categories: ['all'], subresources: (i) => [status(i), scale()],
  }),
  define({
    group: 'apps', version: 'v1', kind: 'DaemonSet', resource: 'daemonsets', shortNames: ['ds'], categories: ['all'],
    subresources: (i) => [status(i)],
  }),
  define({ group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice', resource: 'endpointslices' }),
  define({ group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', resource: 'leases' }),
]);

/** apiVersion as written in objects: "v1" for the core group, "apps/v1" otherwise. */
export function groupVersion(info: { group: string; version: string }): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

/** `pods`, `deployments.apps`: the name Status messages and RBAC use for a resource. */
export function qualifiedResource(info: { group: string; resource: string }): string {
  return info.group ? `${info.resource}.${info.group}` : info.resource;
}

export function findResource(group: string, version: string, resource: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.group === group && r.version === version && r.resource === resource);
}

export function findKind(apiVersion: string, kind: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => groupVersion(r) === apiVersion && r.kind === kind);
}

/** The API groups in discovery order (core first), each with its single served version. */
export function apiGroups(): { group: string; version: string }[] {
  const seen = new Map<string, string>();
  for (const r of RESOURCES) if (!seen.has(r.group)) seen.set(r.group, r.version);
  return [...seen].map(([group, version]) => ({ group, version }));
}
