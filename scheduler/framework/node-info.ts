/**
 * The scheduler's snapshot of the cluster: one NodeInfo per node, holding the pods bound to it and what
 * they use (framework.NodeInfo and the cache snapshot in kube-scheduler).
 *
 *   buildSnapshot(nodes, pods, assumed)   every node, in name order, with its pods
 *   buildNodeInfo(node, pods)             one node with exactly the pods given
 *
 * Which pods count: those bound to the node (spec.nodeName) or assumed bound (the scheduler has sent the
 * binding but its informer has not seen it yet), and not terminated: a Succeeded or Failed pod holds no
 * resources, as kube-scheduler's informer drops such pods. A terminating pod (deletionTimestamp set)
 * still runs, so it still counts. Pure.
 */
import { addResource, emptyResource, podRequests, resourceList } from './resources.js';
import type { HostPort, Node, NodeInfo, Pod } from './types.js';

export function isTerminated(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** `namespace/name`, the key pods have in the informer's store and in the queue. */
export function podKey(pod: Pod): string {
  return `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
}

/** The host ports a pod's containers claim, with defaults filled in (IP 0.0.0.0, protocol TCP). */
export function hostPorts(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  for (const c of (pod.spec?.containers ?? []) as { ports?: { hostPort?: number; hostIP?: string; protocol?: string }[] }[]) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort || p.hostPort <= 0) continue;
      out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort });
    }
  }
  return out;
}

export function buildNodeInfo(node: Node, pods: readonly Pod[]): NodeInfo {
  let requested = emptyResource();
  let nonZeroRequested = emptyResource();
  const usedPorts: HostPort[] = [];
  for (const pod of pods) {
    requested = addResource(requested, podRequests(pod));
    nonZeroRequested = addResource(nonZeroRequested, podRequests(pod, { nonZero: true }));
    usedPorts.push(...hostPorts(pod));
  }
  return {
    node, name: node.metadata.name ?? '', pods: [...pods], requested, nonZeroRequested,
    allocatable: resourceList(node.status?.allocatable), usedPorts,
  };
}

/**
 * One NodeInfo per node, sorted by name so that a decision does not depend on informer order.
 * `assumed` maps pod keys to the node the scheduler has just bound them to.
 */
export function buildSnapshot(nodes: readonly Node[], pods: readonly Pod[], assumed: ReadonlyMap<string, string> = new Map()): NodeInfo[] {
  const byNode = new Map<string, Pod[]>();
  for (const pod of pods) {
    if (isTerminated(pod)) continue;
    const nodeName: string | undefined = pod.spec?.nodeName || assumed.get(podKey(pod));
    if (!nodeName) continue;
    let list = byNode.get(nodeName);
    if (!list) byNode.set(nodeName, (list = []));
    list.push(pod);
  }
  return [...nodes]
    .sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1))
    .map((node) => buildNodeInfo(node, byNode.get(node.metadata.name ?? '') ?? []));
}
