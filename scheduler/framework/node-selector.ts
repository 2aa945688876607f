/**
 * Node selectors as the scheduler matches them (component-helpers nodeaffinity): a pod's nodeSelector
 * map, and NodeSelectorTerms of node affinity.
 *
 *   matchesNodeSelector(selector, labels)     every key=value in the map is on the node
 *   matchesTerms(terms, node)                 the terms are ORed; within a term every requirement is ANDed
 *   matchesTerm(term, node)                   an empty term (no expressions, no fields) matches nothing
 *
 * Operators: In, NotIn (also true when the label is absent), Exists, DoesNotExist, Gt and Lt (the label
 * and the single value parsed as integers; a label that is absent or not an integer does not match).
 * matchFields supports only `metadata.name` with In and NotIn, as the API allows. Pure.
 */
import type { Node, NodeSelectorRequirement, NodeSelectorTerm } from './types.js';

const INTEGER = /^[+-]?\d+$/;

function integer(s: string | undefined): bigint | undefined {
  return s !== undefined && INTEGER.test(s) ? BigInt(s) : undefined;
}

export function matchesRequirement(r: NodeSelectorRequirement, present: boolean, value: string | undefined): boolean {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return present && values.includes(value!);
    case 'NotIn':
      return !present || !values.includes(value!);
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return !present;
    case 'Gt':
    case 'Lt': {
      const have = present ? integer(value) : undefined;
      const want = values.length === 1 ? integer(values[0]) : undefined;
      if (have === undefined || want === undefined) return false;
      return r.operator === 'Gt' ? have > want : have < want;
    }
    default:
      return false;
  }
}

function fieldValue(node: Node, key: string): string | undefined {
  return key === 'metadata.name' ? node.metadata.name : undefined;
}

export function matchesTerm(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  const labelsOk = exprs.every((r) => matchesRequirement(r, r.key in labels, labels[r.key]));
  const fieldsOk = fields.every((r) => {
    const v = fieldValue(node, r.key);
    return (r.operator === 'In' || r.operator === 'NotIn') && matchesRequirement(r, v !== undefined, v);
  });
  return labelsOk && fieldsOk;
}

export function matchesTerms(terms: readonly NodeSelectorTerm[], node: Node): boolean {
  return terms.some((t) => matchesTerm(t, node));
}

export function matchesNodeSelector(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  const have = labels ?? {};
  return Object.entries(selector ?? {}).every(([k, v]) => k in have && have[k] === v);
}
