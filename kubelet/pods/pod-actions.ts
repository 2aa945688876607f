/**
 * computePodActions: THE kubelet decision for one pod (kuberuntime's computePodActions and the pod
 * worker's terminate path in one pure function). Given the pod from the API, the containers the runtime
 * has for it, what the kubelet remembers (back-off, probe results, kills in flight) and the time, it
 * returns the plan for this sync, each action with a human-readable reason:
 *
 *   allocateIP        the pod has no IP yet (the "sandbox": one IP shared by all its containers)
 *   startContainer    a container that never ran, or one to restart per restartPolicy once back-off allows
 *   backOff           a container to restart later: CrashLoopBackOff until `untilMs`
 *   killContainer     liveness/startup probe failed, the container's image changed, or the pod is going away
 *   removeContainer   a dead instance older than the one kept for `lastState` and `logs --previous`
 *   deletePod         graceful deletion finished: every container stopped, remove the API object
 *   cleanupPod        the pod is gone from the API and its containers are stopped: forget it, free its IP
 *
 * Init containers run one at a time, in order, before any regular container. A pod whose phase is
 * Succeeded or Failed never runs again. Invariants: at most one instance per container is active; a
 * container being killed is not killed twice; no action for a terminal pod except its removal.
 * Pure: no I/O, no clock (`now` is an input).
 */
import type { RuntimeContainer } from '../runtime-port.js';
import { parseTime } from '../util/time.js';
import { isInBackOffSince, nextBackoff, type BackoffEntry, type BackoffPolicy } from './backoff.js';
import { messages } from './messages.js';
import type { PodMemory } from './pod-memory.js';
import { exitCodeOf, initSucceeded, instancesOf, isActive, shouldRestart } from './runtime-view.js';
import { gracePeriodSeconds, isTerminalPhase, restartPolicyOf, type Container, type Pod } from './types.js';

export interface PodSyncInput {
  pod: Pod;
  /** The pod is gone from the API (force-deleted, or deleted while the kubelet was away). */
  removed: boolean;
  podIP: string | undefined;
  /** Every instance of this pod's containers that the runtime keeps. */
  containers: readonly RuntimeContainer[];
  memory: Readonly<PodMemory>;
  now: number;
  crashLoopBackOff: BackoffPolicy;
}

export type PodAction =
  | { type: 'allocateIP'; reason: string }
  | { type: 'startContainer'; container: string; init: boolean; restartCount: number; backoff?: BackoffEntry; reason: string }
  | { type: 'backOff'; container: string; untilMs: number; delayMs: number; reason: string }
  | { type: 'killContainer'; container: string; id: string; gracePeriodSeconds: number; message: string; reason: string }
  | { type: 'removeContainer'; container: string; id: string; reason: string }
  | { type: 'deletePod'; reason: string }
  | { type: 'cleanupPod'; reason: string };

export interface PodSyncPlan {
  actions: PodAction[];
  /** Sync again after this long even if nothing happens (a back-off ends). */
  requeueAfterMs?: number;
}

/** How many instances per container the kubelet keeps: the current one and the one before it. */
const KEEP_INSTANCES = 2;

export function computePodActions(input: PodSyncInput): PodSyncPlan {
  const { pod } = input;
  if (input.removed || pod.metadata.deletionTimestamp) return planTermination(input);
  if (isTerminalPhase(pod.status?.phase)) return { actions: [] };
  const actions: PodAction[] = [];
  if (!input.podIP) actions.push({ type: 'allocateIP', reason: 'the pod has no IP yet' });
  const init = planInitContainers(input);
  actions.push(...init.actions);
  if (init.done) for (const c of pod.spec.containers) actions.push(...planContainer(input, c));
  actions.push(...planGarbage(input));
  return withRequeue(actions, input.now);
}

/** Regular containers: start, keep, restart after back-off, or kill when a probe or the spec says so. */
function planContainer(input: PodSyncInput, c: Container): PodAction[] {
  const latest = instancesOf(input.containers, c.name)[0];
  if (latest && isActive(latest)) return planActive(input, c, latest);
  if (!latest) return [start(c, false, 0, undefined, 'the container has not run yet')];
  if (!shouldRestart(input.pod, latest)) return [];
  return planRestart(input, c, false, latest);
}

