/**
 * Reading a pod's containers as the runtime reports them: every instance of every container the
 * runtime still keeps (the running one and the dead ones before it). Shared by the pure decision
 * (pod-actions.ts) and the pure status (pod-status.ts). Pure.
 */
import type { RuntimeContainer } from '../runtime-port.js';
import type { Container, Pod } from './types.js';
import { restartPolicyOf } from './types.js';

/** The instances of one container, newest first (highest restartCount, then latest creation). */
export function instancesOf(containers: readonly RuntimeContainer[], name: string): RuntimeContainer[] {
  return containers
    .filter((c) => c.containerName === name)
    .sort((a, b) => b.restartCount - a.restartCount || (b.createdAt ?? b.startedAt ?? '').localeCompare(a.createdAt ?? a.startedAt ?? ''));
}

/** Running, or started but not yet running: either way not something to start again. */
export function isActive(c: RuntimeContainer | undefined): boolean {
  return c !== undefined && c.state !== 'exited';
}

/** The exit code of an exited instance; a shim killed without a trace counts as SIGKILLed (137). */
export function exitCodeOf(c: RuntimeContainer): number {
  return c.exitCode ?? 137;
}

/**
 * Should this exited instance be followed by a new one? (kubecontainer.ShouldContainerBeRestarted for
 * a container that ran): Always yes, OnFailure when it failed, Never no.
 */
export function shouldRestart(pod: Pod, latest: RuntimeContainer): boolean {
  const policy = restartPolicyOf(pod);
  if (policy === 'Always') return true;
  if (policy === 'OnFailure') return exitCodeOf(latest) !== 0;
  return false;
}

/** Has an init container finished its work? (exited 0) */
export function initSucceeded(latest: RuntimeContainer | undefined): boolean {
  return latest !== undefined && latest.state === 'exited' && exitCodeOf(latest) === 0;
}

export function specContainers(pod: Pod): { container: Container; init: boolean }[] {
  return [
    ...(pod.spec.initContainers ?? []).map((container) => ({ container, init: true })),
    ...pod.spec.containers.map((container) => ({ container, init: false })),
  ];
}
