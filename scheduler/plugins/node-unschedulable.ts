/**
 * NodeUnschedulable (Filter): a cordoned node (`kubectl cordon`, spec.unschedulable) takes no new pods,
 * unless the pod tolerates the `node.kubernetes.io/unschedulable:NoSchedule` taint (DaemonSet pods do).
 * Preemption cannot uncordon a node, so the rejection is UnschedulableAndUnresolvable.
 */
import { podTolerations, tolerates } from '../framework/tolerations.js';
import type { FilterPlugin, FilterStatus, NodeInfo, Pod } from '../framework/types.js';

export const NAME = 'NodeUnschedulable';
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

export const nodeUnschedulable: FilterPlugin = {
  name: NAME,
  filter(pod: Pod, node: NodeInfo): FilterStatus {
    if (node.node.spec?.unschedulable !== true) return undefined;
    if (tolerates(podTolerations(pod), { key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' })) return undefined;
    return { code: 'UnschedulableAndUnresolvable', reasons: [ERR_REASON_UNSCHEDULABLE], plugin: NAME };
  },
};
