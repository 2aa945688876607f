/**
 * The two ways the benchmark applies load.
 *
 *   closedLoop({ concurrency: 16, count: 500 }, (i) => door.create(...))        // or durationMs instead of count
 *   openLoop({ ratePerSec: 200, durationMs: 10_000 }, (i) => door.update(...))
 *
 * Closed loop: `concurrency` workers, each starts its next call when the previous one answers, so the
 * server sets the pace; this measures throughput, and latency at that concurrency.
 *
 * Open loop: call i is due at start + i/rate whether or not earlier calls have answered, as real
 * clients arrive. Latency is measured from the moment a call was DUE, not from when it was sent: if the
 * client or the server falls behind, the waiting counts (no "coordinated omission", which would hide
 * exactly the stalls a p99 exists to show). `maxStartLagMs` says how late the pacer itself ever was.
 *
 * Invariant: every call is awaited before a run returns; a failed call counts as an error, never as a
 * latency sample.
 */
import { nsToMs } from './stats.js';

export interface RunResult {
  latenciesMs: number[];
  errors: number;
  firstError?: string;
  elapsedMs: number;
}

export interface OpenRunResult extends RunResult {
  /** How late the pacer sent a call compared to when it was due, at worst. */
  maxStartLagMs: number;
}

export type Op = (i: number) => Promise<unknown>;

export interface ClosedLoopOptions {
  concurrency: number;
  /** Stop after this many calls... */
  count?: number;
  /** ...or once this much time has passed (a call in flight still completes). */
  durationMs?: number;
}

export async function closedLoop(opts: ClosedLoopOptions, op: Op): Promise<RunResult> {
  if (opts.count === undefined && opts.durationMs === undefined) throw new Error('closedLoop needs count or durationMs');
  const result: RunResult = { latenciesMs: [], errors: 0, elapsedMs: 0 };
  const start = process.hrtime.bigint();
  const deadline = opts.durationMs === undefined ? undefined : start + BigInt(Math.round(opts.durationMs * 1e6));
  let next = 0;
  const more = () => (opts.count === undefined || next < opts.count) && (deadline === undefined || process.hrtime.bigint() < deadline);
  const worker = async () => {
    while (more()) {
      const i = next++;
      const t0 = process.hrtime.bigint();
      await record(result, op(i), t0);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency) }, worker));
  result.elapsedMs = nsToMs(start, process.hrtime.bigint());
  return result;
}

export interface OpenLoopOptions {
  ratePerSec: number;
  durationMs: number;
}

/** How many calls are due `elapsedNs` after the start at `ratePerSec` (call 0 is due at once). Pure. */
export function callsDue(elapsedNs: bigint, ratePerSec: number, total: number): number {
  if (elapsedNs < 0n) return 0;
  const due = Math.floor((Number(elapsedNs) * ratePerSec) / 1e9) + 1;
  return Math.min(due, total);
}

/** The time call i is due, in ns after the start. Pure. */
export function dueAtNs(i: number, ratePerSec: number): bigint {
  return BigInt(Math.round((i * 1e9) / ratePerSec));
}

export async function openLoop(opts: OpenLoopOptions, op: (i: number, dueNs: bigint) => Promise<unknown>): Promise<OpenRunResult> {
  const total = Math.max(1, Math.round((opts.durationMs / 1000) * opts.ratePerSec));
  const result: OpenRunResult = { latenciesMs: [], errors: 0, elapsedMs: 0, maxStartLagMs: 0 };
  const inFlight: Promise<void>[] = [];
  const start = process.hrtime.bigint();
  let sent = 0;
  while (sent < total) {
    const now = process.hrtime.bigint();
    const due = callsDue(now - start, opts.ratePerSec, total);
    for (; sent < due; sent++) {
      const dueNs = start + dueAtNs(sent, opts.ratePerSec);
      result.maxStartLagMs = Math.max(result.maxStartLagMs, nsToMs(dueNs, now));
      inFlight.push(record(result, op(sent, dueNs), dueNs));
    }
    if (sent < total) await sleepUntil(start + dueAtNs(sent, opts.ratePerSec));
  }
  await Promise.all(inFlight);
  result.elapsedMs = nsToMs(start, process.hrtime.bigint());
  return result;
}

async function record(result: RunResult, call: Promise<unknown>, fromNs: bigint): Promise<void> {
  try {
    await call;
    result.latenciesMs.push(nsToMs(fromNs, process.hrtime.bigint()));
  } catch (err) {
    result.errors++;
    result.firstError ??= err instanceof Error ? err.message : String(err);
  }
}

/** setTimeout has millisecond granularity; waking slightly early is fine, the caller re-checks the clock. */
function sleepUntil(ns: bigint): Promise<void> {
  const ms = Number(ns - process.hrtime.bigint()) / 1e6;
  return new Promise((resolve) => (ms >= 1 ? setTimeout(resolve, Math.floor(ms)) : setImmediate(resolve)));
}
