import { describe, expect, it } from 'vitest';
import { fitErrorMessage } from './fit-error.js';
import type { Rejection } from './types.js';

const r = (...reasons: string[]): Rejection => ({ code: 'Unschedulable', reasons, plugin: 'P' });

describe('fitErrorMessage (FitError.Error)', () => {
  it('counts reasons, sorts them as strings and ends with a period', () => {
    const rejections = new Map([
      ['a', r('Insufficient cpu')], ['b', r('Insufficient cpu')],
      ['c', r('node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }')],
    ]);
    expect(fitErrorMessage({ numAllNodes: 3, rejections })).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.',
    );
  });

  it('counts every reason of a node, and sorts byte-wise as Go does ("1 x" < "10 y" < "2 z")', () => {
    const rejections = new Map<string, Rejection>();
    for (let i = 0; i < 10; i++) rejections.set(`n${i}`, r('Too many pods'));
    rejections.set('x', r('Insufficient cpu', 'Insufficient memory'));
    rejections.set('y', r('Insufficient cpu'));
    expect(fitErrorMessage({ numAllNodes: 12, rejections })).toBe(
      '0/12 nodes are available: 1 Insufficient memory, 10 Too many pods, 2 Insufficient cpu.',
    );
  });

  it('adds the absent nodes\' status and the PostFilter message', () => {
    const rejections = new Map([['a', r('Insufficient cpu')]]);
    const absent = r("node(s) didn't satisfy plugin(s) [NodeAffinity]");
    const postFilterMsg = 'preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.';
    expect(fitErrorMessage({ numAllNodes: 4, rejections, absent, postFilterMsg })).toBe(
      "0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity]. " + postFilterMsg,
    );
  });

  it('shows a PreFilter message instead of the histogram', () => {
    const rejections = new Map([['a', r('pod affinity terms conflict')]]);
    expect(fitErrorMessage({ numAllNodes: 1, rejections, preFilterMsg: 'pod affinity terms conflict' })).toBe(
      '0/1 nodes are available: pod affinity terms conflict.',
    );
  });
});
