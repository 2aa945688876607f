/**
 * The Node a kubelet registers and the status it keeps current (kubelet_node_status.go and
 * nodestatus/setters.go), pure:
 *
 *   labels        kubernetes.io/hostname, kubernetes.io/os, kubernetes.io/arch (and the beta.* twins)
 *   spec          podCIDR and podCIDRs (here from --pod-cidr rather than the node IPAM controller)
 *   capacity      cpu, memory (Ki), pods, ephemeral-storage, hugepages-1Gi/2Mi 0
 *   allocatable   capacity minus the hard eviction thresholds: memory − 100Mi, ephemeral-storage 90 %
 *   addresses     InternalIP (--node-ip), Hostname (the node name)
 *   nodeInfo      kubeletVersion v1.32.0-kubelab, containerRuntimeVersion kubelab://0.1.0, OS and ids
 *   conditions    MemoryPressure, DiskPressure, PIDPressure (False) and Ready (True), with the kubelet's
 *                 reasons and messages; lastTransitionTime moves only when a status changes,
 *                 lastHeartbeatTime on every report
 *
 * When to report (Lease era): every nodeStatusUpdateFrequency the status is computed, and posted only
 * if it changed (heartbeat times aside) or nodeStatusReportFrequency passed since the last post.
 */
import type { KubeObject } from '../../lib/api/types.js';
import { formatCpu, formatKi } from '../util/quantity.js';
import { rfc3339 } from '../util/time.js';
import type { HostInfo } from './host-info.js';

export const KUBELET_VERSION = 'v1.32.0-kubelab';
export const CONTAINER_RUNTIME_VERSION = 'kubelab://0.1.0';

export interface NodeConfig {
  nodeName: string;
  nodeIP: string;
  podCIDR: string;
  cpu: number;
  memoryBytes: number;
  maxPods: number;
}

export interface NodeCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
  reason: string;
  message: string;
}

/** Memory the kubelet keeps free (evictionHard memory.available<100Mi). */
const EVICTION_MEMORY = 100 * 2 ** 20;

const CONDITIONS: Omit<NodeCondition, 'lastHeartbeatTime' | 'lastTransitionTime'>[] = [
  { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
  { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
  { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
  { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
];

export function nodeLabels(cfg: NodeConfig, host: HostInfo): Record<string, string> {
  return {
    'beta.kubernetes.io/arch': host.architecture, 'beta.kubernetes.io/os': host.operatingSystem,
    'kubernetes.io/arch': host.architecture, 'kubernetes.io/hostname': cfg.nodeName, 'kubernetes.io/os': host.operatingSystem,
  };
}

/** The Node object the kubelet creates when it registers. */
export function initialNode(cfg: NodeConfig, host: HostInfo, images: NodeImage[], now: number): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: {
      name: cfg.nodeName, labels: nodeLabels(cfg, host),
      annotations: { 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec: { podCIDR: cfg.podCIDR, podCIDRs: [cfg.podCIDR] },
    status: nodeStatus(cfg, host, images, [], now),
  };
}

export interface NodeImage {
  names: string[];
  sizeBytes: number;
}

export function nodeStatus(cfg: NodeConfig, host: HostInfo, images: NodeImage[], previous: readonly NodeCondition[], now: number): Record<string, unknown> {
  const capacity = {
    cpu: formatCpu(cfg.cpu), 'ephemeral-storage': formatKi(host.diskBytes), 'hugepages-1Gi': '0', 'hugepages-2Mi': '0',
    memory: formatKi(cfg.memoryBytes), pods: String(cfg.maxPods),
  };
  const allocatable = { ...capacity, 'ephemeral-storage': String(Math.floor(host.diskBytes * 0.9)), memory: formatKi(Math.max(0, cfg.memoryBytes - EVICTION_MEMORY)) };
  return {
    capacity, allocatable,
    conditions: nodeConditions(previous, now),
    addresses: [{ type: 'InternalIP', address: cfg.nodeIP }, { type: 'Hostname', address: cfg.nodeName }],
    daemonEndpoints: { kubeletEndpoint: { Port: 0 } },
    nodeInfo: {
      machineID: host.machineID, systemUUID: host.systemUUID, bootID: host.bootID, kernelVersion: host.kernelVersion,
      osImage: host.osImage, containerRuntimeVersion: CONTAINER_RUNTIME_VERSION, kubeletVersion: KUBELET_VERSION,
      operatingSystem: host.operatingSystem, architecture: host.architecture,
    },
    images,
  };
}

/** The four conditions with this heartbeat, keeping each one's lastTransitionTime while its status holds. */
export function nodeConditions(previous: readonly NodeCondition[], now: number): NodeCondition[] {
  const time = rfc3339(now);
  return CONDITIONS.map((c) => {
    const old = previous.find((p) => p.type === c.type);
    const lastTransitionTime = old && old.status === c.status && old.lastTransitionTime ? old.lastTransitionTime : time;
    return { type: c.type, status: c.status, lastHeartbeatTime: time, lastTransitionTime, reason: c.reason, message: c.message };
  });
}

/** Has anything but the heartbeat times changed? (nodeStatusHasChanged) */
export function nodeStatusChanged(previous: Record<string, unknown> | undefined, next: Record<string, unknown>): boolean {
  const strip = (s: Record<string, unknown> | undefined) => JSON.stringify({
    ...s, conditions: ((s?.conditions ?? []) as NodeCondition[]).map(({ lastHeartbeatTime: _h, ...rest }) => rest),
  });
  return strip(previous) !== strip(next);
}

/** Should this computed status be posted now? */
export function shouldReportNodeStatus(lastPosted: Record<string, unknown> | undefined, next: Record<string, unknown>, lastPostedMs: number, now: number, reportFrequencyMs: number): boolean {
  return nodeStatusChanged(lastPosted, next) || now - lastPostedMs >= reportFrequencyMs;
}

/** The conditions whose status changed between two reports, for the `NodeReady`-style events. */
export function conditionTransitions(previous: readonly NodeCondition[], next: readonly NodeCondition[]): NodeCondition[] {
  return next.filter((c) => previous.find((p) => p.type === c.type)?.status !== c.status);
}
