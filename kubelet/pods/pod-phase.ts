/**
 * The pod phase from its container statuses, as kubelet v1.32's getPhase decides it (restartable
 * "sidecar" init containers are not supported and count as ordinary init containers):
 *
 *   Pending    an init container has not succeeded yet, or a container has never run
 *   Running    every container has run and one is running; or all stopped but they will restart
 *   Succeeded  every container stopped with exit code 0 and none will restart
 *   Failed     one stopped with an error and none will restart (or an init container failed under Never)
 *
 * `podIsTerminal` is true once the kubelet has stopped a pod for good (deleted): it then settles on
 * Succeeded or Failed whatever the restart policy. A pod that was Succeeded or Failed stays so. Pure.
 */
import { isTerminalPhase, restartPolicyOf, type ContainerStatus, type Pod, type PodPhase } from './types.js';

interface Counts {
  running: number;
  waiting: number;
  stopped: number;
  succeeded: number;
  unknown: number;
}

export function getPhase(pod: Pod, initStatuses: readonly ContainerStatus[], statuses: readonly ContainerStatus[], podIsTerminal: boolean): PodPhase {
  const previous = pod.status?.phase;
  if (isTerminalPhase(previous)) return previous!;
  const policy = restartPolicyOf(pod);
  const init = initProgress(pod, initStatuses);
  if (init.failed > 0 && policy === 'Never') return 'Failed';
  const n = countContainers(pod, statuses);
  const anyStarted = statuses.some((s) => s.state.running !== undefined || s.state.terminated !== undefined || s.lastState.terminated !== undefined);
  if ((init.pending > 0 && !anyStarted) || n.waiting > 0) return 'Pending';
  if (n.running > 0 && n.unknown === 0) return 'Running';
  if (n.running === 0 && n.stopped > 0 && n.unknown === 0) {
    if (podIsTerminal) return n.stopped === n.succeeded ? 'Succeeded' : 'Failed';
    if (policy === 'Always') return 'Running';
    if (n.stopped === n.succeeded) return 'Succeeded';
    return policy === 'Never' ? 'Failed' : 'Running';
  }
  return 'Pending';
}

function initProgress(pod: Pod, statuses: readonly ContainerStatus[]): { pending: number; failed: number } {
  let pending = 0;
  let failed = 0;
  for (const c of pod.spec.initContainers ?? []) {
    const s = statuses.find((x) => x.name === c.name);
    if (!s || s.state.running) pending++;
    else if (s.state.terminated) failed += s.state.terminated.exitCode !== 0 ? 1 : 0;
    else if (s.lastState.terminated) failed += s.lastState.terminated.exitCode !== 0 ? 1 : 0;
    else pending++;
  }
  return { pending, failed };
}

function countContainers(pod: Pod, statuses: readonly ContainerStatus[]): Counts {
  const n: Counts = { running: 0, waiting: 0, stopped: 0, succeeded: 0, unknown: 0 };
  for (const c of pod.spec.containers) {
    const s = statuses.find((x) => x.name === c.name);
    if (!s) n.unknown++;
    else if (s.state.running) n.running++;
    else if (s.state.terminated) {
      n.stopped++;
      if (s.state.terminated.exitCode === 0) n.succeeded++;
    } else if (s.state.waiting) {
      if (s.lastState.terminated) n.stopped++;
      else n.waiting++;
    } else n.unknown++;
  }
  return n;
}
