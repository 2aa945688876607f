/**
 * The pure parts of the pod start-up benchmark: when a watched pod counts as Ready, what /proc says
 * about resident memory, where each bare baseline process listens, and how one round of kubelab pods
 * compares with the same number of bare processes.
 *
 *   podReadiness(watchEvent)              → { name, ready } of the pod in the event, or undefined
 *   parseVmRssKb(procStatusText)          → VmRSS in KiB, or undefined (kernel threads have none)
 *   bareAddress(i)                        → 127.251.<hi>.<lo> for bare process i (outside every cluster range)
 *   mergeRepeats([side, side, ...])       → one RoundSide out of repeated rounds of the same n
 *   compareRound(n, kubelab, bare, reps)  → percentiles of both sides, their ratios, the targets met
 *
 * Invariant: every ratio is kubelab ÷ bare (stats.ts `ratio`), so 1.0× means "as fast as a bare spawn".
 */
import { ratio, summarize, type Summary } from '../apiserver/stats.js';

/** Targets of issue 3: all 100 pods Ready within 1.3× the bare spawn, one pod create→Ready p99 < 300 ms. */
export const TARGET_RATIO_AT_100 = 1.3;
export const TARGET_SINGLE_P99_MS = 300;

interface WatchedPod {
  metadata?: { name?: string };
  spec?: { nodeName?: string };
  status?: { conditions?: { type?: string; status?: string }[] };
}

/** The pod of a watch event, whether it is bound to a node and whether its Ready condition is True. */
export function podReadiness(event: unknown): { name: string; bound: boolean; ready: boolean } | undefined {
  const e = event as { type?: string; object?: WatchedPod } | null;
  if (!e || (e.type !== 'ADDED' && e.type !== 'MODIFIED')) return undefined;
  const name = e.object?.metadata?.name;
  if (!name) return undefined;
  const ready = (e.object?.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
  return { name, bound: Boolean(e.object?.spec?.nodeName), ready };
}

/** VmRSS of a /proc/<pid>/status text, in KiB ("VmRSS:	   41236 kB"). */
export function parseVmRssKb(status: string): number | undefined {
  const m = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  return m ? Number(m[1]) : undefined;
}

/**
 * The address bare process i listens on, port 80 like the container: 127.251.0.0/16 lies above every
 * range a cluster takes (cli/cluster-config.ts: nodes 127.32-95, services 127.96-159, pods 127.181-244),
 * so a bare server never collides with a pod of this or another cluster.
 */
export function bareAddress(i: number): string {
  if (!Number.isInteger(i) || i < 0 || i > 65_023) throw new RangeError(`bare process index out of range: ${i}`);
  const n = i + 2; // skip .0.0 and .0.1
  return `127.251.${n >> 8}.${n & 255}`;
}

/** One side of a round: per-item start→ready milliseconds and the time until the last one was ready. */
export interface RoundSide {
  latenciesMs: number[];
  /** From the first create (or spawn) to the last Ready (or first answer). */
  allReadyMs: number;
  /** Items that never got ready within the round's deadline. */
  failures: number;
  /** Resident memory of each container shim (kubelab) or bare process, KiB. */
  rssKb: number[];
  /** kubelab only: create → first watch event showing spec.nodeName (the scheduler's part), per pod. */
  boundMs?: number[];
  /** CPU ms each container shim or bare process used from its start to the end of the round. */
  processCpuMs: number[];
  /** kubelab only: CPU ms of each cluster component (apiserver-1, kubelet-node-1, ..., bench) during the round. */
  componentCpuMs?: Record<string, number>;
}

export interface RoundComparison {
  n: number;
  /** Rounds of n merged into this row (the single-pod target needs more than one sample for a p99). */
  repeats: number;
  kubelab: Summary;
  bare: Summary;
  kubelabAllMs: number;
  bareAllMs: number;
  xP50: number;
  xP99: number;
  xAll: number;
  /** create → bound, i.e. the part of create → Ready before the kubelet sees the pod. */
  bound: Summary;
  rssKbMean: { kubelab: number; bare: number };
  xRss: number;
  processCpuMsMean: { kubelab: number; bare: number };
  /** CPU ms per component during the kubelab round, the kubelets summed as `kubelets`. */
  componentCpuMs: Record<string, number>;
  /** Whether the target that applies to this n was met; undefined when none applies. */
  target?: { name: string; met: boolean };
}

function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN;
}

