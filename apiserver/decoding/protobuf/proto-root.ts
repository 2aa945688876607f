/**
 * Builds the protobufjs reflection schema from our tables, once, and looks message types up by their
 * table name (`core.Pod`).
 *
 * Every type is declared with proto2 semantics, as the Kubernetes .proto files are: a scalar read from
 * the wire is kept even when it is zero (own property on the decoded message), so to-json.ts can tell
 * a pointer set to 0 from an absent one; strings are not UTF-8-validated, as gogo does not.
 *
 * Interface: protoType(name) → protobuf.Type; protoFullName(name).
 */
import protobuf from 'protobufjs';
import { SCALARS, type FieldSpec } from './schema-dsl.js';
import { MESSAGES, PROTO_PACKAGES } from './tables/index.js';

/** `core.Pod` → `k8s.io.api.core.v1.Pod`. */
export function protoFullName(name: string): string {
  const dot = name.indexOf('.');
  const pkg = PROTO_PACKAGES[name.slice(0, dot)];
  if (!pkg) throw new Error(`no proto package for ${name}`);
  return `${pkg}.${name.slice(dot + 1)}`;
}

function fieldDescriptor(f: FieldSpec): protobuf.IField & { keyType?: string } {
  const type = SCALARS.has(f.type) ? f.type : `.${protoFullName(f.type)}`;
  if (f.label === 'map') return { id: f.id, type, keyType: 'string' };
  return f.label === 'repeated' ? { id: f.id, type, rule: 'repeated' } : { id: f.id, type };
}

/** The JSON descriptor protobufjs reads: nested namespaces down to each package, then its types. */
function descriptor(): protobuf.INamespace {
  const root: protobuf.INamespace = { nested: {} };
  for (const m of MESSAGES) {
    const parts = protoFullName(m.name).split('.');
    let ns = root;
    for (const part of parts.slice(0, -1)) {
      ns.nested ??= {};
      ns = (ns.nested[part] ??= { nested: {} }) as protobuf.INamespace;
    }
    const fields = Object.fromEntries(m.fields.map((f) => [f.json, fieldDescriptor(f)]));
    ns.nested![parts[parts.length - 1]!] = { edition: 'proto2', fields } as protobuf.IType;
  }
  return root;
}

let root: protobuf.Root | undefined;

/** The reflected type of a table message; throws for a name that is not in the tables. */
export function protoType(name: string): protobuf.Type {
  if (!root) {
    root = protobuf.Root.fromJSON(descriptor());
    root.resolveAll();
  }
  return root.lookupType(protoFullName(name));
}
