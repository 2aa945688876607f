/**
 * DaemonSets (apps ValidateDaemonSet / ValidateDaemonSetUpdate, plus the apps/v1 strategy's immutable
 * selector): the selector selects the template (a missing selector selects nothing), is not empty,
 * and the template is an always-restarting pod; the update strategy is OnDelete or RollingUpdate with
 * exactly one of maxUnavailable and maxSurge non-zero, neither above 100%.
 */
import type { KubeObject } from '../../lib/api/types.js';
import { type ErrorList, child, invalid, notSupported, required } from './field-errors.js';
import { goIntOrString, goLabelSelector, goPointer, goStruct, goStringMap } from './go-format.js';
import { intOrPercentValue, isNotMoreThan100Percent, validatePositiveIntOrPercent } from './int-or-percent.js';
import { labelSelectorAsSelector, selectorMatches, validateLabelSelector } from './labels.js';
import { nameIsDNSSubdomain } from './names.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { restartAndDeadline, validatePodTemplateSpec } from './pod-template.js';
import { nonNegative, validateSelectorImmutable } from './workload.js';

function validateRollingUpdate(ru: Record<string, any>, field: string): ErrorList {
  const errs = [
    ...validatePositiveIntOrPercent(ru.maxUnavailable, child(field, 'maxUnavailable')),
    ...validatePositiveIntOrPercent(ru.maxSurge, child(field, 'maxSurge')),
    ...isNotMoreThan100Percent(ru.maxUnavailable, child(field, 'maxUnavailable')),
    ...isNotMoreThan100Percent(ru.maxSurge, child(field, 'maxSurge')),
  ];
  const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
  if (hasUnavailable && hasSurge) errs.push(invalid(child(field, 'maxSurge'), goIntOrString(ru.maxSurge), 'may not be set when maxUnavailable is non-zero'));
  if (!hasUnavailable && !hasSurge) errs.push(required(child(field, 'maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
  return errs;
}

function validateUpdateStrategy(strategy: Record<string, any>, field: string): ErrorList {
  if (strategy.type === 'OnDelete') return [];
  if (strategy.type === 'RollingUpdate') {
    if (!strategy.rollingUpdate) return [required(child(field, 'rollingUpdate'))];
    return validateRollingUpdate(strategy.rollingUpdate, child(field, 'rollingUpdate'));
  }
  const value = goStruct('apps.DaemonSetUpdateStrategy', [
    ['Type', String(strategy.type ?? '')],
    ['RollingUpdate', goPointer('apps.RollingUpdateDaemonSet', strategy.rollingUpdate)],
  ]);
  return [notSupported(field, value, ['RollingUpdate', 'OnDelete'])];
}

function validateDaemonSetSpec(spec: Record<string, any>): ErrorList {
  const template = spec.template ?? {};
  const errs = validateLabelSelector(spec.selector, 'spec.selector');
  const selector = labelSelectorAsSelector(spec.selector);
  if (selector.kind !== 'error' && !selectorMatches(selector, template.metadata?.labels)) {
    errs.push(invalid('spec.template.metadata.labels', goStringMap(template.metadata?.labels), '`selector` does not match template `labels`'));
  }
  const sel = spec.selector;
  if (sel && Object.keys(sel.matchLabels ?? {}).length + (Array.isArray(sel.matchExpressions) ? sel.matchExpressions.length : 0) === 0) {
    errs.push(invalid('spec.selector', goLabelSelector(sel), 'empty selector is invalid for daemonset'));
  }
  errs.push(...validatePodTemplateSpec(template, 'spec.template'));
  errs.push(...restartAndDeadline(template.spec ?? {}, 'spec.template.spec', 'DaemonSet'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...validateUpdateStrategy(spec.updateStrategy ?? {}, 'spec.updateStrategy'));
  if (typeof spec.revisionHistoryLimit === 'number') errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  return errs;
}

export function validateDaemonSetCreate(ds: KubeObject): ErrorList {
  return [
    ...validateObjectMeta(ds.metadata, true, nameIsDNSSubdomain, 'metadata', { kubeFinalizers: true }),
    ...validateDaemonSetSpec(ds.spec ?? {}),
  ];
}

export function validateDaemonSetUpdate(ds: KubeObject, old: KubeObject): ErrorList {
  return [
    ...validateObjectMetaUpdate(ds.metadata, old.metadata, 'metadata', { kubeFinalizers: true }),
    ...validateDaemonSetSpec(ds.spec ?? {}),
    ...validateSelectorImmutable(ds.spec, old.spec),
  ];
}
