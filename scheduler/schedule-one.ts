/**
 * One scheduling attempt for one pod (kube-scheduler's scheduleOne), in two cycles:
 *
 *   scheduling cycle   synchronous, on the caller's turn: the pure decision (core/schedule-pod.ts), the
 *                      decision record, and for a chosen node the *assumption* (the pod counts on that
 *                      node in every later snapshot), all before scheduleOne returns;
 *   binding cycle      the returned promise, running in the background: POST pods/binding, then the
 *                      `Scheduled` event (`Successfully assigned default/hello to node-1`); or, for an
 *                      unschedulable pod, the `FailedScheduling` event and PodScheduled=False.
 *
 * So the caller can start the next pod's scheduling cycle at once, as kube-scheduler does with its
 * binding goroutine, and the next decision already sees this pod's requests on its node.
 *
 *   binding failed → the assumption is forgotten (the room is free again), event `FailedScheduling`,
 *                    PodScheduled=False reason SchedulerError; retried with backoff
 *
 * The promise resolves (never rejects for API errors) to what the queue should do next: 'scheduled'
 * (done), 'retry' (back off), 'gone' (deleted, already bound, or not ours any more). A binding answered
 * 409 means someone else bound or is deleting the pod: it is retried quietly, and the next attempt sees
 * which. Events are fire-and-forget (EventRecorder.emit: never awaited, in order per pod, errors logged).
 */
import type { KubeObject } from '../lib/api/types.js';
import type { ApiClient } from '../lib/client/api-client.js';
import { PODS } from '../lib/client/resource-refs.js';
import { ConflictError, NotFoundError } from '../lib/errors.js';
import type { Logger } from '../lib/log.js';
import { schedulePod } from './core/schedule-pod.js';
import type { EventRecorder } from './events/event-recorder.js';
import { podKey } from './framework/node-info.js';
import type { NodeInfo, Pod } from './framework/types.js';
import { decisionRecord, type DecisionRecord } from './observe.js';
import { podScheduledPatch, type UnscheduledReason } from './pod-status.js';
import type { Profile } from './plugins/registry.js';
import type { Outcome } from './queue/scheduling-queue.js';

export interface CycleDeps {
  api: Pick<ApiClient, 'createSubresource' | 'patch'>;
  recorder: Pick<EventRecorder, 'emit'>;
  profile: Profile;
  identity: string;
  random: () => number;
  now: () => Date;
  log: Logger;
  /** The cluster as the informers see it, with assumed pods on their nodes. */
  snapshot(): NodeInfo[];
  /** Pods assumed on a node (key → node) whose binding the informer has not shown yet. */
  assumed: Map<string, string>;
  publish(record: DecisionRecord): void;
}

/**
 * Runs the scheduling cycle now and returns the binding cycle. Not async on purpose: the decision and
 * the assumption happen before it returns, whatever the caller does with the promise.
 */
export function scheduleOne(deps: CycleDeps, pod: Pod, attempt: number): Promise<Outcome> {
  const started = deps.now();
  const result = schedulePod(pod, deps.snapshot(), deps.profile, deps.random);
  const durationMs = deps.now().getTime() - started.getTime();
  deps.publish(decisionRecord(pod, result, { scheduler: deps.identity, attempt, now: started, durationMs }));
  if (result.kind === 'scheduled') {
    // Assumed before the binding is even sent, so that the next pod's decision already counts this one.
    deps.assumed.set(podKey(pod), result.node);
    return bind(deps, pod, result.node);
  }
  deps.log.info('unschedulable', { pod: podKey(pod), why: result.message });
  return recordFailure(deps, pod, 'Unschedulable', result.message).then(() => 'retry');
}

function binding(pod: Pod, node: string): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Binding',
    metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid },
    target: { apiVersion: 'v1', kind: 'Node', name: node },
  };
}

/** The binding cycle of an assumed pod. */
async function bind(deps: CycleDeps, pod: Pod, node: string): Promise<Outcome> {
  const key = podKey(pod);
  const { namespace, name } = pod.metadata;
  try {
    await deps.api.createSubresource(PODS, namespace, name!, 'binding', binding(pod, node));
  } catch (err) {
    forget(deps, key, node);
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
  deps.recorder.emit(pod, 'Normal', 'Scheduled', 'Binding', `Successfully assigned ${namespace}/${name} to ${node}`);
  return 'scheduled';
}

/** Un-assumes the pod, unless the informer already replaced the assumption (the map moved on). */
function forget(deps: CycleDeps, key: string, node: string): void {
  if (deps.assumed.get(key) === node) deps.assumed.delete(key);
}

/** handleSchedulingFailure: the event (not awaited), then the pod's condition (skipped when unchanged). */
async function recordFailure(deps: CycleDeps, pod: Pod, reason: UnscheduledReason, message: string): Promise<void> {
  deps.recorder.emit(pod, 'Warning', 'FailedScheduling', 'Scheduling', message);
  const patch = podScheduledPatch(pod, reason, message, deps.now());
  if (!patch) return;
  try {
    await deps.api.patch(PODS, pod.metadata.namespace, pod.metadata.name!, 'strategic', patch, { subresource: 'status' });
  } catch (err) {
    // A pod deleted meanwhile needs no condition; anything else is retried with the pod itself.
    if (!(err instanceof NotFoundError)) deps.log.warn('could not update the PodScheduled condition', { pod: podKey(pod), error: String(err) });
  }
}
