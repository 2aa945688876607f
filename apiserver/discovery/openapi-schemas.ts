/**
 * OpenAPI v3 `components.schemas` generated from the field schema in apiserver/schema/type-map.ts, so
 * that `kubectl explain pod.spec` can walk the same fields the decoder accepts.
 *
 * Interface: `schemasFor(roots)` → every schema reachable from the given model types, keyed by the
 * Kubernetes definition name (`io.k8s.api.core.v1.PodSpec`); `schemaRef(typeName)` → a `$ref` to one.
 * Invariants: every `$ref` resolves inside the returned map; kinds carry `x-kubernetes-group-version-kind`
 * (a list, as kube-apiserver publishes it). Descriptions and `required` are absent: the generated models
 * do not carry them at run time.
 */
import { RESOURCES } from '../../lib/api/resources.js';
import { fieldsOf, typeNameOf, type FieldType } from '../schema/type-map.js';
import type { GroupVersionKind } from './discovery-types.js';

export type Schema = Record<string, unknown>;

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
/** apimachinery's meta/v1 types; the models name them like any other V1 type. */
const META_TYPES = new Set([
  'ObjectMeta', 'ListMeta', 'LabelSelector', 'LabelSelectorRequirement', 'OwnerReference', 'ManagedFieldsEntry',
  'DeleteOptions', 'Preconditions', 'Condition', 'Status', 'StatusDetails', 'StatusCause',
]);

/** `discovery.k8s.io` → `discovery`, `` → `core`: the Go package an API group's types live in. */
const packageOfGroup = (group: string) => (group === '' ? 'core' : group.split('.')[0]!);

/** Model name → [package or undefined, version, bare name]: `CoreV1Event` → ['core', 'v1', 'Event']. */
function splitModelName(typeName: string): [string | undefined, string, string] | undefined {
  const m = /^([A-Z][a-z]+)?(V\d+(?:alpha\d+|beta\d+)?)([A-Z].*)$/.exec(typeName);
  return m ? [m[1]?.toLowerCase(), m[2]!.toLowerCase(), m[3]!] : undefined;
}

/**
 * A model name alone does not say which package a `V1` type belongs to (V1PodSpec is core, V1DeploymentSpec
 * apps). The owner is the first served kind, in registry order (core first), whose fields reach the type.
 */
const owners = new Map<string, string>();
function assignOwners(): void {
  for (const r of RESOURCES) {
    const kinds = [{ group: r.group, version: r.version, kind: r.kind }, ...r.subresources];
    for (const k of kinds) {
      const typeName = typeNameOf(k.group ? `${k.group}/${k.version}` : k.version, k.kind);
      const own = (t: string) => { if (!owners.has(t)) owners.set(t, packageOfGroup(k.group)); };
      if (typeName) for (const t of [typeName, `${typeName}List`]) walk(t, own);
    }
  }
}

/** The Kubernetes definition name of a model type: `V1PodSpec` → `io.k8s.api.core.v1.PodSpec`. */
export function schemaName(typeName: string): string {
  const parts = splitModelName(typeName);
  if (!parts) return typeName;
  const [pkg, version, bare] = parts;
  if (META_TYPES.has(bare) && !pkg) return `${META}.${bare}`;
  if (owners.size === 0) assignOwners();
  return `io.k8s.api.${pkg ?? owners.get(typeName) ?? 'core'}.${version}.${bare}`;
}

export function schemaRef(typeName: string): Schema {
  return { $ref: `#/components/schemas/${schemaName(typeName)}` };
}

/** Calls `visit` on `typeName` and every model type its fields reach, each once. */
function walk(typeName: string, visit: (t: string) => void, seen = new Set<string>()): Set<string> {
  if (seen.has(typeName) || !fieldsOf(typeName)) return seen;
  seen.add(typeName);
  visit(typeName);
  for (const f of fieldsOf(typeName)!.values()) {
    let t: FieldType = f.type;
    while (t.kind === 'array' || t.kind === 'map') t = t.of;
    if (t.kind === 'object') walk(t.typeName, visit, seen);
  }
  return seen;
}

/**
 * IntOrString is published as its own schema, like kube-apiserver does, so `kubectl explain` names the
 * type instead of printing <Object>; it carries no `type` because it is either of two.
 */
const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const INT_OR_STRING_SCHEMA: Schema = { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] };

function fieldSchema(t: FieldType): Schema {
  switch (t.kind) {
    case 'string': return { type: 'string' };
    case 'boolean': return { type: 'boolean' };
    case 'date': return { type: 'string', format: 'date-time' };
    // Integer arrays lose their element format in the models; every unformatted number is an integer.
    case 'number': return t.format === 'double' || t.format === 'float' ? { type: 'number', format: t.format } : { type: 'integer', ...(t.format ? { format: t.format } : {}) };
    case 'intOrString': return { allOf: [{ $ref: `#/components/schemas/${INT_OR_STRING}` }] };
    // FieldsV1 and MicroTime reach us untyped. Not `{}`: explain treats an empty schema as a missing field.
    case 'any': return { 'x-kubernetes-preserve-unknown-fields': true };
    case 'array': return { type: 'array', items: fieldSchema(t.of) };
    case 'map': return { type: 'object', additionalProperties: fieldSchema(t.of) };
    // allOf around the $ref, as kube-apiserver writes it, leaves room for siblings such as a description.
    case 'object': return { allOf: [schemaRef(t.typeName)] };
  }
}

const usesIntOrString = (t: FieldType): boolean =>
  t.kind === 'intOrString' || ((t.kind === 'array' || t.kind === 'map') && usesIntOrString(t.of));

function objectSchema(typeName: string): Schema {
  const properties: Record<string, Schema> = {};
  for (const f of fieldsOf(typeName)!.values()) properties[f.name] = fieldSchema(f.type);
  return { type: 'object', properties };
}

export interface SchemaRoot {
  typeName: string;
  /** Set for kinds (including List kinds): published as `x-kubernetes-group-version-kind`. */
  gvk?: GroupVersionKind;
}

/** The model types reachable from `typeNames` (themselves included); unknown names are skipped. */
export function reachableModels(typeNames: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const t of typeNames) walk(t, () => {}, seen);
  return [...seen];
}

/** All schemas reachable from `roots`, sorted by name. */
export function schemasFor(roots: readonly SchemaRoot[]): Record<string, Schema> {
  const seen = reachableModels(roots.map((r) => r.typeName));
  const names = new Map([...seen].map((t) => [schemaName(t), t]));
  if ([...seen].some((t) => [...fieldsOf(t)!.values()].some((f) => usesIntOrString(f.type)))) names.set(INT_OR_STRING, '');
  const schemas: Record<string, Schema> = {};
  for (const [name, typeName] of [...names].sort(([a], [b]) => (a < b ? -1 : 1))) {
    schemas[name] = typeName ? objectSchema(typeName) : { ...INT_OR_STRING_SCHEMA };
  }
  for (const { typeName, gvk } of roots) {
    const s = schemas[schemaName(typeName)];
    if (s && gvk) s['x-kubernetes-group-version-kind'] = [{ group: gvk.group, kind: gvk.kind, version: gvk.version }];
  }
  return schemas;
}
