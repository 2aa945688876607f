/**
 * ReplicaSets (apps ValidateReplicaSet / ValidateReplicaSetUpdate, plus the apps/v1 strategy's
 * immutable selector): a DNS-1123 subdomain name, non-negative replicas and minReadySeconds, a
 * selector that selects the template, and a template that is a valid, always-restarting pod.
 */
import type { KubeObject } from '../../lib/api/types.js';
import type { ErrorList } from './field-errors.js';
import { nameIsDNSSubdomain } from './names.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { nonNegative, validateSelectorAndTemplate, validateSelectorImmutable } from './workload.js';

function validateReplicaSetSpec(spec: Record<string, any>): ErrorList {
  return [
    ...nonNegative(spec.replicas, 'spec.replicas'),
    ...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'),
    ...validateSelectorAndTemplate(spec, 'spec'),
  ];
}

export function validateReplicaSetCreate(rs: KubeObject): ErrorList {
  return [
    ...validateObjectMeta(rs.metadata, true, nameIsDNSSubdomain, 'metadata', { kubeFinalizers: true }),
    ...validateReplicaSetSpec(rs.spec ?? {}),
  ];
}

export function validateReplicaSetUpdate(rs: KubeObject, old: KubeObject): ErrorList {
  return [
    ...validateObjectMetaUpdate(rs.metadata, old.metadata, 'metadata', { kubeFinalizers: true }),
    ...validateReplicaSetSpec(rs.spec ?? {}),
    ...validateSelectorImmutable(rs.spec, old.spec),
  ];
}
