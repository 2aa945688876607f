/**
 * resource.Quantity as kube-apiserver reads and writes it: "500m", "1Gi", "2", "1e3".
 *
 * Parsing follows apimachinery's ParseQuantity, including its three error texts (returned to clients
 * verbatim), rounding up to nanounits, and its rules for when the written string is kept as is and when
 * the stored form is re-rendered canonically (so `cpu: 0.5` is stored as `500m`, `1024Mi` as `1Gi`).
 * Values are exact: a BigInt unscaled value and a base-10 scale.
 *
 * Interface: parseQuantity, formatQuantity, cmpQuantity, roundUpQuantity. Pure.
 */

export const ERR_FORMAT_WRONG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const ERR_SUFFIX = "unable to parse quantity's suffix";

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  negative: boolean;
  /** Magnitude = unscaled × 10^scale. */
  unscaled: bigint;
  scale: number;
  format: QuantityFormat;
  /** The string as written, kept when it is already canonical. */
  s?: string;
}

export type ParsedQuantity = { ok: true; q: Quantity } | { ok: false; message: string };

const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

interface Pieces { negative: boolean; num: string; denom: string; suffix: string }

/** Splits "-1.5Gi" into sign, numerator, denominator and suffix; undefined for a malformed string. */
function split(str: string): Pieces | undefined {
  const m = /^([+-]?)0*(\d*)(?:\.(\d*))?([eEinumkKMGTP]*(?:[+-]?\d*))$/.exec(str);
  if (!m) return undefined;
  // A suffix may only be suffix letters, then an optional sign and digits (e.g. "e-3", "Ki").
  const letters = /^[eEinumkKMGTP]*/.exec(m[4]!)![0];
  if (!/^[+-]?\d*$/.test(m[4]!.slice(letters.length))) return undefined;
  return { negative: m[1] === '-', num: m[2] || '0', denom: m[3] ?? '', suffix: m[4]! };
}

function interpret(suffix: string): { base: 2 | 10; exp: number; format: QuantityFormat } | undefined {
  if (suffix in BINARY) return { base: 2, exp: BINARY[suffix]!, format: 'BinarySI' };
  if (suffix in DECIMAL) return { base: 10, exp: DECIMAL[suffix]!, format: 'DecimalSI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?\d+$/.test(suffix.slice(1))) {
    const exp = Number(suffix.slice(1));
    if (Math.abs(exp) <= 2 ** 31 - 1) return { base: 10, exp, format: 'DecimalExponent' };
  }
  return undefined;
}

const pow10 = (n: number) => 10n ** BigInt(n);

/** Whether ParseQuantity keeps the written string (its fast path for already-canonical input). */
function keepsString(p: Pieces, exp: number, format: QuantityFormat): boolean {
  const shifted = p.num + p.denom;
  if (format === 'BinarySI') {
    if (exp < 0 || p.denom.length > 0) return false;
    if (15 - p.num.length - Math.trunc((exp * 3) / 10) - 1 < 0) return false;
    return (BigInt(shifted) & 7n) !== 0n;
  }
  if (18 - shifted.length < 0) return false;
  const scale = exp - p.denom.length;
  if (scale < -9) return false;
  return scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
}

export function parseQuantity(str: string): ParsedQuantity {
  if (str.length === 0) return { ok: false, message: ERR_FORMAT_WRONG };
  if (str === '0') return { ok: true, q: { negative: false, unscaled: 0n, scale: 0, format: 'DecimalSI', s: '0' } };
  const p = split(str);
  if (!p) return { ok: false, message: ERR_FORMAT_WRONG };
  const how = interpret(p.suffix);
  if (!how) return { ok: false, message: ERR_SUFFIX };
  let unscaled = BigInt(p.num + p.denom);
  let scale = -p.denom.length;
  if (how.base === 10) scale += how.exp;
  else unscaled *= 2n ** BigInt(how.exp);
  const q: Quantity = roundUpQuantity({ negative: p.negative, unscaled, scale, format: how.format }, -9);
  if (q.unscaled === 0n) q.negative = false;
  if (q.format === 'BinarySI' && cmpMagnitude(q, ONE) < 0 && q.unscaled > 0n) q.format = 'DecimalSI';
  if (keepsString(p, how.exp, how.format)) q.s = str;
  return { ok: true, q };
}

const ONE: Quantity = { negative: false, unscaled: 1n, scale: 0, format: 'DecimalSI' };

/** Rounds the magnitude up (away from zero) to `scale` (-3 = milli), as Quantity.RoundUp does. */
export function roundUpQuantity(q: Quantity, scale: number): Quantity {
  if (q.scale >= scale) return { ...q };
  const div = pow10(scale - q.scale);
  const unscaled = (q.unscaled + div - 1n) / div;
  return { negative: q.negative, unscaled, scale, format: q.format };
}

function cmpMagnitude(a: Quantity, b: Quantity): number {
  const s = Math.min(a.scale, b.scale);
  const x = a.unscaled * pow10(a.scale - s);
  const y = b.unscaled * pow10(b.scale - s);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** a + b, exact; the format is a's (as Quantity.Add keeps the receiver's). */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  const s = Math.min(a.scale, b.scale);
  const x = (a.negative ? -1n : 1n) * a.unscaled * pow10(a.scale - s);
  const y = (b.negative ? -1n : 1n) * b.unscaled * pow10(b.scale - s);
  const sum = x + y;
  return { negative: sum < 0n, unscaled: sum < 0n ? -sum : sum, scale: s, format: a.format };
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function cmpQuantity(a: Quantity, b: Quantity): number {
  const sa = a.unscaled === 0n ? 0 : a.negative ? -1 : 1;
  const sb = b.unscaled === 0n ? 0 : b.negative ? -1 : 1;
  if (sa !== sb) return sa < sb ? -1 : 1;
  return sa * cmpMagnitude(a, b);
}

const DECIMAL_SUFFIX: Record<number, string> = Object.fromEntries(Object.entries(DECIMAL).map(([k, v]) => [v, k]));

function formatDecimal(q: Quantity): string {
  let m = q.unscaled;
  let e = q.scale;
  while (m % 10n === 0n) {
    m /= 10n;
    e++;
  }
  const r = ((e % 3) + 3) % 3;
  m *= pow10(r);
  e -= r;
  if (q.format === 'DecimalExponent') return `${m}${e === 0 ? '' : `e${e}`}`;
  return `${m}${DECIMAL_SUFFIX[e] ?? `e${e}`}`;
}

function formatBinary(q: Quantity): string | undefined {
  if (q.scale < 0 && q.unscaled % pow10(-q.scale) !== 0n) return undefined;
  let m = q.scale >= 0 ? q.unscaled * pow10(q.scale) : q.unscaled / pow10(-q.scale);
  if (m < 1024n) return undefined;
  let i = 0;
  while (m % 1024n === 0n && i < 6) {
    m /= 1024n;
    i++;
  }
  return `${m}${['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'][i]}`;
}

/** The string kube-apiserver writes for a quantity (Quantity.String). */
export function formatQuantity(q: Quantity): string {
  if (q.s !== undefined) return q.s;
  if (q.unscaled === 0n) return '0';
  const body = (q.format === 'BinarySI' ? formatBinary(q) : undefined) ?? formatDecimal(q);
  return q.negative ? `-${body}` : body;
}
