/**
 * Resource references: which collection a client call addresses, as `{group, version, resource}`
 * (client-go's schema.GroupVersionResource). The constants are looked up in the resource registry
 * (lib/api/resources.ts) when this module loads, so a typo or a resource the apiserver does not serve
 * fails at start-up rather than as a 404 at run time.
 */
import { findResource, RESOURCES, type ResourceInfo } from '../api/resources.js';

export interface ResourceRef {
  readonly group: string; // '' for the core group
  readonly version: string;
  readonly resource: string; // plural, lower case: "pods"
}

/** The registry entry for a served resource; throws for one kubelab does not serve. */
export function resourceInfo(ref: ResourceRef): ResourceInfo {
  const info = findResource(ref.group, ref.version, ref.resource);
  if (!info) throw new Error(`kubelab serves no resource ${ref.resource} in "${ref.group}/${ref.version}"`);
  return info;
}

/** The reference to a served resource, by group and plural name, at the version kubelab serves. */
export function resourceRef(group: string, resource: string): ResourceRef {
  const info = RESOURCES.find((r) => r.group === group && r.resource === resource);
  if (!info) throw new Error(`kubelab serves no resource ${resource} in group "${group}"`);
  return Object.freeze({ group: info.group, version: info.version, resource: info.resource });
}

export const NAMESPACES = resourceRef('', 'namespaces');
export const PODS = resourceRef('', 'pods');
export const NODES = resourceRef('', 'nodes');
export const SERVICES = resourceRef('', 'services');
export const ENDPOINTS = resourceRef('', 'endpoints');
export const EVENTS = resourceRef('', 'events');
export const CONFIGMAPS = resourceRef('', 'configmaps');
export const REPLICATIONCONTROLLERS = resourceRef('', 'replicationcontrollers');
export const REPLICASETS = resourceRef('apps', 'replicasets');
export const DEPLOYMENTS = resourceRef('apps', 'deployments');
export const DAEMONSETS = resourceRef('apps', 'daemonsets');
export const ENDPOINTSLICES = resourceRef('discovery.k8s.io', 'endpointslices');
export const LEASES = resourceRef('coordination.k8s.io', 'leases');
