import { describe, expect, it } from 'vitest';
import { T0 } from '../testing/builders.js';
import { rfc3339 } from '../util/time.js';
import type { HostInfo } from './host-info.js';
import { nodeLease, renewIntervalMs } from './node-lease.js';
import { conditionTransitions, initialNode, nodeConditions, nodeStatus, shouldReportNodeStatus, type NodeConfig } from './node-status.js';

const host: HostInfo = {
  cpus: 8, memoryBytes: 16 * 2 ** 30, diskBytes: 100 * 2 ** 30, kernelVersion: '6.1.0', osImage: 'Debian GNU/Linux 12 (bookworm)',
  operatingSystem: 'linux', architecture: 'amd64', machineID: 'm', bootID: 'b', systemUUID: 'u',
};
const cfg: NodeConfig = { nodeName: 'node-1', nodeIP: '127.0.1.1', podCIDR: '127.244.1.0/24', cpu: 4, memoryBytes: 8 * 2 ** 30, maxPods: 110 };

describe('the registered Node', () => {
  const node = initialNode(cfg, host, [], T0);

  it('has the labels, pod CIDR and addresses of a kubelet node', () => {
    expect(node.metadata.labels).toEqual({
      'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': 'node-1', 'kubernetes.io/os': 'linux',
    });
    expect(node.spec).toEqual({ podCIDR: '127.244.1.0/24', podCIDRs: ['127.244.1.0/24'] });
    expect(node.status.addresses).toEqual([{ type: 'InternalIP', address: '127.0.1.1' }, { type: 'Hostname', address: 'node-1' }]);
  });

  it('reports capacity, and allocatable minus the eviction thresholds', () => {
    expect(node.status.capacity).toEqual({ cpu: '4', 'ephemeral-storage': '104857600Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '8388608Ki', pods: '110' });
    expect(node.status.allocatable).toMatchObject({ cpu: '4', memory: '8286208Ki', pods: '110', 'ephemeral-storage': String(Math.floor(100 * 2 ** 30 * 0.9)) });
  });

  it('has nodeInfo with the kubelab versions', () => {
    expect(node.status.nodeInfo).toMatchObject({ kubeletVersion: 'v1.32.0-kubelab', containerRuntimeVersion: 'kubelab://0.1.0', osImage: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.1.0', operatingSystem: 'linux', architecture: 'amd64' });
  });

  it('has the four conditions with the kubelet\'s reasons', () => {
    expect(node.status.conditions.map((c: { type: string; status: string; reason: string; message: string }) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
      ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
    ]);
  });
});

describe('reporting node status', () => {
  const first = nodeStatus(cfg, host, [], [], T0);
  const later = (ms: number) => nodeStatus(cfg, host, [], first.conditions as never, T0 + ms);

  it('keeps lastTransitionTime and moves lastHeartbeatTime', () => {
    const [ready] = (later(10_000).conditions as { type: string; lastTransitionTime: string; lastHeartbeatTime: string }[]).filter((c) => c.type === 'Ready');
    expect(ready).toMatchObject({ lastTransitionTime: rfc3339(T0), lastHeartbeatTime: rfc3339(T0 + 10_000) });
  });

  it.each([
    ['unchanged, within the report frequency', later(10_000), 10_000, false],
    ['unchanged, report frequency passed', later(300_000), 300_000, true],
    ['changed', { ...later(10_000), images: [{ names: ['x'], sizeBytes: 1 }] }, 10_000, true],
  ])('%s → %s', (_name, next, ms, expected) => {
    expect(shouldReportNodeStatus(first, next, T0, T0 + ms, 300_000)).toBe(expected);
  });

  it('names the conditions whose status changed', () => {
    const before = nodeConditions([], T0).map((c) => (c.type === 'Ready' ? { ...c, status: 'False' as const } : c));
    expect(conditionTransitions(before, nodeConditions(before, T0)).map((c) => c.type)).toEqual(['Ready']);
  });
});

describe('the node Lease', () => {
  it('is held by the node, owned by the Node, renewed every quarter of its duration', () => {
    expect(nodeLease('node-1', 'uid-1', 40, T0)).toEqual({
      apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
      metadata: { name: 'node-1', namespace: 'kube-node-lease', ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'node-1', uid: 'uid-1' }] },
      spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: '2024-05-01T10:00:00.000000Z' },
    });
    expect(renewIntervalMs(40)).toBe(10_000);
  });
});
