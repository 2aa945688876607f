/**
 * PodTopologySpread (Score), with the system default constraints kube-scheduler applies to a pod that
 * declares none: spread over `kubernetes.io/hostname` (maxSkew 3) and `topology.kubernetes.io/zone`
 * (maxSkew 5), both ScheduleAnyway. The pods counted are those of the same controller (the controller
 * ownerReference: a ReplicaSet's replicas), in the same namespace and not terminating. kube-scheduler
 * derives that set from the Services, ReplicaSets, ... selecting the pod; the owner is the common case.
 * A pod without a controller, or with its own topologySpreadConstraints (not implemented), is not scored
 * by this plugin (all nodes 0, which changes no ranking).
 *
 * Raw score of a node: for each constraint whose topology label the node has,
 * count × ln(domains + 2) + (maxSkew − 1), where count is the matching pods on the node (hostname) or in
 * its zone, and domains the number of feasible nodes (hostname) or of their distinct zones; rounded.
 * Normalised: 100 × (max + min − score) / max, so the emptiest node gets 100.
 *
 * Worked example, 3 nodes with 2, 1, 0 replicas (no zones): weight ln(5) ≈ 1.609;
 * raw 5, 4, 2 → normalised 100×(5+2−5)/5 = 40, 60, 100.
 */
import type { Node, NodeInfo, Pod, ScoreContext, ScorePlugin } from '../framework/types.js';
import { MAX_NODE_SCORE } from '../framework/types.js';
import { matchesRequiredAffinity } from './node-affinity.js';

export const NAME = 'PodTopologySpread';
export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_ZONE = 'topology.kubernetes.io/zone';

const SYSTEM_DEFAULT_CONSTRAINTS = [
  { topologyKey: LABEL_HOSTNAME, maxSkew: 3 },
  { topologyKey: LABEL_ZONE, maxSkew: 5 },
] as const;

function controllerUid(pod: Pod): string | undefined {
  return pod.metadata.ownerReferences?.find((r) => r.controller === true)?.uid;
}

function applies(pod: Pod): string | undefined {
  if ((pod.spec?.topologySpreadConstraints ?? []).length > 0) return undefined;
  return controllerUid(pod);
}

/** Pods on a node that belong with `pod` for spreading. */
function countMatching(pod: Pod, owner: string, node: NodeInfo): number {
  const ns = pod.metadata.namespace;
  return node.pods.filter((p) => !p.metadata.deletionTimestamp && p.metadata.namespace === ns && controllerUid(p) === owner).length;
}

const label = (node: Node, key: string): string | undefined => node.metadata.labels?.[key];

/** Matching pods per zone, over every node the pod could be placed on by its affinity (PreScore). */
function zoneCounts(pod: Pod, owner: string, ctx: ScoreContext): Map<string, number> {
  const zones = new Set(ctx.feasible.map((n) => label(n.node, LABEL_ZONE)).filter((z): z is string => z !== undefined));
  const counts = new Map<string, number>([...zones].map((z) => [z, 0]));
  for (const n of ctx.all) {
    const zone = label(n.node, LABEL_ZONE);
    if (zone === undefined || !counts.has(zone) || !matchesRequiredAffinity(pod, n)) continue;
    counts.set(zone, counts.get(zone)! + countMatching(pod, owner, n));
  }
  return counts;
}

export function rawSpreadScore(pod: Pod, node: NodeInfo, ctx: ScoreContext): number {
  const owner = applies(pod);
  if (!owner) return 0;
  const zones = zoneCounts(pod, owner, ctx);
  let score = 0;
  for (const c of SYSTEM_DEFAULT_CONSTRAINTS) {
    const value = label(node.node, c.topologyKey);
    if (value === undefined) continue;
    const hostname = c.topologyKey === LABEL_HOSTNAME;
    const domains = hostname ? ctx.feasible.length : zones.size;
    const count = hostname ? countMatching(pod, owner, node) : (zones.get(value) ?? 0);
    score += count * Math.log(domains + 2) + (c.maxSkew - 1);
  }
  return Math.round(score);
}

export function normalizeSpread(pod: Pod, scores: readonly number[]): number[] {
  if (!applies(pod)) return scores.map(() => 0);
  const max = Math.max(0, ...scores);
  const min = Math.min(...scores);
  if (max === 0) return scores.map(() => MAX_NODE_SCORE);
  return scores.map((s) => Math.trunc((MAX_NODE_SCORE * (max + min - s)) / max));
}

export const podTopologySpread: ScorePlugin = {
  name: NAME,
  score: rawSpreadScore,
  normalizeScore: normalizeSpread,
};
