/**
 * Service create and update entry points (core ValidateServiceCreate / ValidateServiceUpdate): the
 * cluster IP fields are first reconciled as the registry strategy does, then an update may not move
 * the primary cluster IP, change the IP families in place, change loadBalancerClass, or change the
 * health-check node port of a Local LoadBalancer; finally the new object must be a valid Service.
 */
import type { KubeObject } from '../../lib/api/types.js';
import { type ErrorList, forbidden, invalid } from './field-errors.js';
import { goSlice } from './go-format.js';
import type { SpecialIPOptions } from './ip.js';
import { validateObjectMetaUpdate } from './object-meta.js';
import { isHeadless, validateService } from './service.js';
import { normalizeClusterIPs, validateClusterIPsUpdate } from './service-cluster-ips.js';

type Spec = Record<string, any>;

export function validateServiceCreate(svc: KubeObject, ipOpts: SpecialIPOptions): ErrorList {
  return validateService({ ...svc, spec: normalizeClusterIPs(svc.spec ?? {}) }, ipOpts);
}

function validateIPFamiliesUpdate(old: Spec, next: Spec): ErrorList {
  if (next.type === 'ExternalName' || old.type === 'ExternalName') return [];
  if (isHeadless(old) || isHeadless(next)) return [];
  const o: string[] = Array.isArray(old.ipFamilies) ? old.ipFamilies : [];
  const n: string[] = Array.isArray(next.ipFamilies) ? next.ipFamilies : [];
  if (o.length !== n.length) return [];
  return o.some((f, i) => f !== n[i]) ? [invalid('spec.ipFamilies[0]', goSlice(n, '[]core.IPFamily'), 'may not change once set')] : [];
}

function validateLoadBalancerUpdate(old: Spec, next: Spec): ErrorList {
  const errs: ErrorList = [];
  if (old.type === 'LoadBalancer' && next.type === 'LoadBalancer' && (old.loadBalancerClass ?? null) !== (next.loadBalancerClass ?? null)) {
    errs.push(invalid('spec.loadBalancerClass', next.loadBalancerClass ?? null, 'may not change once set'));
  }
  const needs = (s: Spec) => s.type === 'LoadBalancer' && s.externalTrafficPolicy === 'Local';
  if (needs(old) && needs(next) && Number(old.healthCheckNodePort ?? 0) !== Number(next.healthCheckNodePort ?? 0)) {
    errs.push(forbidden('spec.healthCheckNodePort', 'field is immutable'));
  }
  return errs;
}

export function validateServiceUpdate(svc: KubeObject, old: KubeObject, ipOpts: SpecialIPOptions): ErrorList {
  const oldSpec: Spec = old.spec ?? {};
  const spec = normalizeClusterIPs(svc.spec ?? {}, oldSpec);
  return [
    ...validateObjectMetaUpdate(svc.metadata, old.metadata, 'metadata', { kubeFinalizers: true }),
    ...validateClusterIPsUpdate(oldSpec, spec),
    ...validateIPFamiliesUpdate(oldSpec, spec),
    ...validateLoadBalancerUpdate(oldSpec, spec),
    ...validateService({ ...svc, spec }, ipOpts),
  ];
}
