/**
 * core/v1 Events (core events.go). Events written through /api/v1 get only the "legacy" checks, for
 * compatibility with old clients: the event's namespace agrees with involvedObject.namespace (an event
 * about a cluster-scoped object lives in "default", or in kube-system for new-style events), and the
 * namespace is a DNS subdomain. Events with an eventTime (new-style, written by events.k8s.io clients
 * through the v1 API) must also name their reporting controller, instance, action and reason. An empty
 * involvedObject is accepted, as it is by a real server; names only meet the generic path rules.
 */
import type { KubeObject } from '../../lib/api/types.js';
import { type ErrorList, invalid, required } from './field-errors.js';
import { byteLength, isDNS1123Subdomain, isQualifiedName } from './names.js';

const LIMITS: [string, number][] = [['reportingInstance', 128], ['action', 128], ['reason', 128], ['message', 1024]];

function validateNewStyle(ev: KubeObject): ErrorList {
  const errs: ErrorList = [];
  const ns = ev.metadata.namespace ?? '';
  const involvedNs = String(ev.involvedObject?.namespace ?? '');
  if (!involvedNs && ns !== 'default' && ns !== 'kube-system') errs.push(invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace'));
  const controller = String(ev.reportingComponent ?? '');
  if (!controller) errs.push(required('reportingController'));
  errs.push(...isQualifiedName(controller).map((m) => invalid('reportingController', controller, m)));
  for (const [field, limit] of LIMITS) {
    const v = String(ev[field] ?? '');
    if (!v && field !== 'message') errs.push(required(field));
    if (byteLength(v) > limit) errs.push(invalid(field, '', `can have at most ${limit} characters`));
  }
  return errs;
}

function validateLegacy(ev: KubeObject): ErrorList {
  const ns = ev.metadata.namespace ?? '';
  const involvedNs = String(ev.involvedObject?.namespace ?? '');
  const mismatch = involvedNs ? ns !== involvedNs : ns !== '' && ns !== 'default';
  return mismatch ? [invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace')] : [];
}

export function validateEventCreate(ev: KubeObject): ErrorList {
  const errs = ev.eventTime ? validateNewStyle(ev) : validateLegacy(ev);
  const ns = ev.metadata.namespace ?? '';
  errs.push(...isDNS1123Subdomain(ns).map((m) => invalid('namespace', ns, m)));
  return errs;
}

/** Through /api/v1 an update gets the same legacy checks as a create, nothing more. */
export function validateEventUpdate(ev: KubeObject): ErrorList {
  return validateEventCreate(ev);
}
