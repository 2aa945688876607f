/**
 * DefaultPreemption (PostFilter): when no node fits, kube-scheduler looks for nodes where evicting pods
 * of lower priority would make room. kubelab reproduces the search and its message, but never evicts:
 *
 * - a pod with preemptionPolicy Never: `preemption: not eligible due to preemptionPolicy=Never.`
 * - nodes rejected as UnschedulableAndUnresolvable (taints, affinity, cordon) cannot be helped:
 *   `Preemption is not helpful for scheduling`;
 * - the other nodes are dry-run: with every lower-priority pod removed, does the pod pass the filters?
 *   No such pod on the node: `No preemption victims found for incoming pod`; still no fit: the filter's
 *   reasons again.
 * The message is "preemption: " + a FitError over all nodes built from those statuses, e.g.
 *   `preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.`
 *
 * If some node would fit after evictions, kube-scheduler would evict the victims and nominate the node,
 * and its PostFilter message is empty: so is ours, but nothing is evicted and the pod waits (kubelab
 * serves no PriorityClass objects, so victims only exist next to system-critical pods).
 */
import { fitErrorMessage } from '../framework/fit-error.js';
import { buildNodeInfo } from '../framework/node-info.js';
import type { FilterPlugin, FilterStatus, NodeInfo, Pod, PostFilterPlugin, Rejection } from '../framework/types.js';

export const NAME = 'DefaultPreemption';
export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_VICTIMS = 'No preemption victims found for incoming pod';
export const NOT_ELIGIBLE_NEVER = 'not eligible due to preemptionPolicy=Never.';

const priority = (pod: Pod): number => (typeof pod.spec?.priority === 'number' ? pod.spec.priority : 0);

export function runFilters(filters: readonly FilterPlugin[], pod: Pod, node: NodeInfo): FilterStatus {
  for (const f of filters) {
    const status = f.filter(pod, node);
    if (status) return status;
  }
  return undefined;
}

/** SelectVictimsOnNode's verdict on one node: undefined when evicting lower-priority pods would make the pod fit. */
function dryRun(pod: Pod, node: NodeInfo, filters: readonly FilterPlugin[]): Rejection | undefined {
  const keep = node.pods.filter((p) => priority(p) >= priority(pod));
  if (keep.length === node.pods.length) return { code: 'UnschedulableAndUnresolvable', reasons: [NO_VICTIMS], plugin: NAME };
  return runFilters(filters, pod, buildNodeInfo(node.node, keep));
}

export const defaultPreemption: PostFilterPlugin = {
  name: NAME,
  postFilter(pod, nodes, rejections, filters): string {
    if (pod.spec?.preemptionPolicy === 'Never') return `preemption: ${NOT_ELIGIBLE_NEVER}`;
    const statuses = new Map<string, Rejection>();
    let candidates = 0;
    for (const node of nodes) {
      if (rejections.get(node.name)?.code !== 'Unschedulable') continue;
      const verdict = dryRun(pod, node, filters);
      if (verdict) statuses.set(node.name, verdict);
      else candidates++;
    }
    if (candidates > 0) return '';
    const absent: Rejection = { code: 'UnschedulableAndUnresolvable', reasons: [NOT_HELPFUL], plugin: NAME };
    return `preemption: ${fitErrorMessage({ numAllNodes: nodes.length, rejections: statuses, absent })}`;
  },
};
