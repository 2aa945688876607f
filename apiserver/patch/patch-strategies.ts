/**
 * The strategic-merge metadata of every field that has any: which lists merge element by element,
 * on which key, and which structs clear unlisted keys ($retainKeys). It is a transcription of the
 * `patchStrategy` / `patchMergeKey` struct tags in k8s.io/api core/v1/types.go, apps/v1/types.go and
 * apimachinery meta/v1 ObjectMeta, limited to the types reachable from the kinds kubelab serves.
 * A field missing from this table has no strategy: its lists are replaced whole.
 *
 * Keys are the @kubernetes/client-node model names (see apiserver/schema/type-map.ts) and JSON
 * field names. Invariant (tested): every entry names a real field of that model, and a `merge` entry
 * is a list whose elements have the merge key (or are primitives when there is no key).
 *
 * Note on retainKeys: the server honours a `$retainKeys` directive wherever it appears in a patch;
 * the tag only tells clients (kubectl) where to generate one. It is kept here for completeness and
 * for anyone publishing the schema (OpenAPI's x-kubernetes-patch-strategy).
 */

export interface PatchMeta {
  /** The list merges element by element instead of being replaced. */
  merge: boolean;
  /** The element field identifying list items; absent for merged lists of primitives. */
  mergeKey?: string;
  /** patchStrategy includes "retainKeys". */
  retainKeys: boolean;
}

const merge = (mergeKey?: string): PatchMeta => ({ merge: true, retainKeys: false, ...(mergeKey ? { mergeKey } : {}) });
const mergeRetainKeys = (mergeKey: string): PatchMeta => ({ merge: true, mergeKey, retainKeys: true });
const retainKeys: PatchMeta = { merge: false, retainKeys: true };

/** Fields of Container, repeated on EphemeralContainer (EphemeralContainerCommon mirrors Container). */
const CONTAINER_LISTS = {
  ports: merge('containerPort'),
  env: merge('name'),
  volumeMounts: merge('mountPath'),
  volumeDevices: merge('devicePath'),
};

const conditionsByType = { conditions: merge('type') };

export const PATCH_STRATEGIES: Readonly<Record<string, Readonly<Record<string, PatchMeta>>>> = {
  V1ObjectMeta: { ownerReferences: merge('uid'), finalizers: merge() },
  V1PodSpec: {
    volumes: mergeRetainKeys('name'),
    initContainers: merge('name'),
    containers: merge('name'),
    ephemeralContainers: merge('name'),
    imagePullSecrets: merge('name'),
    hostAliases: merge('ip'),
    topologySpreadConstraints: merge('topologyKey'),
    schedulingGates: merge('name'),
    resourceClaims: mergeRetainKeys('name'),
  },
  V1Container: CONTAINER_LISTS,
  V1EphemeralContainer: CONTAINER_LISTS,
  V1PodStatus: {
    ...conditionsByType,
    podIPs: merge('ip'),
    hostIPs: merge('ip'),
    resourceClaimStatuses: mergeRetainKeys('name'),
  },
  V1ContainerStatus: { volumeMounts: merge('mountPath'), allocatedResourcesStatus: merge('name') },
  V1NodeSpec: { podCIDRs: merge() },
  V1NodeStatus: { ...conditionsByType, addresses: merge('type') },
  V1ServiceSpec: { ports: merge('port') },
  V1ServiceStatus: conditionsByType,
  V1NamespaceStatus: conditionsByType,
  V1ReplicationControllerStatus: conditionsByType,
  V1DeploymentSpec: { strategy: retainKeys },
  V1DeploymentStatus: conditionsByType,
  V1ReplicaSetStatus: conditionsByType,
  V1DaemonSetStatus: conditionsByType,
};

/** The patch metadata of `field` in model `typeName`, or undefined when the field has none. */
export function patchMetaOf(typeName: string, field: string): PatchMeta | undefined {
  const fields = PATCH_STRATEGIES[typeName];
  return fields && Object.prototype.hasOwnProperty.call(fields, field) ? fields[field] : undefined;
}
