/**
 * The benchmark's result, assembled from the measured phases into what is printed: call rows paired
 * with the floor's number for the same call, watch rows, per-call costs, and the targets. Pure.
 *
 * Pairing: a kubelab door is compared with the floor over the same transport (rest ↔ floor/https,
 * nats ↔ floor/nats) for the same call, so each ratio is "what the apiserver adds". Watch delivery has
 * no floor call; it is set against the bare echo round trip of its transport.
 */
import type { Phase } from './meter.js';
import { ratio, summarize, type Summary } from './stats.js';
import type { WatchDelays } from './watch-probe.js';

export const FLOOR_OF: Record<string, string> = { rest: 'floor/https', nats: 'floor/nats' };
const ECHO_OF: Record<string, string> = { informer: 'nats echo', 'http-watch': 'https echo' };

export const TARGETS = { writeP99Ms: 20, watchP99Ms: 50 } as const;

export interface Machine {
  cpus: number;
  model: string;
  /** 1-, 5- and 15-minute load averages when the run started and when it ended. */
  loadBefore: number[];
  loadAfter: number[];
}

export interface WatchMeasurement {
  /** The door the paced writes went through. */
  door: string;
  watcher: string;
  delays: WatchDelays;
}

export interface Comparison {
  baseline: string;
  p50: number;
  p99: number;
  opsPerSec: number;
  xP50: number;
  xP99: number;
  /** kubelab ops/s ÷ baseline ops/s: below 1 means slower. */
  xOpsPerSec: number;
}

export interface CallRow {
  door: string;
  op: string;
  summary: Summary;
  window: Phase['window'];
  vs?: Comparison;
  firstError?: string;
  maxStartLagMs?: number;
}

export interface WatchRow {
  door: string;
  watcher: string;
  acked: number;
  missing: number;
  afterAck: Summary;
  fromSend: Summary;
  vs?: Comparison;
}

export interface CostRow {
  door: string;
  op: string;
  /** CPU ms per successful call, by process. */
  cpuMsPerCall: Record<string, number>;
  /** Redis's own time (all commands) per call, and the Lua write script's time per script call. */
  redisUsecPerCall: number;
  luaUsecPerScript: number;
  clientLoopDelay: Phase['clientLoopDelay'];
  /** The longest fsync Redis made during the phase (ms), or 0 when none took LATENCY_THRESHOLD_MS. */
  redisFsyncMaxMs: number;
}

export interface TargetCheck {
  what: string;
  limitMs: number;
  valueMs: number;
  met: boolean;
}

export interface BenchReport {
  startedAt: string;
  machine: Machine;
  options: Record<string, unknown>;
  baselines: CallRow[];
  calls: CallRow[];
  watches: WatchRow[];
  costs: CostRow[];
  targets: TargetCheck[];
}

export interface ReportInput {
  startedAt: string;
  machine: Machine;
  options: Record<string, unknown>;
  baselines: Phase[];
  phases: Phase[];
  watches: WatchMeasurement[];
  /** Wall-clock length of each door's paced phase, for the watch rows' rate. */
  pacedElapsedMs: number;
}

function compare(s: Summary, base: Summary, name: string): Comparison {
  return {
    baseline: name, p50: base.p50, p99: base.p99, opsPerSec: base.opsPerSec,
    xP50: ratio(s.p50, base.p50), xP99: ratio(s.p99, base.p99), xOpsPerSec: ratio(s.opsPerSec, base.opsPerSec),
  };
}

function callRow(p: Phase, vs?: Comparison): CallRow {
  const row: CallRow = { door: p.target, op: p.op, summary: p.summary, window: p.window };
  if (vs) row.vs = vs;
  if (p.firstError) row.firstError = p.firstError;
  if (p.maxStartLagMs !== undefined) row.maxStartLagMs = p.maxStartLagMs;
  return row;
}

function costRow(p: Phase): CostRow {
  const n = Math.max(1, p.summary.n);
  const cpuMsPerCall = Object.fromEntries(Object.entries(p.cpuMs).map(([k, ms]) => [k, ms / n]));
  const stats = Object.values(p.redis);
  const scripts = ['evalsha', 'eval'].map((c) => p.redis[c]).filter((s) => s !== undefined);
  const scriptCalls = scripts.reduce((a, s) => a + s.calls, 0);
  return {
    door: p.target, op: p.op, cpuMsPerCall,
    redisUsecPerCall: stats.reduce((a, s) => a + s.usec, 0) / n,
    luaUsecPerScript: scriptCalls ? scripts.reduce((a, s) => a + s.usec, 0) / scriptCalls : NaN,
    clientLoopDelay: p.clientLoopDelay,
    redisFsyncMaxMs: p.redisStallsMs['aof-fsync-always'] ?? 0,
  };
}

export function buildReport(input: ReportInput): BenchReport {
  const byKey = new Map(input.phases.map((p) => [`${p.target} ${p.op}`, p]));
  const baselineByName = new Map(input.baselines.map((p) => [`${p.target} ${p.op}`, p]));
  const calls = input.phases.map((p) => {
    const floor = FLOOR_OF[p.target] ? byKey.get(`${FLOOR_OF[p.target]} ${p.op}`) : undefined;
    return callRow(p, floor ? compare(p.summary, floor.summary, floor.target) : undefined);
  });
  const watches = input.watches.map((w): WatchRow => {
    const run = { elapsedMs: input.pacedElapsedMs, errors: 0 };
    const afterAck = summarize(w.delays.afterAckMs, run);
    const echo = baselineByName.get(ECHO_OF[w.watcher] ?? '');
    const row: WatchRow = {
      door: w.door, watcher: w.watcher, acked: w.delays.afterAckMs.length + w.delays.missing, missing: w.delays.missing,
      afterAck, fromSend: summarize(w.delays.fromSendMs, run),
    };
    if (echo) row.vs = compare(afterAck, echo.summary, ECHO_OF[w.watcher]!);
    return row;
  });
  return {
    startedAt: input.startedAt, machine: input.machine, options: input.options,
    baselines: input.baselines.map((p) => callRow(p)),
    calls,
    watches,
    costs: input.phases.map(costRow),
    targets: targetChecks(calls, watches),
  };
}

export function targetChecks(calls: CallRow[], watches: WatchRow[]): TargetCheck[] {
  const out: TargetCheck[] = [];
  for (const c of calls) {
    if (!c.op.startsWith('write@') || c.door.startsWith('floor')) continue;
    out.push({ what: `${c.door} ${c.op} p99`, limitMs: TARGETS.writeP99Ms, valueMs: c.summary.p99, met: c.summary.p99 < TARGETS.writeP99Ms && c.summary.errors === 0 });
  }
  for (const w of watches) {
    // Measured from the write's acknowledgement, and counting a missed event as a failure.
    out.push({ what: `${w.door} writes → ${w.watcher} p99 after ack`, limitMs: TARGETS.watchP99Ms, valueMs: w.afterAck.p99, met: w.afterAck.p99 < TARGETS.watchP99Ms && w.missing === 0 });
  }
  return out;
}
