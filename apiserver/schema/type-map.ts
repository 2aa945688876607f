/**
 * The Kubernetes object schema, as typed field lists. It is read from the generated models of the
 * official JavaScript client (@kubernetes/client-node), which carry every field of every built-in type
 * with its JSON name and type, so kubelab knows the same fields kube-apiserver knows without
 * hand-copying them.
 *
 * Used by the decoder (unknown fields, wrong types), strategic merge (which list a field is) and OpenAPI.
 */
import * as k8s from '@kubernetes/client-node';

export type FieldType =
  | { kind: 'string' }
  | { kind: 'number'; format: string }
  | { kind: 'boolean' }
  | { kind: 'date' }
  | { kind: 'intOrString' }
  | { kind: 'any' }
  | { kind: 'array'; of: FieldType }
  | { kind: 'map'; of: FieldType }
  | { kind: 'object'; typeName: string };

export interface FieldInfo {
  /** The JSON name. */
  name: string;
  type: FieldType;
}

interface AttributeType {
  baseName: string;
  type: string;
  format: string;
}

type ModelClass = { getAttributeTypeMap?: () => AttributeType[] };

const models = k8s as unknown as Record<string, ModelClass>;

/** Model type for each kind kubelab serves or accepts as a body. */
const KIND_TYPES: Record<string, string> = {
  'v1/Namespace': 'V1Namespace',
  'v1/Pod': 'V1Pod',
  'v1/Node': 'V1Node',
  'v1/Service': 'V1Service',
  'v1/Endpoints': 'V1Endpoints',
  'v1/Event': 'CoreV1Event',
  'v1/ConfigMap': 'V1ConfigMap',
  'v1/ReplicationController': 'V1ReplicationController',
  'v1/Binding': 'V1Binding',
  'v1/DeleteOptions': 'V1DeleteOptions',
  'apps/v1/ReplicaSet': 'V1ReplicaSet',
  'apps/v1/Deployment': 'V1Deployment',
  'apps/v1/DaemonSet': 'V1DaemonSet',
  'autoscaling/v1/Scale': 'V1Scale',
  'policy/v1/Eviction': 'V1Eviction',
  'discovery.k8s.io/v1/EndpointSlice': 'V1EndpointSlice',
  'coordination.k8s.io/v1/Lease': 'V1Lease',
};

/** The model type name for an apiVersion and kind, e.g. ('apps/v1', 'Deployment') → 'V1Deployment'. */
export function typeNameOf(apiVersion: string, kind: string): string | undefined {
  return KIND_TYPES[`${apiVersion}/${kind}`];
}

export function parseType(t: string, format = ''): FieldType {
  if (t.startsWith('Array<') && t.endsWith('>')) return { kind: 'array', of: parseType(t.slice(6, -1)) };
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(t);
  if (map) return { kind: 'map', of: parseType(map[1]!) };
  switch (t) {
    case 'string': return { kind: 'string' };
    case 'number': return { kind: 'number', format };
    case 'boolean': return { kind: 'boolean' };
    case 'Date': return { kind: 'date' };
    case 'IntOrString': return { kind: 'intOrString' };
    case 'any': case 'object': return { kind: 'any' };
    default: return models[t]?.getAttributeTypeMap ? { kind: 'object', typeName: t } : { kind: 'any' };
  }
}

const cache = new Map<string, Map<string, FieldInfo>>();

/** The fields of a model type, by JSON name; undefined for a name that is not a model. */
export function fieldsOf(typeName: string): Map<string, FieldInfo> | undefined {
  const hit = cache.get(typeName);
  if (hit) return hit;
  const attrs = models[typeName]?.getAttributeTypeMap?.();
  if (!attrs) return undefined;
  const fields = new Map(attrs.map((a) => [a.baseName, { name: a.baseName, type: parseType(a.type, a.format) }]));
  cache.set(typeName, fields);
  return fields;
}

/** The type of a field reached by walking `path` (JSON names) from `typeName`; list elements are skipped over. */
export function fieldTypeAt(typeName: string, path: string[]): FieldType | undefined {
  let t: FieldType = { kind: 'object', typeName };
  for (const seg of path) {
    while (t.kind === 'array' || t.kind === 'map') t = t.of;
    if (t.kind !== 'object') return undefined;
    const f: FieldInfo | undefined = fieldsOf(t.typeName)?.get(seg);
    if (!f) return undefined;
    t = f.type;
  }
  return t;
}
