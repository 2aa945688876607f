import { describe, expect, it } from 'vitest';
import { buildNodeInfo } from '../framework/node-info.js';
import type { Rejection } from '../framework/types.js';
import { makeNode, makePod } from '../testing/builders.js';
import { defaultPreemption } from './default-preemption.js';
import { DEFAULT_PROFILE } from './registry.js';

const small = (name: string, ...pods: ReturnType<typeof makePod>[]) =>
  buildNodeInfo(makeNode(name).ready().allocatable({ cpu: '1', memory: '1Gi', pods: 110 }).build(), pods.map((p) => p.onNode(name).build()));
const cpu: Rejection = { code: 'Unschedulable', reasons: ['Insufficient cpu'], plugin: 'NodeResourcesFit' };
const taint: Rejection = { code: 'UnschedulableAndUnresolvable', reasons: ['node(s) had untolerated taint {x: }'], plugin: 'TaintToleration' };

describe('DefaultPreemption message', () => {
  const run = (pod: ReturnType<typeof makePod>, nodes: ReturnType<typeof small>[], rejections: [string, Rejection][]) =>
    defaultPreemption.postFilter(pod.build(), nodes, new Map(rejections), DEFAULT_PROFILE.filter);

  it('finds no victims among pods of equal priority', () => {
    const nodes = [small('a', makePod('x').requests({ cpu: '1' })), small('b', makePod('y').requests({ cpu: '1' }))];
    expect(run(makePod().requests({ cpu: '1' }), nodes, [['a', cpu], ['b', cpu]])).toBe(
      'preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
    );
  });

  it('does not try nodes preemption cannot help', () => {
    const nodes = [small('a'), small('b', makePod('y').requests({ cpu: '1' })), small('c', makePod('z').requests({ cpu: '1' }))];
    expect(run(makePod().requests({ cpu: '1' }), nodes, [['a', taint], ['b', cpu], ['c', cpu]])).toBe(
      'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });

  it('says so when no node can be helped', () => {
    expect(run(makePod(), [small('a'), small('b')], [['a', taint], ['b', taint]])).toBe(
      'preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    );
  });

  it('reports the filters again when evicting every lower-priority pod is not enough', () => {
    const nodes = [small('a', makePod('low').requests({ cpu: '500m' }).priority(-1), makePod('high').requests({ cpu: '500m' }).priority(10))];
    expect(run(makePod().requests({ cpu: '1' }), nodes, [['a', cpu]])).toBe('preemption: 0/1 nodes are available: 1 Insufficient cpu.');
  });

  it('adds nothing when evicting would make room (kubelab does not evict)', () => {
    const nodes = [small('a', makePod('low').requests({ cpu: '1' }).priority(-1))];
    expect(run(makePod().requests({ cpu: '1' }), nodes, [['a', cpu]])).toBe('');
  });

  it('refuses for preemptionPolicy Never', () => {
    expect(run(makePod().preemptionPolicy('Never'), [small('a')], [['a', cpu]])).toBe('preemption: not eligible due to preemptionPolicy=Never.');
  });
});
