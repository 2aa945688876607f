/**
 * Which apiVersion/kind pairs kube-apiserver's scheme knows, and which internal type each converts to.
 *
 * The decoder needs this to tell apart the three ways a body of another kind fails on a resource's URL:
 * a kind the scheme does not know (`no kind "pod" is registered for version "v1" in scheme ...`), a known
 * kind of another type (`converting (v1.Service) to (core.Pod): unknown conversion`), and the same type in
 * another served or formerly served version (`the API version in the data (apps/v1beta1) does not match
 * the expected API version (apps/v1)`). The table lists the built-in groups of v1.32, not every kind.
 *
 * Interface: isRegistered, internalType, versionedType, modelFor. Pure.
 */
import { typeNameOf } from '../schema/type-map.js';
import { isModel } from './go-schema.js';

/** The scheme's name as kube-apiserver v1.32 prints it in "not registered" errors. */
export const LEGACY_SCHEME = 'pkg/api/legacyscheme/scheme.go:30';

/** Kinds every group version registers (metav1.AddToGroupVersion). */
const META_KINDS = ['WatchEvent', 'ListOptions', 'GetOptions', 'DeleteOptions', 'CreateOptions', 'UpdateOptions', 'PatchOptions'];

/** Kinds registered regardless of version (unversioned types). */
const UNVERSIONED_KINDS = ['Status', 'APIVersions', 'APIGroupList', 'APIGroup', 'APIResourceList'];

const KINDS: Record<string, string> = {
  v1: 'Binding ComponentStatus ConfigMap Endpoints Event LimitRange List Namespace Node PersistentVolume PersistentVolumeClaim Pod PodAttachOptions PodExecOptions PodLogOptions PodPortForwardOptions PodProxyOptions PodStatusResult PodTemplate RangeAllocation ReplicationController ResourceQuota Secret SerializedReference Service ServiceAccount NodeProxyOptions ServiceProxyOptions',
  'apps/v1': 'ControllerRevision DaemonSet Deployment ReplicaSet StatefulSet',
  'apps/v1beta1': 'ControllerRevision Deployment DeploymentRollback Scale StatefulSet',
  'apps/v1beta2': 'ControllerRevision DaemonSet Deployment ReplicaSet Scale StatefulSet',
  'autoscaling/v1': 'HorizontalPodAutoscaler Scale',
  'autoscaling/v2': 'HorizontalPodAutoscaler',
  'batch/v1': 'CronJob Job',
  'policy/v1': 'Eviction PodDisruptionBudget',
  'policy/v1beta1': 'Eviction PodDisruptionBudget',
  'discovery.k8s.io/v1': 'EndpointSlice',
  'coordination.k8s.io/v1': 'Lease',
  'coordination.k8s.io/v1beta1': 'Lease',
  'events.k8s.io/v1': 'Event',
  'events.k8s.io/v1beta1': 'Event',
  'networking.k8s.io/v1': 'Ingress IngressClass NetworkPolicy',
  'rbac.authorization.k8s.io/v1': 'ClusterRole ClusterRoleBinding Role RoleBinding',
  'storage.k8s.io/v1': 'CSIDriver CSINode CSIStorageCapacity StorageClass VolumeAttachment',
  'scheduling.k8s.io/v1': 'PriorityClass',
  'node.k8s.io/v1': 'RuntimeClass',
  'certificates.k8s.io/v1': 'CertificateSigningRequest',
  'admissionregistration.k8s.io/v1': 'MutatingWebhookConfiguration ValidatingAdmissionPolicy ValidatingAdmissionPolicyBinding ValidatingWebhookConfiguration',
  'flowcontrol.apiserver.k8s.io/v1': 'FlowSchema PriorityLevelConfiguration',
};

const REGISTERED = new Map(Object.entries(KINDS).map(([gv, kinds]) => [gv, new Set([...kinds.split(' '), ...META_KINDS])]));

export function isRegistered(apiVersion: string, kind: string): boolean {
  return UNVERSIONED_KINDS.includes(kind) || (REGISTERED.get(apiVersion)?.has(kind) ?? false);
}

/** Go package of a group's internal types (what kube-apiserver converts every version to). */
function internalPackage(group: string, kind: string): string {
  if (group === '' || (group === 'events.k8s.io' && kind === 'Event')) return 'core';
  if (META_KINDS.includes(kind) || UNVERSIONED_KINDS.includes(kind)) return 'v1';
  return group.split('.')[0]!;
}

/** The internal Go type an apiVersion/kind decodes to, e.g. "core.Pod"; equal types convert. */
export function internalType(group: string, kind: string): string {
  return `${internalPackage(group, kind)}.${kind}`;
}

/** The versioned Go type, as conversion errors name it: "v1.Service", "v1beta1.Deployment". */
export function versionedType(version: string, kind: string): string {
  return `${version}.${kind}`;
}

/** The client model describing apiVersion/kind, if there is one (its fields drive decoding). */
export function modelFor(apiVersion: string, kind: string): string | undefined {
  const known = typeNameOf(apiVersion, kind);
  if (known) return known;
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const v = version!.charAt(0).toUpperCase() + version!.slice(1);
  const groupPrefix = group!.split('.')[0]!.replace(/^./, (c) => c.toUpperCase());
  const candidates = [`${v}${kind}`, `${group ? groupPrefix : 'Core'}${v}${kind}`];
  return candidates.find((m) => isModel(m));
}
