/**
 * What an informer event means for the scheduling queue (kube-scheduler's eventhandlers.go), as pure
 * predicates, so that the handlers in scheduler.ts only turn events into queue calls:
 *
 *   needsScheduling(pod, schedulerName)     pending, ours, not being deleted, not finished, not gated
 *   isPodUpdated(old, new)                  a change that may change the decision (not status-only:
 *                                           our own PodScheduled condition patch must not requeue)
 *   nodeSchedulingPropertiesChanged(a, b)   a node change that may let pods fit (not a heartbeat)
 *   freedResources(old, new)                a bound pod finished: its requests are free again
 */
import { isDeepStrictEqual } from 'node:util';
import { isTerminated } from '../framework/node-info.js';
import type { Node, Pod } from '../framework/types.js';

export function podPriority(pod: Pod): number {
  return typeof pod.spec?.priority === 'number' ? pod.spec.priority : 0;
}

export function needsScheduling(pod: Pod, schedulerName: string): boolean {
  if (pod.spec?.nodeName) return false;
  if ((pod.spec?.schedulerName ?? 'default-scheduler') !== schedulerName) return false;
  if (pod.metadata.deletionTimestamp || isTerminated(pod)) return false;
  // A pod with scheduling gates waits until they are all removed (the SchedulingGates plugin).
  return (pod.spec?.schedulingGates ?? []).length === 0;
}

/** The pod without what changes all the time and cannot change the decision (isPodUpdated's strip). */
function strip(pod: Pod): unknown {
  const { resourceVersion: _rv, generation: _g, managedFields: _m, finalizers: _f, ...metadata } = pod.metadata;
  return { metadata, spec: pod.spec };
}

export function isPodUpdated(oldPod: Pod, newPod: Pod): boolean {
  return !isDeepStrictEqual(strip(oldPod), strip(newPod));
}

function conditionStatuses(node: Node): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of (node.status?.conditions ?? []) as { type: string; status: string }[]) out[c.type] = c.status;
  return out;
}

/**
 * nodeSchedulingPropertiesChange: allocatable, labels, taints, unschedulable, or a condition's status.
 * A kubelet's heartbeat only moves condition timestamps, so it changes nothing here.
 */
export function nodeSchedulingPropertiesChanged(oldNode: Node, newNode: Node): boolean {
  const view = (n: Node) => ({
    unschedulable: n.spec?.unschedulable === true,
    taints: n.spec?.taints ?? [],
    labels: n.metadata.labels ?? {},
    allocatable: n.status?.allocatable ?? {},
    conditions: conditionStatuses(n),
  });
  return !isDeepStrictEqual(view(oldNode), view(newNode));
}

export function freedResources(oldPod: Pod, newPod: Pod): boolean {
  return !isTerminated(oldPod) && isTerminated(newPod);
}
