/**
 * scheduleOne's two cycles with an API whose answers the test releases by hand: the decision and the
 * assumption happen before it returns, the binding runs in the background, a failed binding forgets
 * the assumption and asks for a retry.
 */
import { describe, expect, it } from 'vitest';
import { ConflictError, InternalError, NotFoundError } from '../lib/errors.js';
import { silentLogger } from '../lib/log.js';
import { buildSnapshot } from './framework/node-info.js';
import type { Node, Pod } from './framework/types.js';
import { DEFAULT_PROFILE } from './plugins/registry.js';
import { scheduleOne, type CycleDeps } from './schedule-one.js';
import { makeNode, makePod } from './testing/builders.js';

interface Pending {
  name: string;
  resolve(): void;
  reject(err: Error): void;
}

function harness(nodes: Node[], pods: Pod[]) {
  const bindings: Pending[] = [];
  const patches: { name: string; patch: any }[] = [];
  const events: [string, string, string][] = [];
  const assumed = new Map<string, string>();
  const deps: CycleDeps = {
    api: {
      createSubresource: ((_r: unknown, _ns: string, name: string) =>
        new Promise<void>((resolve, reject) => bindings.push({ name, resolve, reject }))) as any,
      patch: (async (_r: unknown, _ns: string, name: string, _t: string, patch: unknown) => {
        patches.push({ name, patch });
        return {};
      }) as any,
    },
    recorder: { emit: (pod, type, reason, _action, message) => void events.push([pod.metadata.name!, `${type}/${reason}`, message]) },
    profile: DEFAULT_PROFILE, identity: 't', random: () => 0, now: () => new Date('2026-11-28T10:00:00Z'), log: silentLogger(),
    snapshot: () => buildSnapshot(nodes, pods, assumed),
    assumed, publish: () => {},
  };
  return { deps, bindings, patches, events, assumed };
}

const podsResource = { group: '', resource: 'pods' };
const smallNode = () => makeNode('node-1').ready().allocatable({ cpu: '1', memory: '1Gi', pods: 10 }).build();

describe('scheduleOne', () => {
  it('assumes the pod before returning and binds in the background', async () => {
    const a = makePod('a').requests({ cpu: '600m' }).build();
    const h = harness([smallNode()], [a]);
    const outcome = scheduleOne(h.deps, a, 0);
    expect(h.assumed.get('default/a')).toBe('node-1');
    expect(h.bindings.map((b) => b.name)).toEqual(['a']);
    expect(h.events).toEqual([]);
    h.bindings[0]!.resolve();
    expect(await outcome).toBe('scheduled');
    expect(h.events).toEqual([['a', 'Normal/Scheduled', 'Successfully assigned default/a to node-1']]);
    // The assumption stays until the informer shows spec.nodeName.
    expect(h.assumed.get('default/a')).toBe('node-1');
  });

  it('never over-commits a node with two pods decided while the first binding is in flight', async () => {
    const a = makePod('a').requests({ cpu: '600m' }).build();
    const b = makePod('b').requests({ cpu: '600m' }).build();
    const h = harness([smallNode()], [a, b]);
    const first = scheduleOne(h.deps, a, 0);
    const second = scheduleOne(h.deps, b, 0);
    // b's decision saw a on node-1: no binding for b, and its failure names the missing cpu.
    expect(h.bindings.map((x) => x.name)).toEqual(['a']);
    expect(await second).toBe('retry');
    expect(h.events).toEqual([['b', 'Warning/FailedScheduling', expect.stringContaining('1 Insufficient cpu')]]);
    expect(h.patches[0]).toMatchObject({ name: 'b', patch: { status: { conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] } } });
    h.bindings[0]!.resolve();
    expect(await first).toBe('scheduled');
  });

  it('puts a second pod on another node while the first binding is in flight', () => {
    const a = makePod('a').requests({ cpu: '600m' }).build();
    const b = makePod('b').requests({ cpu: '600m' }).build();
    const other = makeNode('node-2').ready().allocatable({ cpu: '1', memory: '1Gi', pods: 10 }).build();
    const h = harness([smallNode(), other], [a, b]);
    void scheduleOne(h.deps, a, 0);
    void scheduleOne(h.deps, b, 0);
    expect(new Set(h.assumed.values())).toEqual(new Set(['node-1', 'node-2']));
  });

  it.each([
    ['a server error', new InternalError('etcd is down'), 'retry', true],
    ['a conflict', new ConflictError(podsResource, 'a', 'the object has been modified'), 'retry', false],
    ['the pod being gone', new NotFoundError(podsResource, 'a'), 'gone', false],
  ])('forgets the assumption when the binding fails with %s', async (_what, err, want, reported) => {
    const a = makePod('a').requests({ cpu: '600m' }).build();
    const b = makePod('b').requests({ cpu: '600m' }).build();
    const h = harness([smallNode()], [a, b]);
    const outcome = scheduleOne(h.deps, a, 0);
    h.bindings[0]!.reject(err as Error);
    expect(await outcome).toBe(want);
    expect(h.assumed.has('default/a')).toBe(false);
    const failures = h.events.filter((e) => e[1] === 'Warning/FailedScheduling');
    expect(failures).toEqual(reported ? [['a', 'Warning/FailedScheduling', `running Bind plugin "DefaultBinder": ${(err as Error).message}`]] : []);
    if (reported) expect(h.patches[0]).toMatchObject({ name: 'a', patch: { status: { conditions: [{ reason: 'SchedulerError' }] } } });
    // The room is free again: the next pod's decision takes it.
    void scheduleOne(h.deps, b, 0);
    expect(h.assumed.get('default/b')).toBe('node-1');
  });
});
