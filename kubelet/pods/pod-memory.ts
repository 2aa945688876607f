/**
 * What the kubelet remembers about a pod that the container runtime does not: back-off entries, the
 * last reason a container failed to start (the kubelet's reasonCache, shown as `waiting.reason`),
 * containers it is killing, and probe results. Lost on a kubelet restart, exactly as upstream: back-off
 * starts over and probes run again, but the containers themselves (and their restartCount) live on in
 * the runtime.
 *
 * Plain data, mutated only by the pod worker that owns it; the pure decision functions read it.
 */
import type { BackoffEntry } from './backoff.js';

export type ProbeResult = 'success' | 'failure';

/** Per container instance (keyed by container id, so a restarted container starts with fresh results). */
export interface ContainerProbeResults {
  startup?: ProbeResult;
  readiness?: ProbeResult;
  liveness?: ProbeResult;
}

/** Why a container is not running, as its status says: `waiting: {reason, message}`. */
export interface StartFailure {
  reason: string;
  message: string;
}

export interface PodMemory {
  /** CrashLoopBackOff, by container name. */
  crashBackoff: Record<string, BackoffEntry>;
  /** ImagePullBackOff, by image reference (upstream keys it `<pod uid>_<image>`; this memory is per pod). */
  imageBackoff: Record<string, BackoffEntry>;
  /** The last pull error by image reference, for the ImagePullBackOff message. */
  pullErrors: Record<string, string>;
  /** The last start failure by container name; cleared when the container starts. */
  failures: Record<string, StartFailure>;
  /** Container ids being stopped, with the message of the Killing event. */
  killing: Record<string, string>;
  /** Probe results by container id. */
  probes: Record<string, ContainerProbeResults>;
  /** The BackOff event already recorded for this back-off window, by container name (its end time). */
  backOffRecorded: Record<string, number>;
  /** The final delete of the API object was sent (graceful deletion finished). */
  deleteRequested: boolean;
  /** When the kubelet first saw the pod: status.startTime. */
  firstSeenMs?: number;
}

export function newPodMemory(): PodMemory {
  return { crashBackoff: {}, imageBackoff: {}, pullErrors: {}, failures: {}, killing: {}, probes: {}, backOffRecorded: {}, deleteRequested: false };
}
