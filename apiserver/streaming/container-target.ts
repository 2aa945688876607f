/**
 * Which container a log, exec or attach request is about, decided from the stored pod, and the errors a
 * real cluster gives when it cannot be served. Pure: the pod is a parameter.
 *
 *   validateContainer(pod, name?)                 → container name       (kube-apiserver's validateContainer)
 *   validateContainerLogStatus(pod, name, prev)   → runtime container ID (the kubelet's validateContainerLogStatus)
 *   validateStreamable(pod, name, 'exec'|'attach')→ runtime container ID or "" (the kubelet decides then)
 *
 * Messages are upstream's word for word (pkg/registry/core/pod/strategy.go, pkg/kubelet/kubelet_pods.go,
 * kubectl's exec/attach for completed pods), because kubectl prints them verbatim. Exec into a container
 * that is still waiting reuses the log wording ("is waiting to start: ContainerCreating"): a real kubelet
 * only says `container not found ("nginx")` there, which hides why.
 */
import type { KubeObject } from '../../lib/api/types.js';
import { BadRequestError } from '../../lib/errors.js';

interface ContainerState {
  waiting?: { reason?: string };
  running?: { startedAt?: string };
  terminated?: { containerID?: string; exitCode?: number; reason?: string };
}

interface ContainerStatus {
  name: string;
  containerID?: string;
  state?: ContainerState;
  lastState?: ContainerState;
}

/** Every container of the pod in upstream's VisitContainers order: init, regular, ephemeral. */
export function podContainerNames(pod: KubeObject): string[] {
  const spec = pod.spec ?? {};
  const names = (list: unknown) => (Array.isArray(list) ? list.map((c: { name: string }) => c.name) : []);
  return [...names(spec.initContainers), ...names(spec.containers), ...names(spec.ephemeralContainers)];
}

/** The container a request means: the one named (which must exist), or the pod's only container. */
export function validateContainer(pod: KubeObject, container: string | undefined): string {
  const name = pod.metadata.name ?? '';
  if (container) {
    if (!podContainerNames(pod).includes(container)) throw new BadRequestError(`container ${container} is not valid for pod ${name}`);
    return container;
  }
  const regular: Array<{ name: string }> = pod.spec?.containers ?? [];
  if (regular.length === 1) return regular[0]!.name;
  if (regular.length === 0) throw new BadRequestError(`a container name must be specified for pod ${name}`);
  // Go prints a []string as [a b c].
  throw new BadRequestError(`a container name must be specified for pod ${name}, choose one of: [${podContainerNames(pod).join(' ')}]`);
}

/** `kubelab://<id>` → `<id>`: the runtime's own ID, as the kubelet's ParseContainerID takes it apart. */
export function runtimeContainerID(containerID: string | undefined): string {
  if (!containerID) return '';
  const i = containerID.indexOf('://');
  return i < 0 ? containerID : containerID.slice(i + 3);
}

function containerStatus(pod: KubeObject, container: string): ContainerStatus | undefined {
  const s = pod.status ?? {};
  for (const list of [s.containerStatuses, s.initContainerStatuses, s.ephemeralContainerStatuses]) {
    const found = (Array.isArray(list) ? (list as ContainerStatus[]) : []).find((c) => c.name === container);
    if (found) return found;
  }
  return undefined;
}

function waitingError(container: string, pod: string, reason: string | undefined): BadRequestError {
  const prefix = `container ${JSON.stringify(container)} in pod ${JSON.stringify(pod)} is waiting to start`;
  if (reason === 'ErrImagePull') return new BadRequestError(`${prefix}: image can't be pulled`);
  if (reason === 'ImagePullBackOff') return new BadRequestError(`${prefix}: trying and failing to pull image`);
  return new BadRequestError(`${prefix}: ${reason ?? ''}`);
}

/**
 * The container whose log to read: with `previous` the last terminated one, otherwise the running one,
 * else the one that ended last. A container that never ran says what it is waiting for.
 */
export function validateContainerLogStatus(pod: KubeObject, container: string, previous: boolean): string {
  const podName = pod.metadata.name ?? '';
  const q = (s: string) => JSON.stringify(s);
  const cs = containerStatus(pod, container);
  if (!cs) throw new BadRequestError(`container ${q(container)} in pod ${q(podName)} is not available`);
  const last = cs.lastState?.terminated;
  const { waiting, running, terminated } = cs.state ?? {};
  const isTerminated = `container ${q(container)} in pod ${q(podName)} is terminated`;
  if (previous) {
    if (!last?.containerID) throw new BadRequestError(`previous terminated container ${q(container)} in pod ${q(podName)} not found`);
    return runtimeContainerID(last.containerID);
  }
  if (running) return runtimeContainerID(cs.containerID);
  if (terminated) {
    // The next container may not have started: its log is the last terminated one's.
    const id = terminated.containerID || last?.containerID;
    if (!id) throw new BadRequestError(isTerminated);
    return runtimeContainerID(id);
  }
  if (last) {
    if (!last.containerID) throw new BadRequestError(isTerminated);
    return runtimeContainerID(last.containerID);
  }
  if (waiting) throw waitingError(container, podName, waiting.reason);
  throw new BadRequestError(`container ${q(container)} in pod ${q(podName)} is waiting to start - no logs yet`);
}

/**
 * Exec and attach need a running container. Completed pods are refused as kubectl refuses them; a
 * container the status shows waiting says why. Otherwise the running container's ID, or "" when the
 * status does not know it yet: the kubelet, which sees its runtime live, has the last word.
 */
export function validateStreamable(pod: KubeObject, container: string, verb: 'exec' | 'attach'): string {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') {
    const what = verb === 'exec' ? 'exec into' : 'attach';
    throw new BadRequestError(`cannot ${what} a container in a completed pod; current phase is ${phase}`);
  }
  const cs = containerStatus(pod, container);
  if (cs?.state?.running) return runtimeContainerID(cs.containerID);
  if (cs?.state?.waiting && !cs.lastState?.terminated) throw waitingError(container, pod.metadata.name ?? '', cs.state.waiting.reason);
  return '';
}
