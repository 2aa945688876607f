/**
 * Every text the kubelet shows users, word for word as kubelet v1.32 writes it (pkg/kubelet/events,
 * kuberuntime, images, prober, status), in one place so a reader can compare them with a real cluster's
 * `kubectl describe pod`. Pure.
 */
import { formatGoDuration } from '../util/go-duration.js';
import { formatPod, type Pod } from './types.js';

export const Reasons = {
  // Event reasons (pkg/kubelet/events/event.go)
  Pulling: 'Pulling', Pulled: 'Pulled', Failed: 'Failed', BackOff: 'BackOff', Created: 'Created', Started: 'Started',
  Killing: 'Killing', Unhealthy: 'Unhealthy', FailedPreStopHook: 'FailedPreStopHook', ProbeWarning: 'ProbeWarning',
  // Waiting reasons (container status)
  ContainerCreating: 'ContainerCreating', PodInitializing: 'PodInitializing', CrashLoopBackOff: 'CrashLoopBackOff',
  ErrImagePull: 'ErrImagePull', ImagePullBackOff: 'ImagePullBackOff', ErrImageNeverPull: 'ErrImageNeverPull',
  CreateContainerConfigError: 'CreateContainerConfigError', RunContainerError: 'RunContainerError', InvalidImageName: 'InvalidImageName', InspectFailed: 'InspectFailed', CreateContainerError: 'CreateContainerError',
  // Terminated reasons
  Completed: 'Completed', Error: 'Error',
} as const;

export const messages = {
  pulling: (image: string) => `Pulling image "${image}"`,
  pulled: (image: string, pullMs: number, totalMs: number, sizeBytes: number) =>
    `Successfully pulled image "${image}" in ${formatGoDuration(pullMs)} (${formatGoDuration(totalMs)} including waiting). Image size: ${sizeBytes} bytes.`,
  invalidImageName: (image: string, error: string) => `Failed to apply default image tag "${image}": couldn't parse image reference "${image}": ${error}`,
  alreadyPresent: (image: string) => `Container image "${image}" already present on machine`,
  neverPull: (image: string) => `Container image "${image}" is not present with pull policy of Never`,
  failedToPull: (image: string, error: string) => `Failed to pull image "${image}": ${error}`,
  backOffPulling: (image: string) => `Back-off pulling image "${image}"`,
  /** The waiting message during ImagePullBackOff keeps the last pull error (v1.32, kubernetes#127918). */
  backOffPullingWaiting: (image: string, lastReason: string, lastMessage: string) => `Back-off pulling image "${image}": ${lastReason}: ${lastMessage}`,
  /** The Failed event after a failed start step: `Error: ErrImagePull`. */
  error: (what: string) => `Error: ${what}`,
  created: (container: string) => `Created container ${container}`,
  started: (container: string) => `Started container ${container}`,
  stopping: (container: string) => `Stopping container ${container}`,
  failedLiveness: (container: string) => `Container ${container} failed liveness probe, will be restarted`,
  failedStartup: (container: string) => `Container ${container} failed startup probe, will be restarted`,
  definitionChanged: (container: string) => `Container ${container} definition changed, will be restarted`,
  backOffRestartingEvent: (container: string, pod: Pod) => `Back-off restarting failed container ${container} in pod ${formatPod(pod)}`,
  backOffRestartingWaiting: (delayMs: number, container: string, pod: Pod) =>
    `back-off ${formatGoDuration(delayMs)} restarting failed container=${container} pod=${formatPod(pod)}`,
  probeFailed: (probe: ProbeKind, output: string) => `${probeName(probe)} probe failed: ${output}`,
  probeErrored: (probe: ProbeKind, error: string) => `${probeName(probe)} probe errored: ${error}`,
  /** FailedPreStopHook, exec handler (lifecycle/handlers.go); Go's %v of a []string is `[a b c]`, %q quotes. */
  execHookFailed: (command: string[], container: string, pod: Pod, error: string, output: string) =>
    `Exec lifecycle hook ([${command.join(' ')}]) for Container "${container}" in Pod "${formatPod(pod)}" failed - error: ${error}, message: ${JSON.stringify(output)}`,
  httpHookFailed: (path: string, container: string, pod: Pod, error: string) =>
    `HTTP lifecycle hook (${path}) for Container "${container}" in Pod "${formatPod(pod)}" failed - error: ${error}`,
  /** The error of an exec handler that exited non-zero (exec.CodeExitError). */
  commandExited: (command: string[], exitCode: number) => `command '${command.join(' ')}' exited with ${exitCode}: `,
} as const;

export type ProbeKind = 'startup' | 'readiness' | 'liveness';

function probeName(kind: ProbeKind): string {
  return kind === 'startup' ? 'Startup' : kind === 'readiness' ? 'Readiness' : 'Liveness';
}