/** Folds kubelet-node-1..N into one `kubelets` entry: the per-node split says little at 2 nodes. */
export function groupKubelets(cpu: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, ms] of Object.entries(cpu)) {
    const key = name.startsWith('kubelet-') ? 'kubelets' : name;
    out[key] = (out[key] ?? 0) + ms;
  }
  return out;
}

function targetFor(n: number, kubelab: Summary, xAll: number, failures: number): RoundComparison['target'] {
  if (n === 1) return { name: `create→Ready p99 < ${TARGET_SINGLE_P99_MS} ms`, met: failures === 0 && kubelab.p99 < TARGET_SINGLE_P99_MS };
  if (n === 100) return { name: `all Ready ≤ ${TARGET_RATIO_AT_100}× bare`, met: failures === 0 && xAll <= TARGET_RATIO_AT_100 };
  return undefined;
}

/**
 * Repeated rounds as one: every latency, RSS and CPU sample kept; the all-Ready time and the component
 * CPU become the mean per round, so they stay comparable with a single round of the same n.
 */
export function mergeRepeats(sides: readonly RoundSide[]): RoundSide {
  if (!sides.length) throw new RangeError('no rounds to merge');
  const cpu: Record<string, number> = {};
  for (const s of sides) for (const [k, v] of Object.entries(s.componentCpuMs ?? {})) cpu[k] = (cpu[k] ?? 0) + v / sides.length;
  return {
    latenciesMs: sides.flatMap((s) => s.latenciesMs),
    allReadyMs: mean(sides.map((s) => s.allReadyMs)),
    failures: sides.reduce((a, s) => a + s.failures, 0),
    rssKb: sides.flatMap((s) => s.rssKb),
    processCpuMs: sides.flatMap((s) => s.processCpuMs),
    ...(sides.some((s) => s.boundMs) ? { boundMs: sides.flatMap((s) => s.boundMs ?? []) } : {}),
    ...(sides.some((s) => s.componentCpuMs) ? { componentCpuMs: cpu } : {}),
  };
}

export function compareRound(n: number, kubelab: RoundSide, bare: RoundSide, repeats = 1): RoundComparison {
  const k = summarize(kubelab.latenciesMs, { elapsedMs: kubelab.allReadyMs, errors: kubelab.failures });
  const b = summarize(bare.latenciesMs, { elapsedMs: bare.allReadyMs, errors: bare.failures });
  const xAll = ratio(kubelab.allReadyMs, bare.allReadyMs);
  const rss = { kubelab: mean(kubelab.rssKb), bare: mean(bare.rssKb) };
  return {
    n, repeats, kubelab: k, bare: b, kubelabAllMs: kubelab.allReadyMs, bareAllMs: bare.allReadyMs,
    xP50: ratio(k.p50, b.p50), xP99: ratio(k.p99, b.p99), xAll,
    bound: summarize(kubelab.boundMs ?? [], { elapsedMs: kubelab.allReadyMs, errors: 0 }),
    rssKbMean: rss, xRss: ratio(rss.kubelab, rss.bare),
    processCpuMsMean: { kubelab: mean(kubelab.processCpuMs), bare: mean(bare.processCpuMs) },
    componentCpuMs: groupKubelets(kubelab.componentCpuMs ?? {}),
    target: targetFor(n, k, xAll, kubelab.failures + bare.failures),
  };
}
