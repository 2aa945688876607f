/**
 * Finding out what kind of object a body claims to be, as apimachinery's JSON serializer does before
 * decoding it: read `apiVersion` and `kind` with Go's ordinary (case-insensitive, non-strict) decoder,
 * parse the group/version, then fill what is missing from the URL's resource
 * (gvkWithDefaults). So a body with no apiVersion and no kind at all is taken to be the URL's kind;
 * one whose apiVersion names only a group (`apps/`) of another group has no version and is an error.
 *
 * Interface: interpretTypeMeta(node) and withDefaults(...). Errors are thrown as TypeMetaError with
 * Go's text; the caller wraps them in the Status kube-apiserver sends.
 */
import type { JsonNode } from './json-node.js';
import { goValueNoun } from './json-node.js';

export class TypeMetaError extends Error {
  override readonly name = 'TypeMetaError';
}

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

const FIND_KIND_TYPE = 'struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }';

/** apimachinery's schema.ParseGroupVersion. */
export function parseGroupVersion(gv: string): { group: string; version: string } {
  if (gv === '' || gv === '/') return { group: '', version: '' };
  const parts = gv.split('/');
  if (parts.length === 1) return { group: '', version: gv };
  if (parts.length === 2) return { group: parts[0]!, version: parts[1]! };
  throw new TypeMetaError(`unexpected GroupVersion string: ${gv}`);
}

export function formatGroupVersion(gv: { group: string; version: string }): string {
  return gv.group ? `${gv.group}/${gv.version}` : gv.version;
}

/** SimpleMetaFactory.Interpret: the group, version and kind a body names (any may be empty). */
export function interpretTypeMeta(node: JsonNode): GroupVersionKind {
  const found = { apiVersion: '', kind: '' };
  let typeError: string | undefined;
  if (node.t === 'object') {
    for (const { key, value } of node.entries) {
      // encoding/json matches field names case-insensitively when no exact match exists.
      const field = key.toLowerCase() === 'apiversion' ? 'apiVersion' : key.toLowerCase() === 'kind' ? 'kind' : undefined;
      if (!field || value.t === 'null') continue;
      if (value.t === 'string') found[field] = value.v;
      else typeError ??= `json: cannot unmarshal ${goValueNoun(value)} into Go struct field .${field} of type string`;
    }
  } else if (node.t !== 'null') {
    typeError = `json: cannot unmarshal ${goValueNoun(node)} into Go value of type ${FIND_KIND_TYPE}`;
  }
  if (typeError) throw new TypeMetaError(`couldn't get version/kind; json parse error: ${typeError}`);
  return { ...parseGroupVersion(found.apiVersion), kind: found.kind };
}

/** gvkWithDefaults: take kind, and group/version, from the URL's resource where the body has none. */
export function withDefaults(actual: GroupVersionKind, defaults: GroupVersionKind): GroupVersionKind {
  const out = { ...actual };
  if (!out.kind) out.kind = defaults.kind;
  if (!out.version && !out.group) {
    out.group = defaults.group;
    out.version = defaults.version;
  }
  if (!out.version && out.group === defaults.group) out.version = defaults.version;
  return out;
}