/** Init containers, in order: the first one not yet successful is the only one that may run. */
function planInitContainers(input: PodSyncInput): { actions: PodAction[]; done: boolean } {
  for (const c of input.pod.spec.initContainers ?? []) {
    const latest = instancesOf(input.containers, c.name)[0];
    if (initSucceeded(latest)) continue;
    if (latest && isActive(latest)) return { actions: [], done: false };
    if (!latest) return { actions: [start(c, true, 0, undefined, 'the init container has not run yet')], done: false };
    // A failed init container is retried unless the pod may never restart (it then fails as a whole).
    if (restartPolicyOf(input.pod) === 'Never') return { actions: [], done: false };
    return { actions: planRestart(input, c, true, latest), done: false };
  }
  return { actions: [], done: true };
}

function planActive(input: PodSyncInput, c: Container, latest: RuntimeContainer): PodAction[] {
  if (input.memory.killing[latest.id] !== undefined) return [];
  const probes = input.memory.probes[latest.id];
  const grace = (probeGrace?: number) => probeGrace ?? input.pod.spec.terminationGracePeriodSeconds ?? 30;
  if (probes?.liveness === 'failure') {
    return [kill(latest, grace(c.livenessProbe?.terminationGracePeriodSeconds), messages.failedLiveness(c.name), 'the liveness probe failed')];
  }
  if (probes?.startup === 'failure') {
    return [kill(latest, grace(c.startupProbe?.terminationGracePeriodSeconds), messages.failedStartup(c.name), 'the startup probe failed')];
  }
  if (latest.image !== c.image) {
    return [kill(latest, grace(), messages.definitionChanged(c.name), `the image changed from ${latest.image} to ${c.image}`)];
  }
  return [];
}

/** An exited container to run again: now, or after its CrashLoopBackOff delay since it finished. */
function planRestart(input: PodSyncInput, c: Container, init: boolean, latest: RuntimeContainer): PodAction[] {
  const finished = parseTime(latest.finishedAt) ?? input.now;
  const entry = input.memory.crashBackoff[c.name];
  const exit = `exited with code ${exitCodeOf(latest)}`;
  if (isInBackOffSince(entry, finished, input.now, input.crashLoopBackOff)) {
    return [{ type: 'backOff', container: c.name, untilMs: finished + entry!.durationMs, delayMs: entry!.durationMs, reason: `${exit}; back-off ${entry!.durationMs} ms since it finished` }];
  }
  const backoff = nextBackoff(entry, finished, input.crashLoopBackOff);
  return [start(c, init, latest.restartCount + 1, backoff, `${exit}; restartPolicy ${restartPolicyOf(input.pod)}`)];
}

/** Deletion: stop every container (preStop, SIGTERM, grace, SIGKILL), then remove the pod or forget it. */
function planTermination(input: PodSyncInput): PodSyncPlan {
  const { pod, memory } = input;
  const why = input.removed ? 'the pod is gone from the API' : 'the pod is being deleted';
  const active = input.containers.filter(isActive);
  if (active.length > 0) {
    const grace = gracePeriodSeconds(pod);
    return { actions: active.filter((c) => memory.killing[c.id] === undefined).map((c) => kill(c, grace, messages.stopping(c.containerName), why)) };
  }
  if (input.removed) return { actions: [{ type: 'cleanupPod', reason: 'every container has stopped and the pod is gone' }] };
  if (memory.deleteRequested) return { actions: [] };
  return { actions: [{ type: 'deletePod', reason: 'every container has stopped' }] };
}

/** Dead instances beyond the newest two per container, and dead ones of containers no longer in the spec. */
function planGarbage(input: PodSyncInput): PodAction[] {
  const names = new Set([...(input.pod.spec.initContainers ?? []), ...input.pod.spec.containers].map((c) => c.name));
  const actions: PodAction[] = [];
  for (const name of new Set(input.containers.map((c) => c.containerName))) {
    const keep = names.has(name) ? KEEP_INSTANCES : 0;
    for (const old of instancesOf(input.containers, name).slice(keep)) {
      if (!isActive(old)) actions.push({ type: 'removeContainer', container: name, id: old.id, reason: keep ? 'an older instance than lastState' : 'not in the pod spec' });
    }
  }
  return actions;
}

function start(c: Container, init: boolean, restartCount: number, backoff: BackoffEntry | undefined, reason: string): PodAction {
  return { type: 'startContainer', container: c.name, init, restartCount, ...(backoff ? { backoff } : {}), reason };
}

function kill(c: RuntimeContainer, gracePeriodSeconds: number, message: string, reason: string): PodAction {
  return { type: 'killContainer', container: c.containerName, id: c.id, gracePeriodSeconds, message, reason };
}

function withRequeue(actions: PodAction[], now: number): PodSyncPlan {
  const waits = actions.flatMap((a) => (a.type === 'backOff' ? [Math.max(0, a.untilMs - now)] : []));
  return waits.length ? { actions, requeueAfterMs: Math.min(...waits) } : { actions };
}
