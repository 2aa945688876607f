/**
 * The Go view of the Kubernetes schema: for each field, the Go type kube-apiserver decodes it into.
 *
 * Field lists come from @kubernetes/client-node's generated models (as in apiserver/schema/type-map.ts),
 * but the decoder needs more than their TypeScript types: which strings are base64 `[]byte`, which
 * timestamps are `MicroTime` (stricter format), which string maps are `ResourceList`s of quantities, and
 * the Go names that appear in error messages (`v1.RestartPolicy`, `[]v1.Container`, `int32`).
 * The client models cannot tell those apart, so go-names.ts supplies them per field.
 *
 * Interface: goTypeOfModel(model) and goFieldsOf(model) (cached); goTypeName(t) for messages.
 */
import * as k8s from '@kubernetes/client-node';
import { FIELD_OVERRIDES } from './go-names.js';

export type GoType =
  | { kind: 'struct'; model: string; name: string; goStruct: string }
  | { kind: 'int'; bits: 32 | 64; name: string }
  | { kind: 'float'; name: string }
  | { kind: 'string'; name: string }
  | { kind: 'bool'; name: string }
  | { kind: 'bytes'; name: string }
  | { kind: 'time'; micro: boolean; name: string }
  | { kind: 'quantity'; name: string }
  | { kind: 'intOrString'; name: string }
  | { kind: 'any'; name: string }
  | { kind: 'slice'; of: GoType; name: string }
  | { kind: 'map'; of: GoType; name: string };

interface Attribute {
  baseName: string;
  type: string;
  format: string;
}

type ModelClass = { getAttributeTypeMap?: () => Attribute[] };
const models = k8s as unknown as Record<string, ModelClass>;

/** Go's struct name for a client model: V1ContainerPort → ContainerPort, CoreV1Event → Event. */
export function goStructName(model: string): string {
  return model.replace(/^[A-Z][a-z]+(?=V\d)/, '').replace(/^V\d+(?:(?:alpha|beta)\d+)?/, '');
}

/** The Go package a client model lives in, as it prints in reflect type names (v1, v1beta1, v2). */
function goPackage(model: string): string {
  return /V(\d+(?:(?:alpha|beta)\d+)?)/.exec(model)?.[1]?.replace(/^/, 'v') ?? 'v1';
}

export function isModel(name: string): boolean {
  return typeof models[name]?.getAttributeTypeMap === 'function';
}

export function structType(model: string): GoType {
  const goStruct = goStructName(model);
  return { kind: 'struct', model, goStruct, name: `${goPackage(model)}.${goStruct}` };
}

const scalar = {
  string: { kind: 'string', name: 'string' } as GoType,
  bool: { kind: 'bool', name: 'bool' } as GoType,
  any: { kind: 'any', name: 'interface {}' } as GoType,
};

/** Parses a client-node attribute type string into a Go type, before per-field overrides. */
export function parseAttributeType(type: string, format: string): GoType {
  if (type.startsWith('Array<') && type.endsWith('>')) {
    const of = parseAttributeType(type.slice(6, -1), format);
    return { kind: 'slice', of, name: `[]${of.name}` };
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    const of = parseAttributeType(map[1]!, format);
    return { kind: 'map', of, name: `map[string]${of.name}` };
  }
  switch (type) {
    case 'string': return format === 'byte' ? { kind: 'bytes', name: '[]uint8' } : scalar.string;
    case 'boolean': return scalar.bool;
    case 'number':
      if (format === 'int32' || format === 'int64') return { kind: 'int', bits: format === 'int32' ? 32 : 64, name: format };
      return { kind: 'float', name: 'float64' };
    case 'Date': return { kind: 'time', micro: false, name: 'v1.Time' };
    case 'V1MicroTime': return { kind: 'time', micro: true, name: 'v1.MicroTime' };
    case 'IntOrString': return { kind: 'intOrString', name: 'intstr.IntOrString' };
    default: return isModel(type) ? structType(type) : scalar.any;
  }
}

const cache = new Map<string, Map<string, GoType>>();

/** The fields of a model by JSON name, with Go types; empty for a name that is not a model. */
export function goFieldsOf(model: string): Map<string, GoType> {
  const hit = cache.get(model);
  if (hit) return hit;
  const fields = new Map<string, GoType>();
  for (const a of models[model]?.getAttributeTypeMap?.() ?? []) {
    const override = FIELD_OVERRIDES[`${model}.${a.baseName}`];
    fields.set(a.baseName, override ? override(parseAttributeType(a.type, a.format)) : parseAttributeType(a.type, a.format));
  }
  cache.set(model, fields);
  return fields;
}
