/**
 * The "int or percentage" fields of rolling updates (maxSurge, maxUnavailable), as apps validation.go
 * checks them: a non-negative integer, or a string like "25%" that is at most 100% where it counts.
 * Go prints the bad value as the whole intstr.IntOrString struct, which kubectl users will recognise:
 * `Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"20Percent"}`.
 */
import { type ErrorList, invalid } from './field-errors.js';
import { goIntOrString } from './go-format.js';
import { isValidPercent } from './names.js';

/** The percentage value, when the value is a well-formed percent string. */
function percentValue(v: unknown): number | undefined {
  if (typeof v !== 'string' || isValidPercent(v).length) return undefined;
  return Number(v.slice(0, -1));
}

/** getIntOrPercentValue: the percentage, else the integer (Go's IntValue() of a bad string is 0). */
export function intOrPercentValue(v: unknown): number {
  const p = percentValue(v);
  if (p !== undefined) return p;
  if (typeof v === 'number') return v;
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : 0;
  return n;
}

export function validatePositiveIntOrPercent(v: unknown, field: string): ErrorList {
  if (typeof v === 'string') return isValidPercent(v).map((m) => invalid(field, goIntOrString(v), m));
  const n = typeof v === 'number' ? v : 0;
  return n < 0 ? [invalid(field, n, 'must be greater than or equal to 0')] : [];
}

export function isNotMoreThan100Percent(v: unknown, field: string): ErrorList {
  const p = percentValue(v);
  return p !== undefined && p > 100 ? [invalid(field, goIntOrString(v), 'must not be greater than 100%')] : [];
}
