/**
 * Selector matching for the fake apiserver: the equality-based subset of label and field selectors
 * (`a=b`, `a==b`, `a!=b`, and for labels `a` / `!a`), enough for unit tests of components.
 * Field paths are dotted JSON paths (`metadata.name`, `spec.nodeName`, `status.phase`).
 */
import type { KubeObject } from '../../api/types.js';

function requirements(selector: string | undefined): string[] {
  return (selector ?? '').split(',').map((r) => r.trim()).filter(Boolean);
}

function split(req: string): { key: string; op: '=' | '!='; value: string } | undefined {
  const m = /^([^!=]+?)\s*(==|=|!=)\s*(.*)$/.exec(req);
  if (!m) return undefined;
  return { key: m[1]!, op: m[2] === '!=' ? '!=' : '=', value: m[3]! };
}

export function matchesLabels(obj: KubeObject, selector: string | undefined): boolean {
  const labels = obj.metadata.labels ?? {};
  return requirements(selector).every((req) => {
    const r = split(req);
    if (!r) return req.startsWith('!') ? !(req.slice(1) in labels) : req in labels;
    const has = r.key in labels && labels[r.key] === r.value;
    return r.op === '=' ? has : !has;
  });
}

function fieldValue(obj: KubeObject, path: string): string {
  let v: unknown = obj;
  for (const part of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return v === undefined || v === null ? '' : String(v);
}

export function matchesFields(obj: KubeObject, selector: string | undefined): boolean {
  return requirements(selector).every((req) => {
    const r = split(req);
    if (!r) return false;
    const equal = fieldValue(obj, r.key) === r.value;
    return r.op === '=' ? equal : !equal;
  });
}
