import { describe, expect, it } from 'vitest';
import { makeNode, makePod } from '../testing/builders.js';
import { freedResources, isPodUpdated, needsScheduling, nodeSchedulingPropertiesChanged } from './cluster-events.js';

describe('needsScheduling', () => {
  it.each([
    { name: 'a pending pod', pod: makePod().build(), want: true },
    { name: 'no schedulerName means the default one', pod: (() => { const p = makePod().build(); delete p.spec.schedulerName; return p; })(), want: true },
    { name: 'a bound pod', pod: makePod().onNode('a').build(), want: false },
    { name: "another scheduler's pod", pod: makePod().schedulerName('my-scheduler').build(), want: false },
    { name: 'a pod being deleted', pod: makePod().terminating().build(), want: false },
    { name: 'a finished pod', pod: makePod().phase('Failed').build(), want: false },
    { name: 'a gated pod', pod: (() => { const p = makePod().build(); p.spec.schedulingGates = [{ name: 'wait' }]; return p; })(), want: false },
  ])('$name → $want', ({ pod, want }) => {
    expect(needsScheduling(pod, 'default-scheduler')).toBe(want);
  });
});

describe('isPodUpdated', () => {
  const pod = makePod().requests({ cpu: '1' }).build();
  it('ignores status, resourceVersion and managedFields (our own condition patch)', () => {
    const patched = structuredClone(pod);
    patched.metadata.resourceVersion = '99';
    patched.metadata.managedFields = [{ manager: 'x' }];
    patched.status = { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False' }] };
    expect(isPodUpdated(pod, patched)).toBe(false);
  });
  it('sees label and spec changes', () => {
    expect(isPodUpdated(pod, makePod().requests({ cpu: '1' }).labels({ a: 'b' }).build())).toBe(true);
    expect(isPodUpdated(pod, makePod().requests({ cpu: '1' }).tolerations({ operator: 'Exists' }).build())).toBe(true);
  });
});

describe('nodeSchedulingPropertiesChanged', () => {
  const node = makeNode('a').ready().build();
  it('ignores heartbeats', () => {
    const beat = structuredClone(node);
    beat.status.conditions[0].lastHeartbeatTime = '2024-01-01T00:00:10Z';
    beat.metadata.resourceVersion = '42';
    expect(nodeSchedulingPropertiesChanged(node, beat)).toBe(false);
  });
  it.each([
    ['becoming NotReady', makeNode('a').notReady().build()],
    ['a cordon', makeNode('a').ready().unschedulable().build()],
    ['a taint', makeNode('a').ready().taints({ key: 'x', effect: 'NoSchedule' }).build()],
    ['a label', makeNode('a').ready().labels({ disk: 'ssd' }).build()],
    ['more allocatable', makeNode('a').ready().allocatable({ cpu: '8', memory: '8Gi', pods: 110 }).build()],
  ])('sees %s', (_, changed) => {
    expect(nodeSchedulingPropertiesChanged(node, changed)).toBe(true);
  });
});

describe('freedResources', () => {
  it('is true when a bound pod finishes', () => {
    expect(freedResources(makePod().onNode('a').phase('Running').build(), makePod().onNode('a').phase('Succeeded').build())).toBe(true);
    expect(freedResources(makePod().onNode('a').phase('Pending').build(), makePod().onNode('a').phase('Running').build())).toBe(false);
  });
});
