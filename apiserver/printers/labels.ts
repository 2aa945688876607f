/**
 * Label maps and label selectors rendered as text, the way apimachinery's `labels` package does for
 * the Selector and Node Selector columns.
 *
 * Interface:
 *   formatLabels(map)                 labels.FormatLabels: sorted `k=v,k2=v2`, `<none>` when empty
 *   labelSelectorString(sel)          LabelSelectorAsSelector(sel).String(); throws on an invalid selector
 *   formatLabelSelector(sel)          metav1.FormatLabelSelector: `<none>` when empty, `<error>` if invalid
 *
 * Invariants: pure. Requirements are ordered by key and `in`/`notin` values are sorted, so the text
 * does not depend on JSON key order. Validation covers the operator/value rules a selector must obey
 * to be converted; label key and value syntax is the apiserver validator's job, not repeated here.
 */

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/** Sorted `key=value` pairs; the sort is over the whole pair, as Go's Set.String sorts. */
export function formatLabels(labels: Record<string, string> | null | undefined): string {
  const pairs = Object.entries(labels ?? {}).map(([k, v]) => `${k}=${v}`);
  const text = pairs.sort(byCodeUnit).join(',');
  return text === '' ? '<none>' : text;
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Requirement {
  key: string;
  text: string;
}

const SET_OPERATORS: Record<string, string> = { In: ' in ', NotIn: ' notin ' };

function requirementFromExpression(expr: LabelSelectorRequirement): Requirement {
  const values = expr.values ?? [];
  const op = expr.operator;
  if (op in SET_OPERATORS) {
    if (values.length === 0) throw new Error(`values: Required value: for 'in', 'notin' operators, values set can't be empty`);
    const sorted = [...values].sort(byCodeUnit).join(',');
    return { key: expr.key, text: `${expr.key}${SET_OPERATORS[op]}(${sorted})` };
  }
  if (op === 'Exists' || op === 'DoesNotExist') {
    if (values.length > 0) throw new Error(`values: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`);
    return { key: expr.key, text: op === 'Exists' ? expr.key : `!${expr.key}` };
  }
  throw new Error(`"${op}" is not a valid label selector operator`);
}

/**
 * The selector in query-string syntax (`app=web,tier in (a,b),!legacy`). A missing selector selects
 * nothing and an empty one everything; both print as the empty string, as in Go.
 */
export function labelSelectorString(selector: LabelSelector | null | undefined): string {
  if (!selector) return '';
  const reqs: Requirement[] = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => ({ key, text: `${key}=${value}` }));
  for (const expr of selector.matchExpressions ?? []) reqs.push(requirementFromExpression(expr));
  // Array.prototype.sort is stable, so equal keys keep their source order.
  return reqs.sort((a, b) => byCodeUnit(a.key, b.key)).map((r) => r.text).join(',');
}

export function formatLabelSelector(selector: LabelSelector | null | undefined): string {
  let text: string;
  try {
    text = labelSelectorString(selector);
  } catch {
    return '<error>';
  }
  return text === '' ? '<none>' : text;
}
