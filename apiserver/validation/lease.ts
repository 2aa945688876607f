/**
 * Leases (coordination ValidateLease / ValidateLeaseUpdate): a DNS-1123 subdomain name, a positive
 * leaseDurationSeconds and non-negative leaseTransitions when set, a known strategy, and a
 * preferredHolder only alongside a strategy.
 */
import type { KubeObject } from '../../lib/api/types.js';
import { type ErrorList, forbidden, invalid, notSupported } from './field-errors.js';
import { isQualifiedName, nameIsDNSSubdomain } from './names.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';

function validateSpec(spec: Record<string, any>): ErrorList {
  const errs: ErrorList = [];
  if (typeof spec.leaseDurationSeconds === 'number' && spec.leaseDurationSeconds <= 0) {
    errs.push(invalid('spec.leaseDurationSeconds', spec.leaseDurationSeconds, 'must be greater than 0'));
  }
  if (typeof spec.leaseTransitions === 'number' && spec.leaseTransitions < 0) {
    errs.push(invalid('spec.leaseTransitions', spec.leaseTransitions, 'must be greater than or equal to 0'));
  }
  if (typeof spec.strategy === 'string') {
    // Go builds this path with Child("strategy") twice (sic).
    const field = 'spec.strategy.strategy';
    if (!spec.strategy.includes('/')) {
      if (spec.strategy !== 'OldestEmulationVersion') errs.push(notSupported(field, spec.strategy, ['OldestEmulationVersion']));
    } else {
      errs.push(...isQualifiedName(spec.strategy).map((m) => invalid(field, spec.strategy, m)));
    }
  }
  if (spec.preferredHolder && !spec.strategy) {
    errs.push(forbidden('spec.preferredHolder', 'may only be specified if `strategy` is defined'));
  }
  return errs;
}

export function validateLeaseCreate(lease: KubeObject): ErrorList {
  return [...validateObjectMeta(lease.metadata, true, nameIsDNSSubdomain, 'metadata', { kubeFinalizers: false }), ...validateSpec(lease.spec ?? {})];
}

export function validateLeaseUpdate(lease: KubeObject, old: KubeObject): ErrorList {
  return [...validateObjectMetaUpdate(lease.metadata, old.metadata, 'metadata', { kubeFinalizers: false }), ...validateSpec(lease.spec ?? {})];
}
