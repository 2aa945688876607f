/**
 * Field selectors, as apimachinery's `pkg/fields` defines them: `parseFieldSelector` reads `f=v`, `f==v`,
 * `f!=v` joined by commas, with `\,` `\=` `\\` escapes in values; `convertFieldSelector` checks every
 * field against the per-resource table (`FIELD_SELECTORS`), which also says how to read each field from
 * an object (`selectableFields`). Errors are BadRequestErrors with the real server's message.
 */
import { BadRequestError } from '../errors.js';
import type { KubeObject } from './types.js';


export interface FieldRequirement {
  field: string;
  operator: '=' | '==' | '!=';
  value: string;
}

/** fields.EscapeValue: makes any string safe as a selector value. */
export function escapeFieldValue(value: string): string {
  return value.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/** fields.UnescapeValue. Go prints the offending rune with %v, i.e. as its code point number. */
export function unescapeFieldValue(s: string): string {
  let out = '';
  let slash = false;
  for (const c of s) {
    if (slash) {
      if (!'\\,='.includes(c)) throw new BadRequestError(`invalid field selector: invalid escape sequence: \\${c}`);
      out += c;
      slash = false;
    } else if (c === '\\') slash = true;
    else if (c === ',' || c === '=') throw new BadRequestError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    else out += c;
  }
  if (slash) throw new BadRequestError('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** Splits on commas that are not escaped; the escapes stay in the terms. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let start = 0;
  let slash = false;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (slash) slash = false;
    else if (c === '\\') slash = true;
    else if (c === ',') { terms.push(selector.slice(start, i)); start = i + 1; }
  }
  return selector ? [...terms, selector.slice(start)] : [];
}

/** fields.ParseSelector: terms sorted as the real parser sorts them, values unescaped. */
export function parseFieldSelector(selector: string): FieldRequirement[] {
  const reqs: FieldRequirement[] = [];
  for (const term of splitTerms(selector).sort()) {
    if (term === '') continue;
    // The left side has no escaping, so the first operator found splits the term; `!=` and `==` are
    // tried before `=` at each position so that `a==b` does not leave `=b` as the value.
    const m = /^(.*?)(!=|==|=)(.*)$/s.exec(term);
    if (!m) throw new BadRequestError(`invalid selector: '${selector}'; can't understand '${term}'`);
    reqs.push({ field: m[1]!, operator: m[2] as FieldRequirement['operator'], value: unescapeFieldValue(m[3]!) });
  }
  return reqs;
}

/** fields.Selector.Matches: a missing field reads as "". */
export function matchesFields(reqs: readonly FieldRequirement[], get: (field: string) => string | undefined): boolean {
  return reqs.every((r) => ((get(r.field) ?? '') === r.value) !== (r.operator === '!='));
}

/** fields.Selector.String(): `==` prints as `=`, values escaped. */
export function fieldSelectorString(reqs: readonly FieldRequirement[]): string {
  return reqs.map((r) => `${r.field}${r.operator === '!=' ? '!=' : '='}${escapeFieldValue(r.value)}`).join(',');
}

// --- Which fields each resource can be selected by, and how each is read from an object. Mirrors the
// field label conversion funcs (pkg/apis/*/v1/conversion.go) and ToSelectableFields in each registry
// strategy. Kinds without a conversion func get apimachinery's default: name and namespace only, with a
// different error message.

type Getter = (o: KubeObject) => string | undefined;
const at = (...path: string[]): Getter => (o) => {
  let v: any = o;
  for (const p of path) v = v?.[p];
  return v === undefined || v === null ? undefined : String(v);
};
const name: Getter = at('metadata', 'name');
const namespace: Getter = at('metadata', 'namespace');
const bool = (g: Getter): Getter => (o) => String(g(o) === 'true');

export interface FieldSelectorSupport {
  /** Field path → how to read it. */
  fields: Record<string, Getter>;
  /** Old names the server still accepts, rewritten to the current one (pods: spec.host). */
  aliases?: Record<string, string>;
  /** False for kinds without a registered conversion func: apimachinery's default error message. */
  registered: boolean;
}

const DEFAULT_SUPPORT: FieldSelectorSupport = { fields: { 'metadata.name': name, 'metadata.namespace': namespace }, registered: false };

/** Keyed by qualified resource (`pods`, `deployments.apps`). */
export const FIELD_SELECTORS: Readonly<Record<string, FieldSelectorSupport>> = {
  pods: {
    registered: true,
    aliases: { 'spec.host': 'spec.nodeName' },
    fields: {
      'metadata.name': name, 'metadata.namespace': namespace,
      'spec.nodeName': at('spec', 'nodeName'), 'spec.restartPolicy': at('spec', 'restartPolicy'),
      'spec.schedulerName': at('spec', 'schedulerName'), 'spec.serviceAccountName': at('spec', 'serviceAccountName'),
      'spec.hostNetwork': bool(at('spec', 'hostNetwork')), 'status.phase': at('status', 'phase'),
      'status.podIP': (o) => o.status?.podIPs?.[0]?.ip ?? o.status?.podIP,
      'status.nominatedNodeName': at('status', 'nominatedNodeName'),
    },
  },
  // Cluster-scoped kinds with their own conversion func do not accept metadata.namespace.
  nodes: { registered: true, fields: { 'metadata.name': name, 'spec.unschedulable': bool(at('spec', 'unschedulable')) } },
  namespaces: { registered: true, fields: { 'metadata.name': name, 'status.phase': at('status', 'phase') } },
  replicationcontrollers: {
    registered: true,
    fields: { 'metadata.name': name, 'metadata.namespace': namespace, 'status.replicas': (o) => String(o.status?.replicas ?? 0) },
  },
  services: {
    registered: true,
    fields: { 'metadata.name': name, 'metadata.namespace': namespace, 'spec.clusterIP': at('spec', 'clusterIP'), 'spec.type': at('spec', 'type') },
  },
  events: {
    registered: true,
    fields: {
      'metadata.name': name, 'metadata.namespace': namespace,
      ...Object.fromEntries(['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath']
        .map((f) => [`involvedObject.${f}`, at('involvedObject', f)])),
      reason: at('reason'), reportingComponent: at('reportingComponent'), source: at('source', 'component'), type: at('type'),
    },
  },
};

/** The fields `resource` supports; every other served resource gets name and namespace. */
export function fieldSelectorSupport(qualifiedResource: string): FieldSelectorSupport {
  return FIELD_SELECTORS[qualifiedResource] ?? DEFAULT_SUPPORT;
}

/** The apiserver's field label conversion: rejects unsupported fields (400) and applies aliases. */
export function convertFieldSelector(qualifiedResource: string, reqs: readonly FieldRequirement[]): FieldRequirement[] {
  const support = fieldSelectorSupport(qualifiedResource);
  return reqs.map((r) => {
    const field = support.aliases?.[r.field] ?? r.field;
    if (support.fields[field]) return { ...r, field };
    throw new BadRequestError(support.registered
      ? `field label not supported: ${r.field}`
      : `${JSON.stringify(r.field)} is not a known field selector: only "metadata.name", "metadata.namespace"`);
  });
}

/** A getter over the selectable fields of `obj`, for matchesFields. */
export function selectableFields(qualifiedResource: string, obj: KubeObject): (field: string) => string | undefined {
  const { fields } = fieldSelectorSupport(qualifiedResource);
  return (field) => fields[field]?.(obj);
}
