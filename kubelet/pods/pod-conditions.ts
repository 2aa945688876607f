/**
 * The pod conditions the kubelet owns, as v1.32 generates them (pkg/kubelet/status/generate.go), in
 * its order: PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled. Conditions
 * the kubelet does not own (e.g. DisruptionTarget, readiness gates' own) are kept, first.
 *
 *   ContainersReady False  ContainersNotReady  "containers with unready status: [nginx debug]"
 *   Ready                  as ContainersReady, then False ReadinessGatesNotReady for unmet readiness gates
 *   Initialized    False   ContainersNotInitialized  "containers with incomplete status: [init-db]"
 *   Succeeded pods: Initialized True and ContainersReady/Ready False, all with reason PodCompleted;
 *   Failed pods: ContainersReady/Ready False with reason PodFailed.
 *
 * lastTransitionTime moves only when a condition's status changes (the status manager's
 * updateLastTransitionTime); lastProbeTime is null, as the kubelet sends it. Pure.
 */
import { rfc3339 } from '../util/time.js';
import type { ContainerStatus, Pod, PodCondition, PodPhase } from './types.js';

const KUBELET_OWNED = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);

type Draft = Omit<PodCondition, 'lastProbeTime' | 'lastTransitionTime'>;

export interface ConditionInput {
  pod: Pod;
  phase: PodPhase;
  initStatuses: readonly ContainerStatus[];
  statuses: readonly ContainerStatus[];
  /** The pod has its IP (its sandbox) and is not finished. */
  sandboxReady: boolean;
  now: number;
}

export function podConditions(input: ConditionInput): PodCondition[] {
  const old = input.pod.status?.conditions ?? [];
  const containersReady = containersReadyCondition(input);
  const drafts: Draft[] = [
    { type: 'PodReadyToStartContainers', status: input.sandboxReady ? 'True' : 'False' },
    initializedCondition(input),
    readyCondition(input.pod, old, containersReady),
    containersReady,
    { type: 'PodScheduled', status: 'True' },
  ];
  const kept = old.filter((c) => !KUBELET_OWNED.has(c.type));
  return [...kept, ...drafts.map((d) => withTimes(d, old.find((c) => c.type === d.type), input.now))];
}

function withTimes(draft: Draft, previous: PodCondition | undefined, now: number): PodCondition {
  const lastTransitionTime = previous && previous.status === draft.status && previous.lastTransitionTime ? previous.lastTransitionTime : rfc3339(now);
  return { ...draft, lastProbeTime: null, lastTransitionTime };
}

function containersReadyCondition({ pod, phase, statuses }: ConditionInput): Draft {
  if (phase === 'Succeeded') return { type: 'ContainersReady', status: 'False', reason: 'PodCompleted' };
  if (phase === 'Failed') return { type: 'ContainersReady', status: 'False', reason: 'PodFailed' };
  const unknown: string[] = [];
  const unready: string[] = [];
  for (const c of pod.spec.containers) {
    const s = statuses.find((x) => x.name === c.name);
    if (!s) unknown.push(c.name);
    else if (!s.ready) unready.push(c.name);
  }
  const parts = [
    ...(unknown.length ? [`containers with unknown status: ${goList(unknown)}`] : []),
    ...(unready.length ? [`containers with unready status: ${goList(unready)}`] : []),
  ];
  if (parts.length) return { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: parts.join(', ') };
  return { type: 'ContainersReady', status: 'True' };
}

function readyCondition(pod: Pod, conditions: readonly PodCondition[], containersReady: Draft): Draft {
  if (containersReady.status !== 'True') return { ...containersReady, type: 'Ready' };
  const unmet: string[] = [];
  for (const gate of pod.spec.readinessGates ?? []) {
    const c = conditions.find((x) => x.type === gate.conditionType);
    if (!c) unmet.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`);
    else if (c.status !== 'True') unmet.push(`the status of pod readiness gate "${gate.conditionType}" is not "True", but ${c.status}`);
  }
  if (unmet.length) return { type: 'Ready', status: 'False', reason: 'ReadinessGatesNotReady', message: unmet.join(', ') };
  return { type: 'Ready', status: 'True' };
}

function initializedCondition({ pod, phase, initStatuses, statuses }: ConditionInput): Draft {
  if (phase === 'Succeeded') return { type: 'Initialized', status: 'True', reason: 'PodCompleted' };
  const anyStarted = statuses.some((s) => s.state.running !== undefined || s.state.terminated !== undefined || s.lastState.terminated !== undefined);
  if (anyStarted) return { type: 'Initialized', status: 'True' };
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const c of pod.spec.initContainers ?? []) {
    const s = initStatuses.find((x) => x.name === c.name);
    if (!s) unknown.push(c.name);
    else if (!s.ready) incomplete.push(c.name);
  }
  const parts = [
    ...(unknown.length ? [`containers with unknown status: ${goList(unknown)}`] : []),
    ...(incomplete.length ? [`containers with incomplete status: ${goList(incomplete)}`] : []),
  ];
  if (parts.length) return { type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: parts.join(', ') };
  return { type: 'Initialized', status: 'True' };
}

/** Go's %s of a []string: `[a b c]`. */
function goList(names: string[]): string {
  return `[${names.join(' ')}]`;
}
