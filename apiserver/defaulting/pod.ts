/**
 * What kube-apiserver adds to a Pod, beyond the PodSpec defaults (pod-spec.ts):
 * - SetDefaults_Pod: requests copied from limits where a container sets only limits,
 *   enableServiceLinks true, and with hostNetwork each container port's hostPort = containerPort;
 * - on create only, what the default admission plugins add, because `kubectl get pod -o yaml` on a real
 *   cluster shows it: Priority (priority 0 and preemptionPolicy PreemptLowerPriority without a class,
 *   the built-in system classes' values otherwise), DefaultTolerationSeconds (NoExecute tolerations of
 *   300 s for node.kubernetes.io/not-ready and /unreachable unless the pod tolerates them already) and
 *   ServiceAccount (serviceAccountName and serviceAccount "default"; the token volume is not added);
 * - on create only, the status the Pod strategy sets: phase Pending and the QoS class.
 *
 * Interface: setDefaultsPod(pod, operation) mutates `pod`.
 */
import { child, items, maybe, setDefault, type Obj } from './object-util.js';
import { setDefaultsPodSpec } from './pod-spec.js';
import { podQOSClass } from './qos.js';

export type Operation = 'create' | 'update';

const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';
const DEFAULT_TOLERATION_SECONDS = 300;

/** Priorities of the PriorityClasses every cluster has; other classes are resolved by admission. */
const SYSTEM_PRIORITIES: Record<string, number> = { 'system-cluster-critical': 2000000000, 'system-node-critical': 2000001000 };

function requestsFromLimits(container: Obj): void {
  const resources = maybe(container, 'resources');
  const limits = maybe(resources, 'limits');
  if (!resources || !limits) return;
  resources.requests = { ...limits, ...(maybe(resources, 'requests') ?? {}) };
}

function hostNetworkPorts(container: Obj): void {
  for (const port of items(container, 'ports')) {
    if (!port.hostPort) port.hostPort = port.containerPort;
  }
}

/** DefaultTolerationSeconds admission: an empty key or effect in a toleration matches too. */
function addDefaultTolerations(spec: Obj): void {
  const tolerations = items(spec, 'tolerations');
  const tolerates = (key: string) =>
    tolerations.some((t) => (!t.key || t.key === key) && (!t.effect || t.effect === 'NoExecute'));
  const added = [NOT_READY, UNREACHABLE]
    .filter((key) => !tolerates(key))
    .map((key) => ({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS }));
  if (added.length) spec.tolerations = [...(Array.isArray(spec.tolerations) ? spec.tolerations : []), ...added];
}

function admitPriority(spec: Obj): void {
  const className = typeof spec.priorityClassName === 'string' ? spec.priorityClassName : '';
  const priority = SYSTEM_PRIORITIES[className];
  if (!className) setDefault(spec, 'priority', 0);
  else if (priority !== undefined) setDefault(spec, 'priority', priority);
  setDefault(spec, 'preemptionPolicy', 'PreemptLowerPriority');
}

export function setDefaultsPod(pod: Obj, operation: Operation): void {
  const spec = child(pod, 'spec');
  setDefaultsPodSpec(spec);
  for (const c of [...items(spec, 'containers'), ...items(spec, 'initContainers')]) {
    requestsFromLimits(c);
    if (spec.hostNetwork === true) hostNetworkPorts(c);
  }
  setDefault(spec, 'enableServiceLinks', true);
  if (operation !== 'create') return;
  admitPriority(spec);
  addDefaultTolerations(spec);
  setDefault(spec, 'serviceAccountName', 'default');
  spec.serviceAccount = spec.serviceAccountName;
  const status = child(pod, 'status');
  setDefault(status, 'phase', 'Pending');
  status.qosClass = podQOSClass(spec);
}
