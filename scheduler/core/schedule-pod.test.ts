import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../framework/node-info.js';
import type { Node, Pod } from '../framework/types.js';
import { DEFAULT_PROFILE } from '../plugins/registry.js';
import { makeNode, makePod } from '../testing/builders.js';
import { schedulePod, selectHost } from './schedule-pod.js';

const worker = (name: string) => makeNode(name).ready().allocatable({ cpu: '2', memory: '4Gi', pods: 110 });
const controlPlane = makeNode('control-plane').ready().taints({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' });

function decide(pod: Pod, nodes: Node[], pods: Pod[] = [], random = () => 0) {
  return schedulePod(pod, buildSnapshot(nodes, pods), DEFAULT_PROFILE, random);
}

describe('schedulePod: unschedulable messages, as kube-scheduler v1.32 writes them', () => {
  const full = (node: string) => makePod(`hog-${node}`).requests({ cpu: '2' }).onNode(node).build();
  it.each([
    {
      name: 'no nodes at all',
      pod: makePod(), nodes: [], pods: [],
      want: 'no nodes available to schedule pods',
    },
    {
      name: 'not enough cpu anywhere',
      pod: makePod().requests({ cpu: '3' }), nodes: [worker('a'), worker('b'), worker('c')], pods: [],
      want: '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    },
    {
      name: 'a tainted control plane and two full workers',
      pod: makePod().requests({ cpu: '1' }), nodes: [controlPlane, worker('a'), worker('b')], pods: [full('a'), full('b')],
      want: '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. '
        + 'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    },
    {
      name: 'a node selector nobody matches',
      pod: makePod().nodeSelector({ disk: 'ssd' }), nodes: [worker('a'), worker('b')], pods: [],
      want: "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
    },
    {
      name: 'a cordoned node is reported as unschedulable even when it is also tainted',
      pod: makePod(), nodes: [worker('a').unschedulable().taints({ key: 'x', effect: 'NoSchedule' })], pods: [],
      want: '0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    },
    {
      name: 'a NotReady node',
      pod: makePod(), nodes: [worker('a').notReady()], pods: [],
      want: '0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    },
    {
      name: 'a host port in use',
      pod: makePod().hostPort(80), nodes: [worker('a')], pods: [makePod('web').hostPort(80).onNode('a').build()],
      want: "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.",
    },
    {
      name: 'a DaemonSet-style pod pinned to a full node',
      pod: makePod().requests({ cpu: '1' }).requiredTerms({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }] }),
      nodes: [worker('a'), worker('b'), worker('c'), worker('d')], pods: [full('a')],
      want: "0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity]. "
        + 'preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.',
    },
    {
      name: 'conflicting node names',
      pod: makePod().requiredTerms({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }, { key: 'metadata.name', operator: 'NotIn', values: ['a'] }, { key: 'metadata.name', operator: 'In', values: ['b'] }] }),
      nodes: [worker('a'), worker('b')], pods: [],
      want: '0/2 nodes are available: pod affinity terms conflict. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    },
    {
      name: 'preemptionPolicy Never',
      pod: makePod().requests({ cpu: '3' }).preemptionPolicy('Never'), nodes: [worker('a')], pods: [],
      want: '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.',
    },
  ])('$name', ({ pod, nodes, pods, want }) => {
    const result = decide(pod.build(), nodes.map((n) => n.build()), pods);
    expect(result.kind).not.toBe('scheduled');
    expect(result.kind !== 'scheduled' && result.message).toBe(want);
  });
});

describe('schedulePod: choosing a node', () => {
  it('takes the only feasible node without scoring, and reports why the others failed', () => {
    const result = decide(makePod().requests({ cpu: '1' }).build(), [controlPlane.build(), worker('a').build()]);
    expect(result).toMatchObject({ kind: 'scheduled', node: 'a', feasibleNodes: 1 });
    if (result.kind !== 'scheduled') return;
    expect(result.nodes).toEqual([
      { node: 'a' },
      { node: 'control-plane', rejection: { code: 'UnschedulableAndUnresolvable', reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'], plugin: 'TaintToleration' } },
    ]);
  });

  it('prefers the least allocated node', () => {
    const pods = [makePod('busy').requests({ cpu: '1500m', memory: '3Gi' }).onNode('a').build()];
    const result = decide(makePod().requests({ cpu: '100m' }).build(), [worker('a').build(), worker('b').build()], pods);
    expect(result).toMatchObject({ kind: 'scheduled', node: 'b', feasibleNodes: 2 });
  });

  it('spreads replicas of one ReplicaSet over the nodes', () => {
    const nodes = ['a', 'b', 'c'].map((n) => worker(n).build());
    const pods: Pod[] = [];
    const placed: string[] = [];
    for (let i = 0; i < 6; i++) {
      const pod = makePod(`web-${i}`).ownedBy('rs-1').build();
      const result = decide(pod, nodes, pods);
      if (result.kind !== 'scheduled') throw new Error('not scheduled');
      placed.push(result.node);
      pods.push({ ...pod, spec: { ...pod.spec, nodeName: result.node } });
    }
    expect(placed.filter((n) => n === 'a')).toHaveLength(2);
    expect(placed.filter((n) => n === 'b')).toHaveLength(2);
    expect(placed.filter((n) => n === 'c')).toHaveLength(2);
  });

  it('weights the scores: a tolerable PreferNoSchedule taint (×3) outweighs a preferred affinity of weight 100 (×2)', () => {
    const nodes = [
      worker('tainted').labels({ fast: 'yes' }).taints({ key: 'soft', effect: 'PreferNoSchedule' }).build(),
      worker('plain').build(),
    ];
    const pod = makePod().preferred(100, { key: 'fast', operator: 'Exists' }).build();
    const result = decide(pod, nodes);
    expect(result).toMatchObject({ kind: 'scheduled', node: 'plain' });
    if (result.kind !== 'scheduled') return;
    expect(result.nodes.find((n) => n.node === 'plain')?.scores).toMatchObject({ TaintToleration: 300, NodeAffinity: 0 });
    expect(result.nodes.find((n) => n.node === 'tainted')?.scores).toMatchObject({ TaintToleration: 0, NodeAffinity: 200 });
  });

  it('breaks ties with the random source', () => {
    const nodes = ['a', 'b', 'c'].map((n) => worker(n).build());
    const pick = (r: number) => decide(makePod().build(), nodes, [], () => r);
    expect(pick(0)).toMatchObject({ node: 'c' });
    expect(pick(0.99)).toMatchObject({ node: 'a' });
  });
});

describe('selectHost', () => {
  it('picks each of the tied best nodes with equal chance', () => {
    const results = [{ node: 'a', total: 5 }, { node: 'b', total: 9 }, { node: 'c', total: 9 }, { node: 'd', total: 9 }];
    const seen = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      // A deterministic uniform sequence stands in for Math.random.
      let k = 0;
      const values = [((i * 7) % 300) / 300, ((i * 13) % 300) / 300];
      const node = selectHost(results, () => values[k++]!);
      seen.set(node, (seen.get(node) ?? 0) + 1);
    }
    expect(seen.get('a')).toBeUndefined();
    for (const n of ['b', 'c', 'd']) expect(seen.get(n)).toBeGreaterThan(70);
  });
});
