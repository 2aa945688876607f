/**
 * containerStatuses and initContainerStatuses as kubelet v1.32 reports them
 * (convertToAPIContainerStatuses): per container of the spec, from the runtime's newest instance
 * (`state`) and the one before it (`lastState`), then the kubelet's last start failure on top:
 *
 *   no instance yet                   waiting ContainerCreating (PodInitializing behind init containers)
 *   running                           running {startedAt}; started after the startup probe, ready after readiness
 *   exited, will not restart          terminated {exitCode, reason Completed|Error, startedAt, finishedAt}
 *   exited, to restart, with a reason waiting {CrashLoopBackOff | ErrImagePull | ..., message}, the
 *                                     terminated state moving to lastState
 *
 * Pure; `images` maps a spec image reference to the names the runtime reports for it.
 */
import type { RuntimeContainer } from '../runtime-port.js';
import { parseTime, rfc3339 } from '../util/time.js';
import { Reasons } from './messages.js';
import type { ContainerProbeResults, PodMemory } from './pod-memory.js';
import { exitCodeOf, instancesOf, isActive, shouldRestart } from './runtime-view.js';
import type { Container, ContainerState, ContainerStatus, Pod } from './types.js';

export interface ResolvedImage {
  image: string;
  imageID: string;
}

export interface ContainerStatusContext {
  pod: Pod;
  containers: readonly RuntimeContainer[];
  memory: Readonly<PodMemory>;
  images: Readonly<Record<string, ResolvedImage>>;
}

export const CONTAINER_ID_SCHEME = 'kubelab://';

export function containerStatuses(ctx: ContainerStatusContext, specs: readonly Container[], init: boolean): ContainerStatus[] {
  const blockedByInit = !init && (ctx.pod.spec.initContainers?.length ?? 0) > 0;
  return specs.map((c) => containerStatus(ctx, c, init, blockedByInit));
}

function containerStatus(ctx: ContainerStatusContext, c: Container, init: boolean, blockedByInit: boolean): ContainerStatus {
  const [current, previous] = instancesOf(ctx.containers, c.name);
  const resolved = ctx.images[current?.image ?? c.image];
  let state: ContainerState = current ? stateOf(current) : { waiting: { reason: blockedByInit ? Reasons.PodInitializing : Reasons.ContainerCreating } };
  let lastState: ContainerState = previous ? stateOf(previous) : {};
  const failure = ctx.memory.failures[c.name];
  if (failure && (!current || willRestart(ctx.pod, current, init))) {
    if (state.terminated) lastState = state;
    state = { waiting: { reason: failure.reason, message: failure.message } };
  }
  const probes = current ? ctx.memory.probes[current.id] : undefined;
  const running = state.running !== undefined;
  const started = running && (init || isStarted(c, probes));
  return {
    name: c.name,
    state,
    lastState,
    ready: init ? state.terminated?.exitCode === 0 : started && isReady(c, probes),
    restartCount: current?.restartCount ?? 0,
    image: resolved?.image ?? c.image,
    imageID: current ? (resolved?.imageID ?? '') : '',
    ...(current ? { containerID: `${CONTAINER_ID_SCHEME}${current.id}` } : {}),
    started,
  };
}

function willRestart(pod: Pod, current: RuntimeContainer, init: boolean): boolean {
  if (isActive(current)) return false;
  if (init) return exitCodeOf(current) !== 0 && pod.spec.restartPolicy !== 'Never';
  return shouldRestart(pod, current);
}

/** The startup probe gates everything else: no probe, or it succeeded. */
function isStarted(c: Container, probes: ContainerProbeResults | undefined): boolean {
  return !c.startupProbe || probes?.startup === 'success';
}

/** Without a readiness probe a started container is ready; with one, only after it succeeded. */
function isReady(c: Container, probes: ContainerProbeResults | undefined): boolean {
  return !c.readinessProbe || probes?.readiness === 'success';
}

export function stateOf(c: RuntimeContainer): ContainerState {
  if (c.state === 'created') return { waiting: { reason: Reasons.ContainerCreating } };
  if (c.state === 'running') return { running: { startedAt: apiTime(c.startedAt) } };
  const exitCode = exitCodeOf(c);
  return {
    terminated: {
      exitCode,
      reason: c.reason ?? (exitCode === 0 ? Reasons.Completed : Reasons.Error),
      ...(c.message ? { message: c.message } : {}),
      startedAt: apiTime(c.startedAt),
      finishedAt: apiTime(c.finishedAt),
      containerID: `${CONTAINER_ID_SCHEME}${c.id}`,
    },
  };
}

/** The runtime keeps sub-second times (back-off needs them); the API shows whole seconds. */
function apiTime(text: string | undefined): string | undefined {
  const ms = parseTime(text);
  return ms === undefined ? undefined : rfc3339(ms);
}
