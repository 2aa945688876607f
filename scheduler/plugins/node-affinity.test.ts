import { describe, expect, it } from 'vitest';
import { buildNodeInfo } from '../framework/node-info.js';
import { makeNode, makePod } from '../testing/builders.js';
import { ERR_REASON_CONFLICT, ERR_REASON_POD, nodeAffinity } from './node-affinity.js';

const node = buildNodeInfo(makeNode('node-1').labels({ disk: 'ssd', zone: 'a' }).build(), []);
const name = (...values: string[]) => ({ matchFields: [{ key: 'metadata.name', operator: 'In', values }] });

describe('NodeAffinity filter', () => {
  it.each([
    { name: 'no constraints', pod: makePod(), fits: true },
    { name: 'matching nodeSelector', pod: makePod().nodeSelector({ disk: 'ssd' }), fits: true },
    { name: 'nodeSelector with a missing label', pod: makePod().nodeSelector({ disk: 'ssd', gpu: 'yes' }), fits: false },
    { name: 'required affinity In', pod: makePod().requiredExpressions({ key: 'zone', operator: 'In', values: ['a', 'b'] }), fits: true },
    { name: 'required affinity NotIn', pod: makePod().requiredExpressions({ key: 'zone', operator: 'NotIn', values: ['a'] }), fits: false },
    { name: 'nodeSelector and affinity must both match', pod: makePod().nodeSelector({ disk: 'hdd' }).requiredExpressions({ key: 'zone', operator: 'Exists' }), fits: false },
    { name: 'matchFields metadata.name', pod: makePod().requiredTerms(name('node-1')), fits: true },
    { name: 'matchFields another name', pod: makePod().requiredTerms(name('node-2')), fits: false },
  ])('$name', ({ pod, fits }) => {
    const status = nodeAffinity.filter(pod.build(), node);
    expect(status === undefined).toBe(fits);
    if (status) expect(status).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: [ERR_REASON_POD], plugin: 'NodeAffinity' });
  });
});

describe('NodeAffinity preFilter', () => {
  it.each([
    { name: 'no affinity: all nodes', pod: makePod(), want: { kind: 'all' } },
    { name: 'label expressions only: all nodes', pod: makePod().requiredExpressions({ key: 'zone', operator: 'Exists' }), want: { kind: 'all' } },
    { name: 'pinned names, ORed over terms', pod: makePod().requiredTerms(name('a', 'b'), name('c')), want: { kind: 'nodes', names: new Set(['a', 'b', 'c']) } },
    { name: 'one term without names lets all through', pod: makePod().requiredTerms(name('a'), { matchExpressions: [{ key: 'zone', operator: 'Exists' }] }), want: { kind: 'all' } },
    {
      name: 'names intersected within a term; empty → conflict',
      pod: makePod().requiredTerms({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }, { key: 'metadata.name', operator: 'In', values: ['b'] }] }),
      want: { kind: 'reject', code: 'UnschedulableAndUnresolvable', reason: ERR_REASON_CONFLICT },
    },
  ])('$name', ({ pod, want }) => {
    expect(nodeAffinity.preFilter(pod.build())).toEqual(want);
  });
});

describe('NodeAffinity score', () => {
  it('sums the weights of matching preferred terms, the best node getting 100', () => {
    const pod = makePod().preferred(20, { key: 'disk', operator: 'In', values: ['ssd'] }).preferred(80, { key: 'zone', operator: 'In', values: ['b'] }).build();
    const nodes = [node, buildNodeInfo(makeNode('node-2').labels({ zone: 'b' }).build(), []), buildNodeInfo(makeNode('node-3').build(), [])];
    const ctx = { feasible: nodes, all: nodes };
    const raw = nodes.map((n) => nodeAffinity.score(pod, n, ctx));
    expect(raw).toEqual([20, 80, 0]);
    expect(nodeAffinity.normalizeScore!(pod, raw, ctx)).toEqual([25, 100, 0]);
  });
});
