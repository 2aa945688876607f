/**
 * One scheduling attempt for one pod (kube-scheduler's scheduleOne): decide, then act on the decision.
 * This is where the scheduler touches the network; the decision itself is the pure schedulePod.
 *
 *   scheduled      → assume the pod on the node, POST pods/binding, event `Scheduled`
 *                    (`Successfully assigned default/hello to node-1`)
 *   unschedulable  → event `FailedScheduling` with the FitError, PodScheduled=False reason Unschedulable
 *   binding failed → event `FailedScheduling`, PodScheduled=False reason SchedulerError; retried
 *
 * The outcome tells the queue what to do next: 'scheduled' (done), 'retry' (back off), 'gone' (the pod
 * was deleted, is already bound, or is not ours any more). A binding answered 409 means someone else
 * bound or is deleting the pod: it is retried quietly, and the next attempt sees which.
 */
import type { KubeObject } from '../lib/api/types.js';
import type { ApiClient } from '../lib/client/api-client.js';
import { PODS } from '../lib/client/resource-refs.js';
import { ConflictError, NotFoundError } from '../lib/errors.js';
import type { Logger } from '../lib/log.js';
import { schedulePod, type ScheduleResult } from './core/schedule-pod.js';
import type { EventRecorder } from './events/event-recorder.js';
import { podKey } from './framework/node-info.js';
import type { NodeInfo, Pod } from './framework/types.js';
import { decisionRecord, type DecisionRecord } from './observe.js';
import { podScheduledPatch, type UnscheduledReason } from './pod-status.js';
import type { Profile } from './plugins/registry.js';
import type { Outcome } from './queue/scheduling-queue.js';

export interface CycleDeps {
  api: Pick<ApiClient, 'createSubresource' | 'patch'>;
  recorder: EventRecorder;
  profile: Profile;
  identity: string;
  random: () => number;
  now: () => Date;
  log: Logger;
  /** The cluster as the informers see it, with assumed pods on their nodes. */
  snapshot(): NodeInfo[];
  /** Pods bound by this scheduler whose binding the informer has not shown yet. */
  assumed: Map<string, string>;
  publish(record: DecisionRecord): void;
}

export async function scheduleOne(deps: CycleDeps, pod: Pod, attempt: number): Promise<Outcome> {
  const started = deps.now();
  const result = schedulePod(pod, deps.snapshot(), deps.profile, deps.random);
  const durationMs = deps.now().getTime() - started.getTime();
  deps.publish(decisionRecord(pod, result, { scheduler: deps.identity, attempt, now: started, durationMs }));
  return act(deps, pod, result);
}

async function act(deps: CycleDeps, pod: Pod, result: ScheduleResult): Promise<Outcome> {
  const key = podKey(pod);
  if (result.kind === 'scheduled') return bind(deps, pod, result.node);
  deps.log.info('unschedulable', { pod: key, why: result.message });
  await recordFailure(deps, pod, 'Unschedulable', result.message);
  return 'retry';
}

function binding(pod: Pod, node: string): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Binding',
    metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid },
    target: { apiVersion: 'v1', kind: 'Node', name: node },
  };
}

async function bind(deps: CycleDeps, pod: Pod, node: string): Promise<Outcome> {
  const key = podKey(pod);
  const { namespace, name } = pod.metadata;
  // Assumed before the request returns, so that the next pod's decision already counts this one.
  deps.assumed.set(key, node);
  try {
    await deps.api.createSubresource(PODS, namespace, name!, 'binding', binding(pod, node));
  } catch (err) {
    deps.assumed.delete(key);
    if (err instanceof NotFoundError) return 'gone';
    if (err instanceof ConflictError) {
      deps.log.info('binding refused, will look again', { pod: key, node, error: err.message });
      return 'retry';
    }
    const message = `running Bind plugin "DefaultBinder": ${err instanceof Error ? err.message : String(err)}`;
    deps.log.warn('binding failed', { pod: key, node, error: message });
    await recordFailure(deps, pod, 'SchedulerError', message);
    return 'retry';
  }
  deps.log.info('bound', { pod: key, node });
  await deps.recorder.event(pod, 'Normal', 'Scheduled', 'Binding', `Successfully assigned ${namespace}/${name} to ${node}`);
  return 'scheduled';
}

/** handleSchedulingFailure: the event first, then the pod's condition (skipped when unchanged). */
async function recordFailure(deps: CycleDeps, pod: Pod, reason: UnscheduledReason, message: string): Promise<void> {
  await deps.recorder.event(pod, 'Warning', 'FailedScheduling', 'Scheduling', message);
  const patch = podScheduledPatch(pod, reason, message, deps.now());
  if (!patch) return;
  try {
    await deps.api.patch(PODS, pod.metadata.namespace, pod.metadata.name!, 'strategic', patch, { subresource: 'status' });
  } catch (err) {
    // A pod deleted meanwhile needs no condition; anything else is retried with the pod itself.
    if (!(err instanceof NotFoundError)) deps.log.warn('could not update the PodScheduled condition', { pod: podKey(pod), error: String(err) });
  }
}
