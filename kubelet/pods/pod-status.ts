/**
 * generatePodStatus: the status the kubelet reports for a pod (generateAPIPodStatus): container
 * statuses from the runtime and the kubelet's memory, the phase from them, the conditions from both,
 * and the addresses: podIP/podIPs from the pod's sandbox, hostIP/hostIPs the node's. startTime is when
 * the kubelet first took the pod in and never moves; qosClass is kept as the apiserver computed it.
 *
 * A pod being deleted whose containers have all stopped is terminal: it ends Succeeded or Failed.
 * Pure: `now` is an input.
 */
import type { RuntimeContainer } from '../runtime-port.js';
import { rfc3339 } from '../util/time.js';
import { containerStatuses, type ResolvedImage } from './container-statuses.js';
import { podConditions } from './pod-conditions.js';
import type { PodMemory } from './pod-memory.js';
import { getPhase } from './pod-phase.js';
import { isActive } from './runtime-view.js';
import { isTerminalPhase, type Pod, type PodStatus } from './types.js';

export interface PodStatusInput {
  pod: Pod;
  removed?: boolean;
  podIP: string | undefined;
  nodeIP: string;
  containers: readonly RuntimeContainer[];
  memory: Readonly<PodMemory>;
  /** Spec image reference → the names the runtime reports (status.image, status.imageID). */
  images: Readonly<Record<string, ResolvedImage>>;
  now: number;
}

export function generatePodStatus(input: PodStatusInput): PodStatus {
  const { pod, podIP, nodeIP, now } = input;
  const ctx = { pod, containers: input.containers, memory: input.memory, images: input.images };
  const initStatuses = containerStatuses(ctx, pod.spec.initContainers ?? [], true);
  const statuses = containerStatuses(ctx, pod.spec.containers, false);
  const podIsTerminal = (input.removed === true || Boolean(pod.metadata.deletionTimestamp)) && !input.containers.some(isActive);
  const phase = getPhase(pod, initStatuses, statuses, podIsTerminal);
  const sandboxReady = Boolean(podIP) && !podIsTerminal && !isTerminalPhase(phase);
  const previous = pod.status ?? {};
  return {
    phase,
    conditions: podConditions({ pod, phase, initStatuses, statuses, sandboxReady, now }),
    // The reason and message of a phase (e.g. Evicted) stay while the phase does.
    ...(previous.phase === phase && previous.reason ? { reason: previous.reason } : {}),
    ...(previous.phase === phase && previous.message ? { message: previous.message } : {}),
    hostIP: nodeIP,
    hostIPs: [{ ip: nodeIP }],
    ...(podIP ? { podIP, podIPs: [{ ip: podIP }] } : {}),
    startTime: previous.startTime ?? rfc3339(input.memory.firstSeenMs ?? now),
    ...(initStatuses.length ? { initContainerStatuses: initStatuses } : {}),
    containerStatuses: statuses,
    ...(previous.qosClass ? { qosClass: previous.qosClass } : {}),
  };
}
