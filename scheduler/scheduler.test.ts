/**
 * The scheduler process's machinery against the in-memory apiserver (lib/client/testing): pods get
 * bound, failures become events and conditions, cluster changes wake waiting pods.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../lib/client/api-client.js';
import { EVENTS, NODES, PODS } from '../lib/client/resource-refs.js';
import { InternalError } from '../lib/errors.js';
import { fakeCluster, type FakeCluster } from '../lib/client/testing/fake-cluster.js';
import type { DecisionRecord, Heartbeat } from './observe.js';
import { Scheduler } from './scheduler.js';
import { makeNode, makePod } from './testing/builders.js';

const params = { podInitialBackoffMs: 100, podMaxBackoffMs: 400, heartbeatMs: 50 };

async function eventually<T>(fn: () => T | Promise<T>, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

interface Running {
  cluster: FakeCluster;
  scheduler: Scheduler;
  published: { kind: string; record: DecisionRecord | Heartbeat }[];
  stop(): Promise<void>;
}

let running: Running | undefined;

/** The cluster's client with its pods/binding calls handed to `bind` (the real call as `next`). */
type BindHook = (name: string, next: () => Promise<unknown>) => Promise<unknown>;

function hooked(api: ApiClient, bind: BindHook): ApiClient {
  const wrapped = Object.create(api) as ApiClient;
  wrapped.createSubresource = ((...args: Parameters<ApiClient['createSubresource']>) =>
    bind(args[2], () => api.createSubresource(...args))) as ApiClient['createSubresource'];
  return wrapped;
}

async function startScheduler(bind?: BindHook): Promise<Running> {
  const cluster = fakeCluster({ heartbeatMs: 200 });
  const published: Running['published'] = [];
  const scheduler = new Scheduler({
    api: bind ? hooked(cluster.api, bind) : cluster.api, identity: 'test-1', params, random: () => 0, leader: () => 'test-1',
    publish: (kind, record) => published.push({ kind, record }),
  });
  scheduler.start();
  await scheduler.waitForSync();
  const ac = new AbortController();
  const loop = scheduler.run(ac.signal);
  running = {
    cluster, scheduler, published,
    stop: async () => {
      ac.abort();
      await loop;
      await scheduler.stop();
      cluster.server.crash();
    },
  };
  return running;
}

afterEach(async () => {
  await running?.stop();
  running = undefined;
});

const nodeOf = async (c: FakeCluster, name: string) => (await c.api.get(PODS, 'default', name)).spec.nodeName as string | undefined;
const events = async (c: FakeCluster) => (await c.api.list(EVENTS, { namespace: 'default' })).items;

