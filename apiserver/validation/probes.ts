/**
 * Probes and lifecycle hooks (core validation.go validateProbe / validateHandler / validateLifecycle):
 * exactly one handler (exec, httpGet, tcpSocket, grpc for probes; exec, httpGet, tcpSocket, sleep for
 * hooks), handler fields valid (exec command, httpGet path/port/scheme, ports as numbers or names),
 * timing fields non-negative, successThreshold 1 for liveness and startup probes.
 */
import { type ErrorList, child, forbidden, invalid, notSupported, required } from './field-errors.js';
import { isHTTPHeaderName } from './names.js';
import { validatePortNumOrName } from './ports.js';

const HANDLER_ORDER = ['exec', 'httpGet', 'tcpSocket', 'grpc', 'sleep'] as const;
type HandlerKind = (typeof HANDLER_ORDER)[number];

function validateExec(exec: Record<string, any>, field: string): ErrorList {
  return Array.isArray(exec.command) && exec.command.length > 0 ? [] : [required(child(field, 'command'))];
}

function validateHTTPGet(http: Record<string, any>, field: string): ErrorList {
  const errs: ErrorList = [];
  if (!http.path) errs.push(required(child(field, 'path')));
  errs.push(...validatePortNumOrName(http.port, child(field, 'port')));
  const scheme = String(http.scheme ?? '');
  if (scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(notSupported(child(field, 'scheme'), scheme, ['HTTP', 'HTTPS']));
  for (const h of Array.isArray(http.httpHeaders) ? http.httpHeaders : []) {
    const name = String(h?.name ?? '');
    errs.push(...isHTTPHeaderName(name).map((m) => invalid(child(field, 'httpHeaders'), name, m)));
  }
  return errs;
}

function validateSleep(sleep: Record<string, any>, gracePeriod: number | undefined, field: string): ErrorList {
  const seconds = Number(sleep.seconds ?? 0);
  // v1.32 default: PodLifecycleSleepActionAllowZero is alpha and off, so zero is rejected.
  if (gracePeriod !== undefined && (seconds <= 0 || seconds > gracePeriod)) {
    return [invalid(field, seconds, `must be greater than 0 and less than terminationGracePeriodSeconds (${gracePeriod}). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.`)];
  }
  return [];
}

function validateOne(kind: HandlerKind, h: Record<string, any>, gracePeriod: number | undefined, field: string): ErrorList {
  switch (kind) {
    case 'exec': return validateExec(h, field);
    case 'httpGet': return validateHTTPGet(h, field);
    case 'tcpSocket': return validatePortNumOrName(h.port, child(field, 'port'));
    case 'grpc': return validatePortNumOrName(typeof h.port === 'number' ? h.port : 0, child(field, 'port'));
    case 'sleep': return validateSleep(h, gracePeriod, field);
  }
}

/** One handler only: the first one set is validated, every later one is Forbidden. */
function validateHandler(handler: Record<string, any>, allowed: readonly HandlerKind[], gracePeriod: number | undefined, field: string): ErrorList {
  const errs: ErrorList = [];
  let count = 0;
  for (const kind of HANDLER_ORDER) {
    if (!allowed.includes(kind) || !handler[kind]) continue;
    if (count > 0) errs.push(forbidden(child(field, kind), 'may not specify more than 1 handler type'));
    else errs.push(...validateOne(kind, handler[kind], gracePeriod, child(field, kind)));
    count++;
  }
  if (count === 0) errs.push(required(field, 'must specify a handler type'));
  return errs;
}

const PROBE_HANDLERS: HandlerKind[] = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const LIFECYCLE_HANDLERS: HandlerKind[] = ['exec', 'httpGet', 'tcpSocket', 'sleep'];

function nonNegative(value: unknown, field: string): ErrorList {
  const n = Number(value ?? 0);
  return n < 0 ? [invalid(field, n, 'must be greater than or equal to 0')] : [];
}

function validateProbe(probe: Record<string, any>, gracePeriod: number | undefined, field: string): ErrorList {
  const errs = validateHandler(probe, PROBE_HANDLERS, gracePeriod, field);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...nonNegative(probe[f], child(field, f)));
  }
  const tgps = probe.terminationGracePeriodSeconds;
  if (typeof tgps === 'number' && tgps <= 0) errs.push(invalid(child(field, 'terminationGracePeriodSeconds'), tgps, 'must be greater than 0'));
  return errs;
}

export type ProbeKind = 'livenessProbe' | 'readinessProbe' | 'startupProbe';

export function validateContainerProbe(kind: ProbeKind, probe: unknown, gracePeriod: number | undefined, field: string): ErrorList {
  if (!probe || typeof probe !== 'object') return [];
  const p = probe as Record<string, any>;
  const errs = validateProbe(p, gracePeriod, field);
  if (kind !== 'readinessProbe' && Number(p.successThreshold ?? 0) !== 1) {
    errs.push(invalid(child(field, 'successThreshold'), Number(p.successThreshold ?? 0), 'must be 1'));
  }
  if (kind === 'readinessProbe' && p.terminationGracePeriodSeconds !== undefined && p.terminationGracePeriodSeconds !== null) {
    errs.push(invalid(child(field, 'terminationGracePeriodSeconds'), p.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));
  }
  return errs;
}

export function validateLifecycle(lifecycle: Record<string, any>, gracePeriod: number | undefined, field: string): ErrorList {
  const errs: ErrorList = [];
  for (const hook of ['postStart', 'preStop']) {
    if (lifecycle[hook]) errs.push(...validateHandler(lifecycle[hook], LIFECYCLE_HANDLERS, gracePeriod, child(field, hook)));
  }
  return errs;
}
