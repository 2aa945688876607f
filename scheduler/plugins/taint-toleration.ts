/**
 * TaintToleration (Filter, Score).
 *
 * Filter: the node's first NoSchedule or NoExecute taint the pod does not tolerate rejects it, reported
 * as `node(s) had untolerated taint {key: value}`. Preemption cannot remove a taint: the rejection is
 * UnschedulableAndUnresolvable.
 *
 * A node that is not Ready counts as carrying the taint the node lifecycle controller gives such nodes
 * (TaintNodesByCondition): `node.kubernetes.io/not-ready:NoSchedule` when Ready is False or missing,
 * `node.kubernetes.io/unreachable:NoSchedule` when it is Unknown. kube-scheduler itself only reads
 * taints; deriving them here makes a NotReady node unschedulable, with the message a real cluster shows,
 * even before a controller has written the taint (an explicit taint with the same key and effect wins).
 *
 * Score: the number of PreferNoSchedule taints the pod does not tolerate (considering only its
 * tolerations with that effect or none), normalised in reverse: fewer is better.
 */
import { defaultNormalizeScore } from '../framework/normalize.js';
import { findUntoleratedTaint, podTolerations, tolerates } from '../framework/tolerations.js';
import type { FilterPlugin, FilterStatus, Node, NodeInfo, Pod, ScorePlugin, Taint } from '../framework/types.js';

export const NAME = 'TaintToleration';
export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';

/** The taint the Ready condition implies, if any. */
export function readinessTaint(node: Node): Taint | undefined {
  const ready = ((node.status?.conditions ?? []) as { type: string; status: string }[]).find((c) => c.type === 'Ready');
  if (ready?.status === 'True') return undefined;
  return { key: ready?.status === 'Unknown' ? TAINT_NODE_UNREACHABLE : TAINT_NODE_NOT_READY, effect: 'NoSchedule' };
}

/** spec.taints plus the readiness taint when the node lacks it. */
export function effectiveTaints(node: Node): Taint[] {
  const taints: Taint[] = node.spec?.taints ?? [];
  const implied = readinessTaint(node);
  if (!implied || taints.some((t) => t.key === implied.key && t.effect === implied.effect)) return taints;
  return [...taints, implied];
}

export function untoleratedTaintReason(taint: Taint): string {
  return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
}

export const taintToleration: FilterPlugin & ScorePlugin = {
  name: NAME,
  filter(pod: Pod, node: NodeInfo): FilterStatus {
    const taint = findUntoleratedTaint(effectiveTaints(node.node), podTolerations(pod), ['NoSchedule', 'NoExecute']);
    return taint ? { code: 'UnschedulableAndUnresolvable', reasons: [untoleratedTaintReason(taint)], plugin: NAME } : undefined;
  },
  score(pod: Pod, node: NodeInfo): number {
    const relevant = podTolerations(pod).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    const taints: Taint[] = node.node.spec?.taints ?? [];
    return taints.filter((t) => t.effect === 'PreferNoSchedule' && !tolerates(relevant, t)).length;
  },
  normalizeScore: (_pod, scores) => defaultNormalizeScore(scores, true),
};
