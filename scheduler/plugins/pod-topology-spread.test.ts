import { describe, expect, it } from 'vitest';
import { buildNodeInfo } from '../framework/node-info.js';
import type { NodeInfo } from '../framework/types.js';
import { makeNode, makePod } from '../testing/builders.js';
import { normalizeSpread, rawSpreadScore } from './pod-topology-spread.js';

const replica = (name: string, node: string) => makePod(name).ownedBy('rs-1').onNode(node);

function cluster(counts: number[], zones?: string[]): NodeInfo[] {
  return counts.map((n, i) => {
    const name = `node-${i}`;
    const node = makeNode(name).labels(zones ? { 'topology.kubernetes.io/zone': zones[i]! } : {}).build();
    return buildNodeInfo(node, Array.from({ length: n }, (_, j) => replica(`r-${i}-${j}`, name).build()));
  });
}

function scores(pod: ReturnType<typeof makePod>, nodes: NodeInfo[]): number[] {
  const ctx = { feasible: nodes, all: nodes };
  const p = pod.build();
  return normalizeSpread(p, nodes.map((n) => rawSpreadScore(p, n, ctx)));
}

describe('PodTopologySpread (system default constraints, pods of the same owner)', () => {
  it('prefers the node with fewest replicas (the header\'s worked example)', () => {
    const nodes = cluster([2, 1, 0]);
    const pod = makePod('new').ownedBy('rs-1').build();
    expect(nodes.map((n) => rawSpreadScore(pod, n, { feasible: nodes, all: nodes }))).toEqual([5, 4, 2]);
    expect(scores(makePod('new').ownedBy('rs-1'), nodes)).toEqual([40, 60, 100]);
  });

  it('gives every node 100 when no replica runs yet', () => {
    expect(scores(makePod('new').ownedBy('rs-1'), cluster([0, 0]))).toEqual([100, 100]);
  });

  it('ignores pods of other owners, other namespaces and terminating ones', () => {
    const nodes = [
      buildNodeInfo(makeNode('a').build(), [
        makePod('x').ownedBy('rs-2').onNode('a').build(),
        makePod('y', 'other').ownedBy('rs-1').onNode('a').build(),
        replica('z', 'a').terminating().build(),
      ]),
      buildNodeInfo(makeNode('b').build(), []),
    ];
    expect(scores(makePod('new').ownedBy('rs-1'), nodes)).toEqual([100, 100]);
  });

  it('does not score a pod without a controller', () => {
    expect(scores(makePod('bare'), cluster([3, 0]))).toEqual([0, 0]);
  });

  it('also spreads over zones', () => {
    // Zone a holds 2 replicas on node-0; node-1 (zone a) and node-2 (zone b) are empty.
    const s = scores(makePod('new').ownedBy('rs-1'), cluster([2, 0, 0], ['a', 'a', 'b']));
    expect(s[2]).toBe(100);
    expect(s[0]).toBeLessThan(s[1]!);
    expect(s[1]).toBeLessThan(s[2]!);
  });
});
