/**
 * Labels and label selectors (apimachinery `pkg/apis/meta/v1/validation` and `pkg/labels`):
 * label keys are qualified names, values are label values, and a metav1.LabelSelector is validated
 * and turned into a matcher the way `metav1.LabelSelectorAsSelector` does, including its two special
 * cases: a nil selector matches nothing, an empty one matches everything.
 *
 * Errors for a bad label point at the map itself (`metadata.labels`), never at the key, as in Go.
 * Go walks maps in random order; kubelab walks keys sorted so output is stable.
 */
import { type ErrorList, child, forbidden, index, invalid, required } from './field-errors.js';
import { isQualifiedName, isValidLabelValue } from './names.js';

export function validateLabelName(name: string, field: string): ErrorList {
  return isQualifiedName(name).map((m) => invalid(field, name, m));
}

export function validateLabels(labels: Record<string, unknown> | null | undefined, field: string): ErrorList {
  const errs: ErrorList = [];
  for (const k of Object.keys(labels ?? {}).sort()) {
    const v = String(labels![k] ?? '');
    errs.push(...validateLabelName(k, field));
    errs.push(...isValidLabelValue(v).map((m) => invalid(field, v, m)));
  }
  return errs;
}

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

export function validateLabelSelectorRequirement(req: Record<string, any>, field: string): ErrorList {
  const errs: ErrorList = [];
  const values: unknown[] = Array.isArray(req.values) ? req.values : [];
  switch (req.operator) {
    case 'In': case 'NotIn':
      if (values.length === 0) errs.push(required(child(field, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists': case 'DoesNotExist':
      if (values.length > 0) errs.push(forbidden(child(field, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    default:
      errs.push(invalid(child(field, 'operator'), String(req.operator ?? ''), 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(String(req.key ?? ''), child(field, 'key')));
  values.forEach((v, i) => {
    errs.push(...isValidLabelValue(String(v)).map((m) => invalid(index(child(field, 'values'), i), String(v), m)));
  });
  return errs;
}

/** ValidateLabelSelector with AllowInvalidLabelValueInSelector off (how new objects are checked). */
export function validateLabelSelector(sel: Record<string, any> | null | undefined, field: string): ErrorList {
  if (!sel) return [];
  const errs = validateLabels(sel.matchLabels, child(field, 'matchLabels'));
  (Array.isArray(sel.matchExpressions) ? sel.matchExpressions : []).forEach((e: Record<string, any>, i: number) => {
    errs.push(...validateLabelSelectorRequirement(e ?? {}, index(child(field, 'matchExpressions'), i)));
  });
  return errs;
}

/** What LabelSelectorAsSelector returns: a matcher, "nothing" for nil, or an error it would report. */
export type Selector =
  | { kind: 'nothing' }
  | { kind: 'error' }
  | { kind: 'selector'; empty: boolean; matches: (labels: Record<string, string>) => boolean };

type Requirement = (labels: Record<string, string>) => boolean;

function requirement(e: Record<string, any>): Requirement | undefined {
  const key = String(e.key ?? '');
  const values: string[] = Array.isArray(e.values) ? e.values.map(String) : [];
  if (isQualifiedName(key).length) return undefined;
  switch (e.operator) {
    case 'In': return values.length ? (l) => key in l && values.includes(l[key]!) : undefined;
    case 'NotIn': return values.length ? (l) => !(key in l) || !values.includes(l[key]!) : undefined;
    case 'Exists': return values.length ? undefined : (l) => key in l;
    case 'DoesNotExist': return values.length ? undefined : (l) => !(key in l);
    default: return undefined;
  }
}

export function labelSelectorAsSelector(sel: Record<string, any> | null | undefined): Selector {
  if (sel === null || sel === undefined) return { kind: 'nothing' };
  const reqs: Requirement[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) {
    if (isQualifiedName(k).length || isValidLabelValue(String(v)).length) return { kind: 'error' };
    reqs.push((l) => l[k] === String(v));
  }
  for (const e of Array.isArray(sel.matchExpressions) ? sel.matchExpressions : []) {
    const r = requirement(e ?? {});
    if (!r) return { kind: 'error' };
    reqs.push(r);
  }
  return { kind: 'selector', empty: reqs.length === 0, matches: (labels) => reqs.every((r) => r(labels)) };
}

/** labels.Set(m).AsSelector() for map selectors (ReplicationController, Service). */
export function mapSelector(m: Record<string, unknown> | null | undefined): Selector {
  const entries = Object.entries(m ?? {});
  return {
    kind: 'selector',
    empty: entries.length === 0,
    matches: (labels) => entries.every(([k, v]) => labels[k] === String(v)),
  };
}

export function selectorMatches(s: Selector, labels: Record<string, unknown> | null | undefined): boolean {
  if (s.kind !== 'selector') return false;
  const strLabels: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels ?? {})) strLabels[k] = String(v);
  return s.matches(strLabels);
}
