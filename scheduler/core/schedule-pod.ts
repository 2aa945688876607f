/**
 * The scheduling decision, as one pure function (kube-scheduler's schedulePod): a pod and the cluster
 * snapshot in, a chosen node or a FitError out, with every node's filter verdict and scores so that the
 * decision can be shown to an observer.
 *
 *   schedulePod(pod, snapshot, profile, random) → ScheduleResult
 *
 * Steps: no nodes at all → `no nodes available to schedule pods`. PreFilter may narrow the nodes or reject
 * the pod. Filter: every candidate node runs the filters in profile order and stops at the first failure.
 * No feasible node → PostFilter (preemption's message) and a FitError. One feasible node → chosen without
 * scoring. Several → every Score plugin scores every feasible node, normalises, multiplies by its weight;
 * the highest total wins and ties are broken uniformly at random (reservoir sampling over `random`).
 *
 * Invariant: pure. `random` returns a number in [0, 1), like Math.random; tests pass a fixed sequence.
 */
import { fitErrorMessage, NO_NODES_AVAILABLE, type FitError } from '../framework/fit-error.js';
import type { NodeInfo, Pod, Rejection, ScoreContext } from '../framework/types.js';
import { runFilters } from '../plugins/default-preemption.js';
import type { Profile } from '../plugins/registry.js';

/** One node's part in a decision. `rejection` for nodes that failed; scores per plugin (weighted) for scored ones. */
export interface NodeResult {
  node: string;
  rejection?: Rejection;
  scores?: Record<string, number>;
  total?: number;
}

export type ScheduleResult =
  | { kind: 'scheduled'; node: string; feasibleNodes: number; nodes: NodeResult[] }
  | { kind: 'unschedulable'; message: string; fitError: FitError; nodes: NodeResult[] }
  | { kind: 'no-nodes'; message: string };

interface Candidates {
  nodes: NodeInfo[];
  /** The status of the nodes PreFilter left out. */
  absent?: Rejection;
}

type PreFilterOutcome = { kind: 'reject'; rejection: Rejection } | { kind: 'candidates'; candidates: Candidates };

/** RunPreFilterPlugins: the node sets of the plugins that return one are intersected. */
export function runPreFilter(profile: Profile, pod: Pod, snapshot: readonly NodeInfo[]): PreFilterOutcome {
  let names: Set<string> | undefined;
  const narrowing: string[] = [];
  for (const plugin of profile.preFilter) {
    const r = plugin.preFilter(pod);
    if (r.kind === 'reject') return { kind: 'reject', rejection: { code: r.code, reasons: [r.reason], plugin: plugin.name } };
    if (r.kind === 'all') continue;
    narrowing.push(plugin.name);
    names = names ? new Set([...names].filter((n) => r.names.has(n))) : new Set(r.names);
    if (names.size === 0) {
      const reason = narrowing.length === 1
        ? `node(s) didn't satisfy plugin ${narrowing[0]}`
        : `node(s) didn't satisfy plugin(s) [${narrowing.join(' ')}] simultaneously`;
      return { kind: 'reject', rejection: { code: 'Unschedulable', reasons: [reason], plugin: plugin.name } };
    }
  }
  if (!names) return { kind: 'candidates', candidates: { nodes: [...snapshot] } };
  const absent: Rejection = {
    code: 'UnschedulableAndUnresolvable', reasons: [`node(s) didn't satisfy plugin(s) [${[...narrowing].sort().join(' ')}]`], plugin: narrowing[0]!,
  };
  return { kind: 'candidates', candidates: { nodes: snapshot.filter((n) => names!.has(n.name)), absent } };
}

/** Every scored node's weighted score per plugin and total, in `feasible` order. */
export function scoreNodes(profile: Profile, pod: Pod, ctx: ScoreContext): NodeResult[] {
  const results: NodeResult[] = ctx.feasible.map((n) => ({ node: n.name, scores: {}, total: 0 }));
  for (const { plugin, weight } of profile.score) {
    const raw = ctx.feasible.map((n) => plugin.score(pod, n, ctx));
    const normalized = plugin.normalizeScore ? plugin.normalizeScore(pod, raw, ctx) : raw;
    normalized.forEach((s, i) => {
      results[i]!.scores![plugin.name] = s * weight;
      results[i]!.total! += s * weight;
    });
  }
  return results;
}

/** selectHost: the highest total; among equal totals each has the same chance (reservoir sampling). */
export function selectHost(results: readonly NodeResult[], random: () => number): string {
  let best = results[0]!;
  let ties = 1;
  for (const r of results.slice(1)) {
    if (r.total! > best.total!) {
      best = r;
      ties = 1;
    } else if (r.total === best.total) {
      ties++;
      if (Math.floor(random() * ties) === 0) best = r;
    }
  }
  return best.node;
}

function unschedulable(
  pod: Pod, profile: Profile, snapshot: readonly NodeInfo[], rejections: Map<string, Rejection>, extra: Partial<FitError>,
): ScheduleResult {
  const withAbsent = new Map(rejections);
  if (extra.absent) for (const n of snapshot) if (!withAbsent.has(n.name)) withAbsent.set(n.name, extra.absent);
  const postFilterMsg = profile.postFilter.map((p) => p.postFilter(pod, snapshot, withAbsent, profile.filter)).find((m) => m !== '');
  const fitError: FitError = { numAllNodes: snapshot.length, rejections, ...extra, ...(postFilterMsg ? { postFilterMsg } : {}) };
  const nodes = snapshot.map((n) => ({ node: n.name, rejection: withAbsent.get(n.name) }));
  return { kind: 'unschedulable', message: fitErrorMessage(fitError), fitError, nodes };
}

export function schedulePod(pod: Pod, snapshot: readonly NodeInfo[], profile: Profile, random: () => number): ScheduleResult {
  if (snapshot.length === 0) return { kind: 'no-nodes', message: NO_NODES_AVAILABLE };
  const pre = runPreFilter(profile, pod, snapshot);
  if (pre.kind === 'reject') {
    // Every node gets the PreFilter's status; the message shows it once instead of a histogram.
    const rejections = new Map(snapshot.map((n) => [n.name, pre.rejection]));
    return unschedulable(pod, profile, snapshot, rejections, { preFilterMsg: pre.rejection.reasons[0] });
  }
  const { nodes: candidates, absent } = pre.candidates;
  const rejections = new Map<string, Rejection>();
  const feasible: NodeInfo[] = [];
  for (const node of candidates) {
    const status = runFilters(profile.filter, pod, node);
    if (status) rejections.set(node.name, status);
    else feasible.push(node);
  }
  if (feasible.length === 0) return unschedulable(pod, profile, snapshot, rejections, absent ? { absent } : {});
  const rejected = snapshot.filter((n) => !feasible.includes(n)).map((n) => ({ node: n.name, rejection: rejections.get(n.name) ?? absent }));
  if (feasible.length === 1) {
    return { kind: 'scheduled', node: feasible[0]!.name, feasibleNodes: 1, nodes: [{ node: feasible[0]!.name }, ...rejected] };
  }
  const scored = scoreNodes(profile, pod, { feasible, all: snapshot });
  return { kind: 'scheduled', node: selectHost(scored, random), feasibleNodes: feasible.length, nodes: [...scored, ...rejected] };
}
