/**
 * resource.Quantity as apimachinery parses, compares and prints it. Validation messages quote
 * quantities in their canonical form ("must be less than or equal to cpu limit of 500m" even when the
 * manifest said 0.5), so kubelab needs the same canonicalisation:
 *
 *   - the suffix picks the format: none or n/u/m/k/M/G/T/P/E → DecimalSI, Ki/Mi/Gi/Ti/Pi/Ei → BinarySI,
 *     e/E followed by an exponent → DecimalExponent;
 *   - the value is kept exactly, rounded up to a whole nano (10^-9), as Go rounds "so that a request
 *     for some resource always gets some";
 *   - printing picks the largest suffix that keeps an integer mantissa (1000m → 1, 0.5 → 500m, 1.5Gi →
 *     1536Mi); BinarySI values below 1024 or not whole print as DecimalSI.
 *
 * Values are held as a BigInt count of nano-units, so comparisons are exact.
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The value times 10^9, rounded away from zero. */
  nanos: bigint;
  format: QuantityFormat;
}

/** The message the real server's decoder answers for a string that is no quantity at all. */
export const QUANTITY_SYNTAX_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

const NANO = 10n ** 9n;

function pow10(e: number): bigint {
  return 10n ** BigInt(e);
}

interface Suffix {
  base: 2 | 10;
  exponent: number;
  format: QuantityFormat;
}

function interpretSuffix(s: string): Suffix | undefined {
  if (s in DECIMAL_SUFFIX) return { base: 10, exponent: DECIMAL_SUFFIX[s]!, format: 'DecimalSI' };
  if (s in BINARY_SUFFIX) return { base: 2, exponent: BINARY_SUFFIX[s]!, format: 'BinarySI' };
  const m = /^[eE]([-+]?\d+)$/.exec(s);
  if (m) return { base: 10, exponent: Number(m[1]), format: 'DecimalExponent' };
  return undefined;
}

/** Parses a quantity as JSON carries it (a string, or a number YAML left unquoted). */
export function parseQuantity(input: unknown): Quantity | undefined {
  const str = typeof input === 'number' ? String(input) : input;
  if (typeof str !== 'string') return undefined;
  const m = /^([+-]?)([0-9]*\.?[0-9]*)(.*)$/.exec(str.trim());
  if (!m || !m[2] || m[2] === '.') return undefined;
  const suffix = interpretSuffix(m[3]!);
  if (!suffix) return undefined;
  const [whole = '', frac = ''] = m[2].split('.');
  // value = digits × 10^-(fraction length); scale everything by 10^9 and by the suffix.
  let num = BigInt((whole || '0') + frac);
  let denomExp = frac.length;
  let mul = NANO;
  if (suffix.base === 10) {
    if (suffix.exponent >= 0) mul *= pow10(suffix.exponent);
    else denomExp += -suffix.exponent;
  } else {
    mul *= 2n ** BigInt(suffix.exponent);
  }
  num *= mul;
  const denom = pow10(denomExp);
  let nanos = num / denom;
  if (num % denom !== 0n) nanos += 1n; // Go rounds up to the smallest representable amount
  return { nanos: m[1] === '-' ? -nanos : nanos, format: suffix.format };
}

export function compareQuantity(a: Quantity, b: Quantity): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** Removes factors of `base` from n; returns the rest and how many were removed. */
function removeFactors(n: bigint, base: bigint): [bigint, number] {
  let times = 0;
  while (n !== 0n && n % base === 0n) {
    n /= base;
    times++;
  }
  return [n, times];
}

const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIX).map(([s, e]) => [e, s]));
const BINARY_BY_EXPONENT = new Map(Object.entries(BINARY_SUFFIX).map(([s, e]) => [e, s]));

function decimalString(abs: bigint, format: QuantityFormat): string {
  let [mantissa, exp] = removeFactors(abs, 10n);
  exp -= 9;
  // The exponent must be a multiple of 3 (Go's AsCanonicalBytes): move the rest into the mantissa.
  const rem = ((exp % 3) + 3) % 3;
  mantissa *= pow10(rem);
  exp -= rem;
  if (format === 'DecimalExponent') return exp === 0 ? `${mantissa}` : `${mantissa}e${exp}`;
  const suffix = DECIMAL_BY_EXPONENT.get(exp);
  return suffix !== undefined ? `${mantissa}${suffix}` : `${mantissa}e${exp}`;
}

/** Quantity.String(): the canonical spelling. */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  const sign = q.nanos < 0n ? '-' : '';
  const abs = q.nanos < 0n ? -q.nanos : q.nanos;
  let format = q.format;
  if (format === 'BinarySI') {
    // Small or fractional binary amounts print as decimals rather than lose precision.
    if (abs < 1024n * NANO || abs % NANO !== 0n) format = 'DecimalSI';
  }
  if (format !== 'BinarySI') return sign + decimalString(abs, format);
  const [mantissa, times] = removeFactors(abs / NANO, 1024n);
  const exponent = Math.min(times, 6);
  const rest = mantissa * 1024n ** BigInt(times - exponent);
  return `${sign}${rest}${BINARY_BY_EXPONENT.get(exponent * 10) ?? ''}`;
}

/** Canonical spelling of a JSON quantity, or undefined when it does not parse. */
export function canonicalQuantity(input: unknown): string | undefined {
  const q = parseQuantity(input);
  return q ? formatQuantity(q) : undefined;
}
