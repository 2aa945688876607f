import { describe, expect, it } from 'vitest';
import { buildNodeInfo } from '../framework/node-info.js';
import { makeNode, makePod } from '../testing/builders.js';
import { taintToleration } from './taint-toleration.js';

const info = (node: ReturnType<typeof makeNode>) => buildNodeInfo(node.build(), []);
const ctx = { feasible: [], all: [] };

describe('TaintToleration filter', () => {
  it.each([
    { name: 'no taints', pod: makePod(), node: makeNode('n').ready(), want: undefined },
    {
      name: 'control-plane taint, empty value',
      pod: makePod(), node: makeNode('n').ready().taints({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }),
      want: 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
    },
    {
      name: 'a NoExecute taint with a value',
      pod: makePod(), node: makeNode('n').ready().taints({ key: 'dedicated', value: 'gpu', effect: 'NoExecute' }),
      want: 'node(s) had untolerated taint {dedicated: gpu}',
    },
    {
      name: 'a tolerated taint',
      pod: makePod().tolerations({ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }),
      node: makeNode('n').ready().taints({ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }), want: undefined,
    },
    { name: 'PreferNoSchedule never filters', pod: makePod(), node: makeNode('n').ready().taints({ key: 'soft', effect: 'PreferNoSchedule' }), want: undefined },
    { name: 'NotReady counts as the not-ready taint', pod: makePod(), node: makeNode('n').notReady(), want: 'node(s) had untolerated taint {node.kubernetes.io/not-ready: }' },
    { name: 'no Ready condition counts as not-ready', pod: makePod(), node: makeNode('n'), want: 'node(s) had untolerated taint {node.kubernetes.io/not-ready: }' },
    { name: 'Ready Unknown counts as unreachable', pod: makePod(), node: makeNode('n').readyUnknown(), want: 'node(s) had untolerated taint {node.kubernetes.io/unreachable: }' },
    {
      name: 'the default 300 s NoExecute tolerations do not tolerate the NoSchedule readiness taint',
      pod: makePod().tolerations({ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }),
      node: makeNode('n').notReady(), want: 'node(s) had untolerated taint {node.kubernetes.io/not-ready: }',
    },
    { name: 'a pod tolerating everything goes to a NotReady node', pod: makePod().tolerations({ operator: 'Exists' }), node: makeNode('n').notReady(), want: undefined },
  ])('$name', ({ pod, node, want }) => {
    const status = taintToleration.filter(pod.build(), info(node));
    expect(status?.reasons[0]).toBe(want);
    if (status) expect(status.code).toBe('UnschedulableAndUnresolvable');
  });
});

describe('TaintToleration score', () => {
  const soft = (key: string) => ({ key, effect: 'PreferNoSchedule' });
  const nodes = [makeNode('a').ready(), makeNode('b').ready().taints(soft('x')), makeNode('c').ready().taints(soft('x'), soft('y'))].map(info);

  it('counts untolerated PreferNoSchedule taints and prefers the fewest', () => {
    const pod = makePod().build();
    const raw = nodes.map((n) => taintToleration.score(pod, n, ctx));
    expect(raw).toEqual([0, 1, 2]);
    expect(taintToleration.normalizeScore!(pod, raw, ctx)).toEqual([100, 50, 0]);
  });

  it('ignores taints tolerated by a PreferNoSchedule or effect-less toleration, not by a NoSchedule one', () => {
    expect(taintToleration.score(makePod().tolerations({ key: 'x', operator: 'Exists' }).build(), nodes[2]!, ctx)).toBe(1);
    expect(taintToleration.score(makePod().tolerations({ key: 'x', operator: 'Exists', effect: 'NoSchedule' }).build(), nodes[2]!, ctx)).toBe(2);
  });

  it('gives every node 100 when none has such taints', () => {
    expect(taintToleration.normalizeScore!(makePod().build(), [0, 0], ctx)).toEqual([100, 100]);
  });
});
