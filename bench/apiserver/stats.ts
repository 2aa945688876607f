/**
 * Latency statistics for the benchmark. Pure: samples in, numbers out.
 *
 *   const s = summarize(latenciesMs, { elapsedMs: 2000, errors: 0 });   // { n, p50, p99, max, mean, opsPerSec }
 *   percentile(sortedAscending, 99)
 *
 * Percentiles use the nearest-rank definition: the p-th percentile of n sorted samples is the sample at
 * rank ceil(p/100 × n). It is always a value that was actually observed (no interpolation between two
 * requests), and p99 of fewer than 100 samples is simply the maximum, which is the honest answer.
 */

export interface Summary {
  /** Successful operations measured. */
  n: number;
  errors: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
  /** Successful operations per second of wall-clock time of the whole phase. */
  opsPerSec: number;
}

/** The p-th percentile (0 < p <= 100) of samples sorted ascending; NaN when there are none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export function summarize(samples: readonly number[], run: { elapsedMs: number; errors: number }): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    n: sorted.length,
    errors: run.errors,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : NaN,
    mean: sorted.length ? sum / sorted.length : NaN,
    opsPerSec: run.elapsedMs > 0 ? (sorted.length * 1000) / run.elapsedMs : NaN,
  };
}

/**
 * kubelab ÷ baseline; NaN when either side is missing or not positive (a watch event that arrived
 * before the write's answer has a negative delay, and a ratio of that means nothing).
 */
export function ratio(value: number, baseline: number): number {
  if (!Number.isFinite(value) || !Number.isFinite(baseline) || baseline <= 0 || value <= 0) return NaN;
  return value / baseline;
}

/** Milliseconds between two process.hrtime.bigint() readings. */
export function nsToMs(fromNs: bigint, toNs: bigint): number {
  return Number(toNs - fromNs) / 1e6;
}
