/**
 * The PodScheduled condition kube-scheduler writes on a pod it could not place (updatePod with
 * podutil.UpdatePodCondition), as a strategic merge patch of the status subresource:
 *
 *   {"status":{"conditions":[{"type":"PodScheduled","status":"False","reason":"Unschedulable",
 *     "message":"0/3 nodes are available: ...","lastProbeTime":null,"lastTransitionTime":"..."}]}}
 *
 * No patch when the condition already says exactly that (a retry with the same verdict writes nothing).
 * lastTransitionTime moves only when the status changes. Reasons: Unschedulable (no node fits) or
 * SchedulerError (binding or the API failed). Pure: `now` is a parameter.
 */
import type { Pod } from './framework/types.js';

export type UnscheduledReason = 'Unschedulable' | 'SchedulerError';

interface PodCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
}

/** metav1.Time: RFC 3339 in UTC, whole seconds. */
export function rfc3339(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function podScheduledPatch(pod: Pod, reason: UnscheduledReason, message: string, now: Date): object | undefined {
  const current = ((pod.status?.conditions ?? []) as PodCondition[]).find((c) => c.type === 'PodScheduled');
  if (current && current.status === 'False' && current.reason === reason && current.message === message) return undefined;
  const lastTransitionTime = current?.status === 'False' && current.lastTransitionTime ? current.lastTransitionTime : rfc3339(now);
  const condition: PodCondition = { type: 'PodScheduled', status: 'False', reason, message, lastProbeTime: null, lastTransitionTime };
  return { status: { conditions: [condition] } };
}
