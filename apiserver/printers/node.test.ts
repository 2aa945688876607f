import { describe, expect, it } from 'vitest';
import { findNodeRoles, nodePrinter, nodeStatus } from './node.js';
import { NOW, makeNode, type NodeBuilder } from './testing/builders.js';

describe('node Status', () => {
  it.each<[string, NodeBuilder, string]>([
    ['Ready', makeNode().ready('True'), 'Ready'],
    ['Ready condition False', makeNode().ready('False'), 'NotReady'],
    ['Ready condition Unknown (kubelet stopped posting)', makeNode().ready('Unknown'), 'NotReady'],
    ['no Ready condition yet', makeNode(), 'Unknown'],
    ['cordoned', makeNode().ready().cordoned(), 'Ready,SchedulingDisabled'],
    ['cordoned and not ready', makeNode().ready('False').cordoned(), 'NotReady,SchedulingDisabled'],
    ['cordoned, never reported', makeNode().cordoned(), 'Unknown,SchedulingDisabled'],
    ['a repeated Ready condition: the last one counts', makeNode().ready('False').ready('True'), 'Ready'],
    ['other conditions do not matter', makeNode().ready().set((n) => n.status.conditions.push({ type: 'MemoryPressure', status: 'True' })), 'Ready'],
  ])('%s', (_name, node, want) => {
    expect(nodeStatus(node.build())).toBe(want);
  });
});

describe('node Roles', () => {
  it.each<[string, Record<string, string>, string[]]>([
    ['none', { 'kubernetes.io/hostname': 'node-1' }, []],
    ['control-plane', { 'node-role.kubernetes.io/control-plane': '' }, ['control-plane']],
    ['several, sorted', { 'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/control-plane': '', 'node-role.kubernetes.io/etcd': 'true' }, ['control-plane', 'etcd', 'worker']],
    ['legacy kubernetes.io/role', { 'kubernetes.io/role': 'master' }, ['master']],
    ['legacy label with empty value is ignored', { 'kubernetes.io/role': '' }, []],
    ['bare prefix is ignored', { 'node-role.kubernetes.io/': '' }, []],
    ['both spellings of one role count once', { 'kubernetes.io/role': 'worker', 'node-role.kubernetes.io/worker': '' }, ['worker']],
  ])('%s', (_name, labels, want) => {
    expect(findNodeRoles(makeNode().labels(labels).build())).toEqual(want);
  });

  it('prints <none> without roles and joins several with commas', () => {
    expect(nodePrinter.printRow(makeNode().build(), NOW).cells[2]).toBe('<none>');
    const node = makeNode().labels({ 'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/control-plane': '' });
    expect(nodePrinter.printRow(node.build(), NOW).cells[2]).toBe('control-plane,worker');
  });
});

describe('node row', () => {
  it('prints every column, addresses by type and <unknown> for missing node info', () => {
    const node = makeNode('node-1').ready().createdAgo('30h')
      .address('Hostname', 'node-1').address('InternalIP', '127.244.0.1').address('InternalIP', '127.244.0.2')
      .nodeInfo({ osImage: 'kubelab', containerRuntimeVersion: 'kubelab://0.1.0' });
    expect(nodePrinter.printRow(node.build(), NOW).cells).toEqual([
      'node-1', 'Ready', '<none>', '30h', 'v1.32.0', '127.244.0.1', '<none>', 'kubelab', '<unknown>', 'kubelab://0.1.0',
    ]);
  });
});
