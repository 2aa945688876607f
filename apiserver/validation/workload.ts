/**
 * What ReplicaSets and Deployments share (apps validation.go): non-negative counters, a required,
 * valid, non-empty label selector that can become a matcher, a template it selects, and — on update
 * through apps/v1 — a selector that never changes (the registry strategy's `field is immutable`).
 */
import { type ErrorList, child, invalid, required } from './field-errors.js';
import { goLabelSelector } from './go-format.js';
import { type Selector, labelSelectorAsSelector, validateLabelSelector } from './labels.js';
import { semanticEqual } from './semantic-equal.js';
import { validateControllerTemplate } from './pod-template.js';

export function nonNegative(value: unknown, field: string): ErrorList {
  const n = typeof value === 'number' ? value : 0;
  return n < 0 ? [invalid(field, n, 'must be greater than or equal to 0')] : [];
}

/**
 * spec.selector and spec.template as ValidateReplicaSetSpec / ValidateDeploymentSpec check them.
 * The empty-selector message says "deployment" for ReplicaSets too, as Go's does.
 */
export function validateSelectorAndTemplate(spec: Record<string, any>, field: string): ErrorList {
  const errs: ErrorList = [];
  const selPath = child(field, 'selector');
  const sel = spec.selector;
  if (sel === undefined || sel === null) {
    errs.push(required(selPath));
  } else {
    errs.push(...validateLabelSelector(sel, selPath));
    const n = Object.keys(sel.matchLabels ?? {}).length + (Array.isArray(sel.matchExpressions) ? sel.matchExpressions.length : 0);
    if (n === 0) errs.push(invalid(selPath, goLabelSelector(sel), 'empty selector is invalid for deployment'));
  }
  const selector: Selector = labelSelectorAsSelector(sel);
  if (selector.kind === 'error') errs.push(invalid(selPath, goLabelSelector(sel), 'invalid label selector'));
  else errs.push(...validateControllerTemplate(spec.template ?? {}, selector, child(field, 'template'), 'ReplicaSet'));
  return errs;
}

/** apps/v1 forbids changing spec.selector (registry strategies for Deployment, ReplicaSet, DaemonSet). */
export function validateSelectorImmutable(next: Record<string, any> | undefined, old: Record<string, any> | undefined): ErrorList {
  const a = next?.selector;
  const b = old?.selector;
  if (semanticEqual(a ?? null, b ?? null)) return [];
  return [invalid('spec.selector', a === undefined || a === null ? null : goLabelSelector(a), 'field is immutable')];
}