describe('Scheduler', () => {
  it('binds a pending pod, records Scheduled and publishes the decision', async () => {
    const { cluster, published } = await startScheduler();
    cluster.server.write(NODES, makeNode('node-1').ready().build());
    cluster.server.write(PODS, makePod('hello').build());
    await eventually(async () => expect(await nodeOf(cluster, 'hello')).toBe('node-1'));
    const evs = await eventually(async () => {
      const list = await events(cluster);
      expect(list).toHaveLength(1);
      return list;
    });
    expect(evs[0]).toMatchObject({
      reason: 'Scheduled', type: 'Normal', message: 'Successfully assigned default/hello to node-1',
      source: { component: 'default-scheduler' }, reportingComponent: 'default-scheduler', reportingInstance: 'default-scheduler-test-1',
      involvedObject: { kind: 'Pod', name: 'hello', namespace: 'default' },
    });
    expect(evs[0]!.metadata.name).toMatch(/^hello\.[0-9a-f]+$/);
    expect(published.find((p) => p.kind === 'decision')?.record).toMatchObject({ pod: 'default/hello', result: 'scheduled', node: 'node-1' });
    const beats = () => published.filter((p) => p.kind === 'heartbeat').map((p) => (p.record as Heartbeat).role);
    // Informers start before leadership: the first heartbeat says standby, later ones leader.
    expect(beats()[0]).toBe('standby');
    await eventually(() => expect(beats()).toContain('leader'));
  });

  it('reports an unschedulable pod, then binds it as soon as a node that fits appears', async () => {
    const { cluster } = await startScheduler();
    cluster.server.write(NODES, makeNode('small').ready().allocatable({ cpu: '1', memory: '1Gi', pods: 10 }).build());
    cluster.server.write(PODS, makePod('big').requests({ cpu: '2' }).build());
    const message = '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.';
    await eventually(async () => {
      const pod = await cluster.api.get(PODS, 'default', 'big');
      expect(pod.status.conditions).toEqual([expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message })]);
    });
    expect((await events(cluster)).map((e) => [e.type, e.reason, e.message])).toContainEqual(['Warning', 'FailedScheduling', message]);
    cluster.server.write(NODES, makeNode('large').ready().allocatable({ cpu: '4', memory: '8Gi', pods: 10 }).build());
    await eventually(async () => expect(await nodeOf(cluster, 'big')).toBe('large'), 1000);
  });

  it('counts a pod it has just bound, so two pods do not take the same room', async () => {
    const { cluster } = await startScheduler();
    cluster.server.write(NODES, makeNode('node-1').ready().allocatable({ cpu: '1', memory: '1Gi', pods: 10 }).build());
    cluster.server.write(PODS, makePod('a').requests({ cpu: '600m' }).build());
    cluster.server.write(PODS, makePod('b').requests({ cpu: '600m' }).build());
    await eventually(async () => {
      const bound = [await nodeOf(cluster, 'a'), await nodeOf(cluster, 'b')].filter(Boolean);
      expect(bound).toEqual(['node-1']);
      expect((await events(cluster)).map((e) => e.reason).sort()).toEqual(['FailedScheduling', 'Scheduled']);
    });
  });

  it('schedules a waiting pod when a bound pod is deleted and frees its room', async () => {
    const { cluster } = await startScheduler();
    cluster.server.write(NODES, makeNode('node-1').ready().allocatable({ cpu: '1', memory: '1Gi', pods: 10 }).build());
    cluster.server.write(PODS, makePod('old').requests({ cpu: '1' }).onNode('node-1').build());
    cluster.server.write(PODS, makePod('new').requests({ cpu: '1' }).build());
    await eventually(async () => expect((await events(cluster)).map((e) => e.reason)).toContain('FailedScheduling'));
    cluster.server.remove(PODS, 'default', 'old');
    await eventually(async () => expect(await nodeOf(cluster, 'new')).toBe('node-1'), 1000);
  });

  it('leaves pods of other schedulers alone', async () => {
    const { cluster, published } = await startScheduler();
    cluster.server.write(NODES, makeNode('node-1').ready().build());
    cluster.server.write(PODS, makePod('custom').schedulerName('my-scheduler').build());
    cluster.server.write(PODS, makePod('mine').build());
    await eventually(async () => expect(await nodeOf(cluster, 'mine')).toBe('node-1'));
    expect(await nodeOf(cluster, 'custom')).toBeUndefined();
    expect(published.filter((p) => p.kind === 'decision').map((p) => (p.record as DecisionRecord).pod)).toEqual(['default/mine']);
  });

  it('decides the next pod while a binding is still in flight, on the room the first one left', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { cluster, scheduler } = await startScheduler(async (name, next) => {
      if (name === 'a') await held;
      return next();
    });
    for (const n of ['node-1', 'node-2']) cluster.server.write(NODES, makeNode(n).ready().allocatable({ cpu: '1', memory: '1Gi', pods: 10 }).build());
    cluster.server.write(PODS, makePod('a').requests({ cpu: '600m' }).build());
    await eventually(() => expect(scheduler.queue.stats().inFlight).toBe(1));
    cluster.server.write(PODS, makePod('b').requests({ cpu: '600m' }).build());
    // b is bound while a's binding waits, and not on the node a is assumed on.
    const nodeOfB = await eventually(async () => {
      const n = await nodeOf(cluster, 'b');
      expect(n).toBeDefined();
      return n;
    });
    expect(await nodeOf(cluster, 'a')).toBeUndefined();
    release();
    await eventually(async () => expect(await nodeOf(cluster, 'a')).toBeDefined());
    expect(await nodeOf(cluster, 'a')).not.toBe(nodeOfB);
  });

  it('forgets a pod whose binding failed and binds it after the backoff', async () => {
    let failures = 0;
    const { cluster } = await startScheduler(async (name, next) => {
      if (name === 'a' && failures++ === 0) throw new InternalError('the store is down');
      return next();
    });
    cluster.server.write(NODES, makeNode('node-1').ready().allocatable({ cpu: '1', memory: '1Gi', pods: 10 }).build());
    cluster.server.write(PODS, makePod('a').requests({ cpu: '600m' }).build());
    await eventually(async () => expect(await nodeOf(cluster, 'a')).toBe('node-1'));
    expect(failures).toBe(2);
    const pod = await cluster.api.get(PODS, 'default', 'a');
    expect(pod.status.conditions).toContainEqual(expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'SchedulerError' }));
    await eventually(async () => expect((await events(cluster)).map((e) => [e.reason, e.message]).sort()).toEqual([
      ['FailedScheduling', 'running Bind plugin "DefaultBinder": Internal error occurred: the store is down'],
      ['Scheduled', 'Successfully assigned default/a to node-1'],
    ]));
  });
});
