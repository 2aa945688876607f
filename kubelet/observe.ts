/**
 * What a kubelet tells observers (design.md §1), as plain JSON on NATS:
 *
 *   <prefix>.observe.decision.kubelet-<node>    one PodSyncDecision per pod sync that acts: each action
 *                                               (start, kill, back-off, ...) with its reason
 *   <prefix>.observe.heartbeat.kubelet-<node>   every heartbeat period: alive, pods and containers
 *
 * Fire-and-forget: with no subscriber the NATS server drops them. Pure builders; kubelet.ts publishes.
 */
import type { PodAction } from './pods/pod-actions.js';
import type { Pod } from './pods/types.js';

export interface PodSyncDecision {
  kind: 'PodSyncDecision';
  time: string;
  node: string;
  pod: string;
  uid?: string;
  actions: { type: PodAction['type']; container?: string; reason: string; message?: string }[];
}

export function podSyncDecision(node: string, pod: Pod, actions: readonly PodAction[], now: number): PodSyncDecision {
  return {
    kind: 'PodSyncDecision', time: new Date(now).toISOString(), node,
    pod: `${pod.metadata.namespace}/${pod.metadata.name}`, uid: pod.metadata.uid,
    actions: actions.map((a) => ({
      type: a.type, reason: a.reason,
      ...('container' in a ? { container: a.container } : {}),
      ...(a.type === 'killContainer' ? { message: a.message } : {}),
    })),
  };
}

export interface KubeletHeartbeat {
  kind: 'Heartbeat';
  component: 'kubelet';
  node: string;
  time: string;
  pods: number;
  containers: { running: number; exited: number };
}

export function kubeletHeartbeat(node: string, pods: number, containers: { state: string }[], now: number): KubeletHeartbeat {
  const running = containers.filter((c) => c.state !== 'exited').length;
  return { kind: 'Heartbeat', component: 'kubelet', node, time: new Date(now).toISOString(), pods, containers: { running, exited: containers.length - running } };
}
