/**
 * Meter: runs one benchmark phase and records, besides the latencies, what it cost: CPU time of each
 * cluster process (cpu.ts) and Redis's own accounting of the commands it ran (INFO commandstats, reset
 * before the phase), which isolates the Lua write script's time from everything around it.
 *
 *   const phase = await meter.measure('rest', 'create', () => closedLoop(...));
 */
import type { Redis } from 'ioredis';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { cpuSince, cpuSnapshot, type CpuSnapshot } from './cpu.js';
import type { OpenRunResult, RunResult } from './load.js';
import { summarize, type Summary } from './stats.js';

export interface CommandStat {
  calls: number;
  usec: number;
}

export interface Phase {
  target: string;
  op: string;
  summary: Summary;
  firstError?: string;
  maxStartLagMs?: number;
  /** CPU ms used during the phase, per process name. */
  cpuMs: CpuSnapshot;
  /** Redis commands run during the phase (all clients), by command name. */
  redis: Record<string, CommandStat>;
  /**
   * When the phase ran, in ms of the monotonic clock (process.hrtime), which every process on the
   * machine shares: a CPU profile of the apiserver can be cut into the same phases.
   */
  window: { startMs: number; endMs: number };
  /**
   * How late the benchmark's own event loop ran timers during the phase (p99 and max, ms): when the
   * client itself stalls (GC, a starved CPU), every latency it measures grows by as much.
   */
  clientLoopDelay: { p99: number; max: number };
  /**
   * Redis's latency monitor: the worst stall of each kind during the phase, in ms, for stalls of at
   * least LATENCY_THRESHOLD_MS. "aof-fsync-always" is the fsync every write waits for (redis.conf has
   * `appendfsync always`); while it runs, Redis serves nobody.
   */
  redisStallsMs: Record<string, number>;
}

/** The smallest stall Redis's latency monitor records; set on the cluster's Redis by `Meter.start`. */
export const LATENCY_THRESHOLD_MS = 1;

/** Parses LATENCY LATEST: rows of [event, unix time, latest ms, max ms]. Pure. */
export function parseLatencyLatest(reply: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of Array.isArray(reply) ? reply : []) {
    if (Array.isArray(row) && typeof row[0] === 'string') out[row[0]] = Number(row[3]);
  }
  return out;
}

/** Parses `INFO commandstats`: lines `cmdstat_<name>:calls=N,usec=N,...`. Pure. */
export function parseCommandStats(info: string): Record<string, CommandStat> {
  const out: Record<string, CommandStat> = {};
  for (const line of info.split(/\r?\n/)) {
    const m = /^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/.exec(line);
    if (m) out[m[1]!] = { calls: Number(m[2]), usec: Number(m[3]) };
  }
  return out;
}

const monotonicMs = () => Number(process.hrtime.bigint() / 1000n) / 1000;

export class Meter {
  constructor(private readonly pids: Record<string, number>, private readonly redis: Redis) {}

  /** Turns on Redis's latency monitor (a runtime setting of this throwaway cluster's Redis). */
  async start(): Promise<void> {
    await this.redis.config('SET', 'latency-monitor-threshold', String(LATENCY_THRESHOLD_MS));
  }

  async measure(target: string, op: string, run: () => Promise<RunResult | OpenRunResult>): Promise<Phase> {
    await this.redis.config('RESETSTAT');
    await this.redis.call('LATENCY', 'RESET');
    const before = cpuSnapshot(this.pids);
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    const startMs = monotonicMs();
    const result = await run();
    const window = { startMs, endMs: monotonicMs() };
    loop.disable();
    const clientLoopDelay = { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 };
    const cpuMs = cpuSince(before, cpuSnapshot(this.pids));
    const redisStallsMs = parseLatencyLatest(await this.redis.call('LATENCY', 'LATEST'));
    const redis = parseCommandStats(await this.redis.info('commandstats'));
    // The meter's own INFO call is in the stats; the RESETSTAT before it is not (it resets first).
    delete redis.info;
    const phase: Phase = { target, op, summary: summarize(result.latenciesMs, result), cpuMs, redis, window, clientLoopDelay, redisStallsMs };
    if (result.firstError) phase.firstError = result.firstError;
    if ('maxStartLagMs' in result) phase.maxStartLagMs = result.maxStartLagMs;
    return phase;
  }
}
