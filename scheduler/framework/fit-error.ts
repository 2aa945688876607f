/**
 * FitError: why no node fits, in the exact form kube-scheduler v1.32 writes into the FailedScheduling
 * event and the PodScheduled condition (framework.FitError.Error):
 *
 *   0/<all nodes> nodes are available: <PreFilter message>. <reason histogram>. <PostFilter message>
 *
 * The histogram counts reasons, not nodes (a node short of CPU and memory adds one to each), formats
 * each as "<count> <reason>", sorts them as strings (so "10 x" sorts before "2 y", as Go's sort.Strings
 * does) and joins them with ", ". When PreFilter rejected the pod, its message replaces the histogram.
 * Nodes without an explicit status (left out by a PreFilter result) count under `absent`.
 * The PostFilter part is added as is: DefaultPreemption's message already ends with a period
 * (since v1.30; before, the result ended "pod..").
 *
 *   0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: },
 *   2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling,
 *   2 No preemption victims found for incoming pod.
 *
 * Pure.
 */
import type { Rejection } from './types.js';

/** ErrNoNodesAvailable: the message when the cluster has no nodes at all. */
export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

export interface FitError {
  numAllNodes: number;
  /** Explicit per-node failures, by node name. */
  rejections: ReadonlyMap<string, Rejection>;
  /** The status of every node not in `rejections` (NodeToStatus.AbsentNodesStatus), if any. */
  absent?: Rejection;
  preFilterMsg?: string;
  postFilterMsg?: string;
}

export function reasonHistogram(fit: Pick<FitError, 'numAllNodes' | 'rejections' | 'absent'>): string[] {
  const counts = new Map<string, number>();
  const add = (reason: string, n: number) => counts.set(reason, (counts.get(reason) ?? 0) + n);
  for (const r of fit.rejections.values()) for (const reason of r.reasons) add(reason, 1);
  const absentNodes = fit.numAllNodes - fit.rejections.size;
  if (fit.absent && absentNodes > 0) for (const reason of fit.absent.reasons) add(reason, absentNodes);
  return [...counts].map(([reason, n]) => `${n} ${reason}`).sort();
}

export function fitErrorMessage(fit: FitError): string {
  let msg = `0/${fit.numAllNodes} nodes are available:`;
  if (fit.preFilterMsg) {
    msg += ` ${fit.preFilterMsg}.`;
  } else {
    const histogram = reasonHistogram(fit);
    if (histogram.length > 0) msg += ` ${histogram.join(', ')}.`;
  }
  if (fit.postFilterMsg) msg += ` ${fit.postFilterMsg}`;
  return msg;
}
