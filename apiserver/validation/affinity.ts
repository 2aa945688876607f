/**
 * Pod affinity rules (core validation.go validateAffinity): node affinity terms and requirements,
 * preferred-term weights 1-100, pod (anti-)affinity terms with a valid label selector, namespaces that
 * are namespace names, and a required topologyKey. v1.32 checks node selector requirement keys but not
 * their values (value checking arrived in a later release).
 */
import { type ErrorList, child, forbidden, index, invalid, required } from './field-errors.js';
import { validateLabelName, validateLabelSelector } from './labels.js';
import { nameIsDNSSubdomain, validateNamespaceName } from './names.js';

function list(v: unknown): Record<string, any>[] {
  return Array.isArray(v) ? v.map((x) => x ?? {}) : [];
}

function validateNodeSelectorRequirement(rq: Record<string, any>, field: string): ErrorList {
  const errs: ErrorList = [];
  const values = Array.isArray(rq.values) ? rq.values : [];
  switch (rq.operator) {
    case 'In': case 'NotIn':
      if (values.length === 0) errs.push(required(child(field, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists': case 'DoesNotExist':
      if (values.length > 0) errs.push(forbidden(child(field, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt': case 'Lt':
      if (values.length !== 1) errs.push(required(child(field, 'values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(invalid(child(field, 'operator'), String(rq.operator ?? ''), 'not a valid selector operator'));
  }
  return [...errs, ...validateLabelName(String(rq.key ?? ''), child(field, 'key'))];
}

function validateNodeFieldSelectorRequirement(rq: Record<string, any>, field: string): ErrorList {
  const errs: ErrorList = [];
  const values: unknown[] = Array.isArray(rq.values) ? rq.values : [];
  if (rq.operator === 'In' || rq.operator === 'NotIn') {
    if (values.length !== 1) errs.push(required(child(field, 'values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
  } else {
    errs.push(invalid(child(field, 'operator'), String(rq.operator ?? ''), 'not a valid selector operator'));
  }
  if (rq.key !== 'metadata.name') {
    errs.push(invalid(child(field, 'key'), String(rq.key ?? ''), 'not a valid field selector key'));
  } else {
    values.forEach((v, i) => errs.push(...nameIsDNSSubdomain(String(v), false).map((m) => invalid(index(child(field, 'values'), i), String(v), m))));
  }
  return errs;
}

function validateNodeSelectorTerm(term: Record<string, any>, field: string): ErrorList {
  const errs: ErrorList = [];
  list(term.matchExpressions).forEach((r, j) => errs.push(...validateNodeSelectorRequirement(r, index(child(field, 'matchExpressions'), j))));
  list(term.matchFields).forEach((r, j) => errs.push(...validateNodeFieldSelectorRequirement(r, index(child(field, 'matchFields'), j))));
  return errs;
}

function validateNodeAffinity(na: Record<string, any>, field: string): ErrorList {
  const errs: ErrorList = [];
  const req = na.requiredDuringSchedulingIgnoredDuringExecution;
  if (req) {
    const termsPath = child(field, 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms');
    const terms = list(req.nodeSelectorTerms);
    if (terms.length === 0) errs.push(required(termsPath, 'must have at least one node selector term'));
    terms.forEach((t, i) => errs.push(...validateNodeSelectorTerm(t, index(termsPath, i))));
  }
  list(na.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
    const at = index(child(field, 'preferredDuringSchedulingIgnoredDuringExecution'), i);
    const w = Number(t.weight ?? 0);
    if (w <= 0 || w > 100) errs.push(invalid(child(at, 'weight'), w, 'must be in the range 1-100'));
    errs.push(...validateNodeSelectorTerm(t.preference ?? {}, child(at, 'preference')));
  });
  return errs;
}

function validatePodAffinityTerm(term: Record<string, any>, field: string): ErrorList {
  const errs = validateLabelSelector(term.labelSelector, child(field, 'labelSelector'));
  errs.push(...validateLabelSelector(term.namespaceSelector, child(field, 'namespaceSelector')));
  for (const ns of Array.isArray(term.namespaces) ? term.namespaces : []) {
    errs.push(...validateNamespaceName(String(ns), false).map((m) => invalid(child(field, 'namespace'), String(ns), m)));
  }
  const topologyKey = String(term.topologyKey ?? '');
  if (!topologyKey) errs.push(required(child(field, 'topologyKey'), 'can not be empty'));
  return [...errs, ...validateLabelName(topologyKey, child(field, 'topologyKey'))];
}

function validatePodAffinity(pa: Record<string, any>, field: string): ErrorList {
  const errs: ErrorList = [];
  list(pa.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
    errs.push(...validatePodAffinityTerm(t, index(child(field, 'requiredDuringSchedulingIgnoredDuringExecution'), i)));
  });
  list(pa.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, j) => {
    const at = index(child(field, 'preferredDuringSchedulingIgnoredDuringExecution'), j);
    const w = Number(t.weight ?? 0);
    if (w <= 0 || w > 100) errs.push(invalid(child(at, 'weight'), w, 'must be in the range 1-100'));
    errs.push(...validatePodAffinityTerm(t.podAffinityTerm ?? {}, child(at, 'podAffinityTerm')));
  });
  return errs;
}

export function validateAffinity(affinity: unknown, field: string): ErrorList {
  if (!affinity || typeof affinity !== 'object') return [];
  const a = affinity as Record<string, any>;
  const errs: ErrorList = [];
  if (a.nodeAffinity) errs.push(...validateNodeAffinity(a.nodeAffinity, child(field, 'nodeAffinity')));
  if (a.podAffinity) errs.push(...validatePodAffinity(a.podAffinity, child(field, 'podAffinity')));
  if (a.podAntiAffinity) errs.push(...validatePodAffinity(a.podAntiAffinity, child(field, 'podAntiAffinity')));
  return errs;
}
