/**
 * Object builders for the scheduler's tests (kube-scheduler's st.MakePod / st.MakeNode in miniature):
 *
 *   makePod('web-1').requests({ cpu: '500m' }).ownedBy('rs-uid').build()
 *   makeNode('node-1').allocatable({ cpu: '2', memory: '4Gi', pods: 110 }).ready().build()
 *
 * Every method returns the builder; build() returns a fresh deep copy, so one builder can make many
 * objects. For tests only.
 */
import type { KubeObject } from '../../lib/api/types.js';
import type { NodeSelectorRequirement, NodeSelectorTerm, Taint, Toleration } from '../framework/types.js';

type Quantities = Record<string, string | number>;

const stringify = (q: Quantities) => Object.fromEntries(Object.entries(q).map(([k, v]) => [k, String(v)]));

export function makePod(name = 'pod', namespace = 'default') {
  const pod: KubeObject = {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace, uid: `uid-${namespace}-${name}` },
    spec: { schedulerName: 'default-scheduler', containers: [{ name: 'c', image: 'nginxdemos/hello:plain-text' }] },
    status: { phase: 'Pending' },
  };
  const first = () => pod.spec.containers[0];
  const affinity = () => (pod.spec.affinity ??= { nodeAffinity: {} }).nodeAffinity;
  const b = {
    uid(uid: string) { pod.metadata.uid = uid; return b; },
    labels(labels: Record<string, string>) { pod.metadata.labels = { ...pod.metadata.labels, ...labels }; return b; },
    requests(q: Quantities) { first().resources = { requests: stringify(q) }; return b; },
    /** Adds another container with these requests. */
    container(q: Quantities) { pod.spec.containers.push({ name: `c${pod.spec.containers.length}`, image: 'x', resources: { requests: stringify(q) } }); return b; },
    initContainer(q: Quantities, restartPolicy?: 'Always') {
      (pod.spec.initContainers ??= []).push({ name: `init${pod.spec.initContainers.length}`, image: 'x', resources: { requests: stringify(q) }, ...(restartPolicy ? { restartPolicy } : {}) });
      return b;
    },
    overhead(q: Quantities) { pod.spec.overhead = stringify(q); return b; },
    hostPort(hostPort: number, protocol = 'TCP', hostIP?: string) {
      (first().ports ??= []).push({ containerPort: hostPort, hostPort, protocol, ...(hostIP ? { hostIP } : {}) });
      return b;
    },
    nodeSelector(selector: Record<string, string>) { pod.spec.nodeSelector = selector; return b; },
    requiredTerms(...terms: NodeSelectorTerm[]) {
      affinity().requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: terms };
      return b;
    },
    /** One required term with these label expressions. */
    requiredExpressions(...matchExpressions: NodeSelectorRequirement[]) { return b.requiredTerms({ matchExpressions }); },
    preferred(weight: number, ...matchExpressions: NodeSelectorRequirement[]) {
      (affinity().preferredDuringSchedulingIgnoredDuringExecution ??= []).push({ weight, preference: { matchExpressions } });
      return b;
    },
    tolerations(...tolerations: Toleration[]) { pod.spec.tolerations = tolerations; return b; },
    ownedBy(uid: string, kind = 'ReplicaSet') {
      pod.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind, name: `owner-${uid}`, uid, controller: true }];
      return b;
    },
    onNode(nodeName: string) { pod.spec.nodeName = nodeName; return b; },
    priority(priority: number) { pod.spec.priority = priority; return b; },
    preemptionPolicy(policy: 'Never' | 'PreemptLowerPriority') { pod.spec.preemptionPolicy = policy; return b; },
    phase(phase: string) { pod.status.phase = phase; return b; },
    terminating() { pod.metadata.deletionTimestamp = '2024-01-01T00:00:00Z'; return b; },
    schedulerName(schedulerName: string) { pod.spec.schedulerName = schedulerName; return b; },
    build: (): KubeObject => structuredClone(pod),
  };
  return b;
}

export function makeNode(name: string) {
  const node: KubeObject = {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name, uid: `uid-node-${name}`, labels: { 'kubernetes.io/hostname': name } },
    spec: {},
    status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' }, conditions: [] },
  };
  const setReady = (status: string) => {
    node.status.conditions = [...node.status.conditions.filter((c: { type: string }) => c.type !== 'Ready'), { type: 'Ready', status }];
    return b;
  };
  const b = {
    allocatable(q: Quantities) { node.status.allocatable = stringify(q); return b; },
    labels(labels: Record<string, string>) { node.metadata.labels = { ...node.metadata.labels, ...labels }; return b; },
    withoutLabels() { node.metadata.labels = {}; return b; },
    taints(...taints: Taint[]) { node.spec.taints = taints; return b; },
    unschedulable() { node.spec.unschedulable = true; return b; },
    ready: () => setReady('True'),
    notReady: () => setReady('False'),
    readyUnknown: () => setReady('Unknown'),
    build: (): KubeObject => structuredClone(node),
  };
  return b;
}
