import { describe, expect, it } from 'vitest';
import { schedulePod } from './core/schedule-pod.js';
import { buildSnapshot } from './framework/node-info.js';
import { decisionRecord, heartbeat } from './observe.js';
import { DEFAULT_PROFILE } from './plugins/registry.js';
import { makeNode, makePod } from './testing/builders.js';

const info = { scheduler: 'scheduler-1', attempt: 2, now: new Date('2024-05-01T10:00:00Z'), durationMs: 3 };

describe('decisionRecord', () => {
  const nodes = [makeNode('a').ready().build(), makeNode('b').ready().build(), makeNode('c').notReady().build()];

  it('carries the chosen node and, per node, the filter verdict and weighted scores', () => {
    const pod = makePod('web').build();
    const rec = decisionRecord(pod, schedulePod(pod, buildSnapshot(nodes, []), DEFAULT_PROFILE, () => 0), info);
    expect(rec).toMatchObject({ kind: 'SchedulingDecision', pod: 'default/web', result: 'scheduled', node: 'b', attempt: 2, scheduler: 'scheduler-1' });
    expect(rec.nodes.find((n) => n.node === 'a')).toMatchObject({ filter: 'passed', scores: { TaintToleration: 300, NodeResourcesFit: expect.any(Number) } });
    expect(rec.nodes.find((n) => n.node === 'c')).toEqual({
      node: 'c', filter: { plugin: 'TaintToleration', code: 'UnschedulableAndUnresolvable', reasons: ['node(s) had untolerated taint {node.kubernetes.io/not-ready: }'] },
    });
  });

  it('carries the FitError message when no node fits', () => {
    const pod = makePod('big').requests({ cpu: '100' }).build();
    const rec = decisionRecord(pod, schedulePod(pod, buildSnapshot(nodes, []), DEFAULT_PROFILE, () => 0), info);
    expect(rec.result).toBe('unschedulable');
    expect(rec.message).toMatch(/^0\/3 nodes are available: 1 node\(s\) had untolerated taint/);
    expect(rec.nodes).toHaveLength(3);
  });

  it('survives JSON', () => {
    const pod = makePod('web').build();
    const rec = decisionRecord(pod, schedulePod(pod, [], DEFAULT_PROFILE, () => 0), info);
    expect(JSON.parse(JSON.stringify(rec))).toEqual({ ...rec, uid: 'uid-default-web' });
    expect(rec).toMatchObject({ result: 'no-nodes', message: 'no nodes available to schedule pods', nodes: [] });
  });
});

describe('heartbeat', () => {
  it('says who is alive and whether it leads', () => {
    expect(heartbeat({ id: 's1', role: 'standby', leader: 's2', queue: { active: 0, backoff: 1, inFlight: 0 }, nodes: 3, pods: 4 }, info.now)).toEqual({
      kind: 'Heartbeat', component: 'scheduler', id: 's1', role: 'standby', leader: 's2', time: '2024-05-01T10:00:00.000Z',
      queue: { active: 0, backoff: 1, inFlight: 0 }, nodes: 3, pods: 4,
    });
  });
});
