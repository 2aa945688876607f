import { describe, expect, it } from 'vitest';
import { benchPod, boundNode, fakeNode, spread, throughput } from './sched-objects.js';

describe('fakeNode', () => {
  const node = fakeNode('n1', { cpu: '8', memory: '32Gi', pods: 110 }, new Date('2026-11-28T10:00:00.123Z')) as {
    metadata: { name: string; labels: Record<string, string> };
    spec: { unschedulable?: boolean; taints?: unknown[] };
    status: { allocatable: Record<string, string>; capacity: Record<string, string>; conditions: { type: string; status: string; lastHeartbeatTime: string }[] };
  };
  it('is Ready and has no pressure, with second-precision times', () => {
    const byType = Object.fromEntries(node.status.conditions.map((c) => [c.type, c.status]));
    expect(byType).toEqual({ Ready: 'True', MemoryPressure: 'False', DiskPressure: 'False', PIDPressure: 'False' });
    expect(node.status.conditions[0]!.lastHeartbeatTime).toBe('2026-11-28T10:00:00Z');
  });
  it('is schedulable: not cordoned, no taints, allocatable as given (pods as a quantity string)', () => {
    expect(node.spec.unschedulable).toBeUndefined();
    expect(node.spec.taints).toBeUndefined();
    expect(node.status.allocatable).toEqual({ cpu: '8', memory: '32Gi', pods: '110' });
    expect(node.status.capacity).toEqual(node.status.allocatable);
    expect(node.metadata.labels['kubernetes.io/hostname']).toBe('n1');
  });
});

describe('benchPod', () => {
  it('requests what it is given and names no node', () => {
    const p = benchPod('p', { cpu: '10m', memory: '16Mi' }) as { spec: { nodeName?: string; containers: { resources: unknown }[] } };
    expect(p.spec.nodeName).toBeUndefined();
    expect(p.spec.containers[0]!.resources).toEqual({ requests: { cpu: '10m', memory: '16Mi' } });
  });
});

describe('boundNode', () => {
  it.each([
    ['bound', { type: 'MODIFIED', object: { metadata: { name: 'p' }, spec: { nodeName: 'n1' } } }, { name: 'p', nodeName: 'n1' }],
    ['created bound', { type: 'ADDED', object: { metadata: { name: 'p' }, spec: { nodeName: 'n1' } } }, { name: 'p', nodeName: 'n1' }],
    ['pending', { type: 'ADDED', object: { metadata: { name: 'p' }, spec: {} } }, undefined],
    ['deleted', { type: 'DELETED', object: { metadata: { name: 'p' }, spec: { nodeName: 'n1' } } }, undefined],
    ['not an event', 'x', undefined],
  ])('%s', (_, ev, want) => expect(boundNode(ev)).toEqual(want));
});

describe('throughput and spread', () => {
  it('counts pods per second over the span', () => {
    expect(throughput(500, 0, 2000)).toBe(250);
    expect(throughput(500, 100, 100)).toBeNaN();
    expect(throughput(0, 0, 10)).toBeNaN();
  });
  it('counts pods per node in natural node order', () => {
    const b = new Map([['a', 'node-10'], ['b', 'node-2'], ['c', 'node-2'], ['d', 'node-1']]);
    expect(spread(b)).toEqual([['node-1', 1], ['node-2', 2], ['node-10', 1]]);
  });
});
