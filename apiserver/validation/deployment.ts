/**
 * Deployments (apps ValidateDeployment / ValidateDeploymentUpdate, plus the apps/v1 strategy's
 * immutable selector): everything a ReplicaSet needs, a strategy that is Recreate (without
 * rollingUpdate) or RollingUpdate with maxSurge/maxUnavailable as non-negative ints or percentages,
 * not both zero and maxUnavailable at most 100%, non-negative revisionHistoryLimit, and a
 * progressDeadlineSeconds longer than minReadySeconds.
 */
import type { KubeObject } from '../../lib/api/types.js';
import { type ErrorList, child, forbidden, invalid, notSupported, required } from './field-errors.js';
import { goIntOrString, goPointer, goStruct } from './go-format.js';
import { intOrPercentValue, isNotMoreThan100Percent, validatePositiveIntOrPercent } from './int-or-percent.js';
import { nameIsDNSSubdomain } from './names.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { nonNegative, validateSelectorAndTemplate, validateSelectorImmutable } from './workload.js';

function validateRollingUpdate(ru: Record<string, any>, field: string): ErrorList {
  const unavailable = child(field, 'maxUnavailable');
  const errs = [
    ...validatePositiveIntOrPercent(ru.maxUnavailable, unavailable),
    ...validatePositiveIntOrPercent(ru.maxSurge, child(field, 'maxSurge')),
  ];
  if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
    errs.push(invalid(unavailable, goIntOrString(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
  }
  errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, unavailable));
  return errs;
}

function validateStrategy(strategy: Record<string, any>, field: string): ErrorList {
  switch (strategy.type) {
    case 'Recreate':
      return strategy.rollingUpdate ? [forbidden(child(field, 'rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")] : [];
    case 'RollingUpdate':
      if (!strategy.rollingUpdate) return [required(child(field, 'rollingUpdate'), 'this should be defaulted and never be nil')];
      return validateRollingUpdate(strategy.rollingUpdate, child(field, 'rollingUpdate'));
    default: {
      // Go passes the whole DeploymentStrategy struct as the bad value.
      const value = goStruct('apps.DeploymentStrategy', [
        ['Type', String(strategy.type ?? '')],
        ['RollingUpdate', goPointer('apps.RollingUpdateDeployment', strategy.rollingUpdate)],
      ]);
      return [notSupported(field, value, ['Recreate', 'RollingUpdate'])];
    }
  }
}

function validateDeploymentSpec(spec: Record<string, any>): ErrorList {
  const errs = [
    ...nonNegative(spec.replicas, 'spec.replicas'),
    ...validateSelectorAndTemplate(spec, 'spec'),
    ...validateStrategy(spec.strategy ?? {}, 'spec.strategy'),
    ...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'),
  ];
  if (typeof spec.revisionHistoryLimit === 'number') errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  const pds = spec.progressDeadlineSeconds;
  if (typeof pds === 'number') {
    errs.push(...nonNegative(pds, 'spec.progressDeadlineSeconds'));
    if (pds <= (typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0)) {
      errs.push(invalid('spec.progressDeadlineSeconds', pds, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

export function validateDeploymentCreate(d: KubeObject): ErrorList {
  return [
    ...validateObjectMeta(d.metadata, true, nameIsDNSSubdomain, 'metadata', { kubeFinalizers: true }),
    ...validateDeploymentSpec(d.spec ?? {}),
  ];
}

export function validateDeploymentUpdate(d: KubeObject, old: KubeObject): ErrorList {
  return [
    ...validateObjectMetaUpdate(d.metadata, old.metadata, 'metadata', { kubeFinalizers: true }),
    ...validateDeploymentSpec(d.spec ?? {}),
    ...validateSelectorImmutable(d.spec, old.spec),
  ];
}
