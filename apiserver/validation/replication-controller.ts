/**
 * ReplicationControllers (core ValidateReplicationController / ...Update): a non-empty map selector
 * (v1 defaulting copies the template labels into it), non-negative replicas and minReadySeconds, and a
 * template the selector selects, restarting Always. Unlike apps/v1 workloads, the selector may change.
 */
import type { KubeObject } from '../../lib/api/types.js';
import { type ErrorList, required } from './field-errors.js';
import { mapSelector } from './labels.js';
import { nameIsDNSSubdomain } from './names.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { validateControllerTemplate } from './pod-template.js';
import { nonNegative } from './workload.js';

function validateSpec(spec: Record<string, any>): ErrorList {
  const errs = nonNegative(spec.minReadySeconds, 'spec.minReadySeconds');
  if (Object.keys(spec.selector ?? {}).length === 0) errs.push(required('spec.selector'));
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'));
  errs.push(...validateControllerTemplate(spec.template ?? undefined, mapSelector(spec.selector), 'spec.template', 'ReplicationController'));
  return errs;
}

export function validateReplicationControllerCreate(rc: KubeObject): ErrorList {
  return [
    ...validateObjectMeta(rc.metadata, true, nameIsDNSSubdomain, 'metadata', { kubeFinalizers: true }),
    ...validateSpec(rc.spec ?? {}),
  ];
}

export function validateReplicationControllerUpdate(rc: KubeObject, old: KubeObject): ErrorList {
  return [...validateObjectMetaUpdate(rc.metadata, old.metadata, 'metadata', { kubeFinalizers: true }), ...validateSpec(rc.spec ?? {})];
}
