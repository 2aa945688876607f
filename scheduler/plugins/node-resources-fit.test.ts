import { describe, expect, it } from 'vitest';
import { buildNodeInfo } from '../framework/node-info.js';
import { makeNode, makePod } from '../testing/builders.js';
import { leastAllocatedScore, leastRequestedScore, nodeResourcesFit } from './node-resources-fit.js';

const node = (pods: ReturnType<typeof makePod>[], alloc: Record<string, string | number> = { cpu: '2', memory: '4Gi', pods: 3 }) =>
  buildNodeInfo(makeNode('n').allocatable(alloc).build(), pods.map((p) => p.onNode('n').build()));

describe('NodeResourcesFit filter', () => {
  it.each([
    { name: 'fits', pod: makePod().requests({ cpu: '1', memory: '1Gi' }), on: node([makePod('a').requests({ cpu: '1' })]), want: [] },
    { name: 'exactly fills the node', pod: makePod().requests({ cpu: '1' }), on: node([makePod('a').requests({ cpu: '1' })]), want: [] },
    { name: 'short of cpu', pod: makePod().requests({ cpu: '1500m' }), on: node([makePod('a').requests({ cpu: '1' })]), want: ['Insufficient cpu'] },
    { name: 'short of cpu and memory', pod: makePod().requests({ cpu: '3', memory: '5Gi' }), on: node([]), want: ['Insufficient cpu', 'Insufficient memory'] },
    {
      name: 'too many pods even without requests',
      pod: makePod(), on: node([makePod('a'), makePod('b'), makePod('c')]), want: ['Too many pods'],
    },
    { name: 'an extended resource', pod: makePod().requests({ 'example.com/gpu': 1 }), on: node([]), want: ['Insufficient example.com/gpu'] },
    { name: 'ephemeral storage', pod: makePod().requests({ 'ephemeral-storage': '1Gi' }), on: node([]), want: ['Insufficient ephemeral-storage'] },
    {
      name: 'a zero-request pod fits a node whose pods over-request',
      pod: makePod(), on: node([makePod('a').requests({ cpu: '3' })]), want: [],
    },
    { name: 'a node without allocatable', pod: makePod().requests({ cpu: '1' }), on: node([], {}), want: ['Too many pods', 'Insufficient cpu'] },
  ])('$name', ({ pod, on, want }) => {
    const status = nodeResourcesFit.filter(pod.build(), on);
    expect(status?.reasons ?? []).toEqual(want);
    if (status) expect(status.code).toBe('Unschedulable');
  });
});

describe('NodeResourcesFit score (LeastAllocated)', () => {
  it.each([
    [0, 4000, 100], [2000, 4000, 50], [3999, 4000, 0], [5000, 4000, 0], [1, 0, 0], [1000, 3000, 66],
  ])('leastRequestedScore(%d, %d) = %d', (req, cap, want) => {
    expect(leastRequestedScore(req, cap)).toBe(want);
  });

  it('averages cpu and memory after placing the pod (the header\'s worked example)', () => {
    const n = node([makePod('a').requests({ cpu: '1', memory: '2Gi' })], { cpu: '4', memory: '8Gi', pods: 110 });
    expect(leastAllocatedScore(makePod().requests({ cpu: '1', memory: '2Gi' }).build(), n)).toBe(50);
  });

  it('counts 100m and 200Mi for pods that request nothing, so empty pods still spread', () => {
    const empty = node([], { cpu: '1', memory: '1000Mi', pods: 110 });
    const busy = node([makePod('a'), makePod('b')], { cpu: '1', memory: '1000Mi', pods: 110 });
    const pod = makePod().build();
    expect(leastAllocatedScore(pod, empty)).toBe(Math.trunc((90 + 80) / 2));
    expect(leastAllocatedScore(pod, busy)).toBe(Math.trunc((70 + 40) / 2));
  });
});
