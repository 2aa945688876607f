/**
 * PodLogOptions from the query of `GET .../pods/{name}/log`, decoded and validated as kube-apiserver
 * does: Go's query conversion first (a malformed number is a 400 BadRequest), then
 * ValidatePodLogOptions (a 422 Invalid on kind PodLogOptions). Pure: `now` is a parameter, because
 * `sinceSeconds` becomes an absolute `sinceTime` here and the kubelet reads only that.
 */
import { BadRequestError, InvalidError } from '../../lib/errors.js';
import type { LogOptions } from '../../lib/nats/streaming-protocol.js';
import { forbidden, invalid, type ErrorList } from '../validation/field-errors.js';

export interface LogRequest {
  container?: string;
  options: LogOptions;
}

/** Go's query bool: absent is false, "0" and "false" (any case) are false, anything else is true. */
export function queryBool(value: string | undefined): boolean {
  if (value === undefined) return false;
  return !(value === '0' || value.toLowerCase() === 'false');
}

/** Go's strconv.ParseInt for a query int64, with its error text. */
export function queryInt(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[+-]?\d+$/.test(value)) throw new BadRequestError(`strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`);
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new BadRequestError(`strconv.ParseInt: parsing ${JSON.stringify(value)}: value out of range`);
  return n;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** metav1.Time from a query value (RFC 3339, whole seconds as Kubernetes keeps them). */
export function queryTime(value: string | undefined): Date | undefined {
  if (value === undefined || value === '' || value === 'null') return undefined;
  const d = new Date(value);
  if (!RFC3339.test(value) || Number.isNaN(d.getTime())) {
    throw new BadRequestError(`parsing time ${JSON.stringify(value)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(value)} as "2006"`);
  }
  d.setUTCMilliseconds(0); // metav1.Time has second precision on the wire
  return d;
}

export function parseLogRequest(podName: string, query: Record<string, string | undefined>, now: Date): LogRequest {
  const tailLines = queryInt(query.tailLines);
  const limitBytes = queryInt(query.limitBytes);
  const sinceSeconds = queryInt(query.sinceSeconds);
  const sinceTime = queryTime(query.sinceTime);
  const errs: ErrorList = [];
  if (tailLines !== undefined && tailLines < 0) errs.push(invalid('tailLines', tailLines, 'must be greater than or equal to 0'));
  if (limitBytes !== undefined && limitBytes < 1) errs.push(invalid('limitBytes', limitBytes, 'must be greater than 0'));
  if (sinceSeconds !== undefined && sinceTime !== undefined) {
    errs.push(forbidden('', 'at most one of `sinceTime` or `sinceSeconds` may be specified'));
  } else if (sinceSeconds !== undefined && sinceSeconds < 1) {
    errs.push(invalid('sinceSeconds', sinceSeconds, 'must be greater than 0'));
  }
  if (errs.length) throw new InvalidError('', 'PodLogOptions', podName, errs);
  const since = sinceTime ?? (sinceSeconds !== undefined ? new Date(now.getTime() - sinceSeconds * 1000) : undefined);
  const options: LogOptions = {
    follow: queryBool(query.follow),
    previous: queryBool(query.previous),
    timestamps: queryBool(query.timestamps),
    ...(tailLines !== undefined ? { tailLines } : {}),
    ...(since ? { sinceTime: since.toISOString() } : {}),
    ...(limitBytes !== undefined ? { limitBytes } : {}),
  };
  return { ...(query.container ? { container: query.container } : {}), options };
}
