import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KubeObject } from '../api/types.js';
import { Informer } from './informer.js';
import { PODS, REPLICASETS } from './resource-refs.js';
import { byControllerUid, byNodeName } from './store.js';
import { fakeCluster, makePod, type FakeCluster } from './testing/fake-cluster.js';

const HEARTBEAT = 1000;

/** Records handler calls as "add a@1", "update a@1->a@2", "delete a@3". */
function recordingHandler(log: string[]) {
  const id = (o: KubeObject) => `${o.metadata.name}@${o.metadata.resourceVersion}`;
  return {
    onAdd: (o: KubeObject) => log.push(`add ${id(o)}`),
    onUpdate: (a: KubeObject, b: KubeObject) => log.push(`update ${id(a)}->${id(b)}`),
    onDelete: (o: KubeObject) => log.push(`delete ${id(o)}`),
  };
}

describe('Informer', () => {
  let c: FakeCluster;
  let informer: Informer;
  let log: string[];
  const tick = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

  beforeEach(() => {
    vi.useFakeTimers();
    c = fakeCluster({ heartbeatMs: HEARTBEAT, keepaliveMs: 2000 });
    log = [];
  });
  afterEach(async () => {
    await informer?.stop();
    c.server.crash();
    vi.useRealTimers();
  });

  function startInformer(opts: ConstructorParameters<typeof Informer>[2] = {}): Informer {
    informer = new Informer(c.api, PODS, { retryInitialMs: 100, retryMaxMs: 1000, ...opts });
    informer.addEventHandler(recordingHandler(log));
    informer.start();
    return informer;
  }

  it('lists, syncs, then follows changes, the cache updated before each handler runs', async () => {
    c.server.write(PODS, makePod('a').build());
    c.server.write(PODS, makePod('b').build());
    startInformer();
    expect(informer.hasSynced()).toBe(false);
    expect(await informer.waitForSync()).toBe(true);
    expect(log).toEqual(['add a@1', 'add b@2']);
    const cached: (string | undefined)[] = [];
    informer.addEventHandler({ onUpdate: () => cached.push(informer.store.get('default/b')?.metadata.resourceVersion) });
    c.server.write(PODS, makePod('b').labels({ v: '2' }).build());
    c.server.remove(PODS, 'default', 'a');
    c.server.write(PODS, makePod('c').build());
    await tick();
    expect(log).toEqual(['add a@1', 'add b@2', 'update b@2->b@3', 'delete a@4', 'add c@5']);
    expect(cached).toEqual(['3']);
    expect(informer.store.keys().sort()).toEqual(['default/b', 'default/c']);
  });

  it('gives a handler added after start an add for every cached object', async () => {
    c.server.write(PODS, makePod('a').build());
    startInformer();
    await informer.waitForSync();
    const late: string[] = [];
    informer.addEventHandler(recordingHandler(late));
    expect(late).toEqual(['add a@1']);
  });

  it('keeps indexes in step with the cache', async () => {
    const rs = c.server.write(REPLICASETS, { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'default' }, spec: {} });
    c.server.write(PODS, makePod('a').onNode('n1').ownedBy(rs).build());
    c.server.write(PODS, makePod('b').onNode('n1').build());
    startInformer({ indexers: { nodeName: byNodeName, controller: byControllerUid } });
    await informer.waitForSync();
    const names = (objs: KubeObject[]) => objs.map((o) => o.metadata.name).sort();
    expect(names(informer.store.byIndex('nodeName', 'n1'))).toEqual(['a', 'b']);
    expect(names(informer.store.byIndex('controller', rs.metadata.uid!))).toEqual(['a']);
    c.server.write(PODS, makePod('b').onNode('n2').build());
    c.server.remove(PODS, 'default', 'a');
    await tick();
    expect(names(informer.store.byIndex('nodeName', 'n1'))).toEqual([]);
    expect(names(informer.store.byIndex('nodeName', 'n2'))).toEqual(['b']);
    expect(informer.store.byIndex('controller', rs.metadata.uid!)).toEqual([]);
  });

  it('re-delivers every cached object as an update at each resync period', async () => {
    c.server.write(PODS, makePod('a').build());
    startInformer({ resyncPeriodMs: 5000 });
    await informer.waitForSync();
    await tick(4999);
    expect(log).toEqual(['add a@1']);
    await tick(1);
    expect(log).toEqual(['add a@1', 'update a@1->a@1']);
    await tick(5000);
    expect(log.filter((l) => l.startsWith('update'))).toHaveLength(2);
  });

  it('after a 410, re-lists and emits exactly the adds, updates and deletes it missed', async () => {
    for (const name of ['a', 'b', 'd']) c.server.write(PODS, makePod(name).build()); // a@1 b@2 d@3
    startInformer();
    await informer.waitForSync();
    await tick(HEARTBEAT);
    c.server.crash();
    c.server.write(PODS, makePod('a').labels({ v: '2' }).build()); // a@4
    c.server.remove(PODS, 'default', 'b'); // b@5
    c.server.write(PODS, makePod('c').build()); // c@6
    c.server.compact();
    c.server.start();
    await tick(10 * HEARTBEAT);
    expect(log.slice(3)).toEqual(['update a@1->a@4', 'add c@6', 'delete b@2']);
    expect(informer.store.keys().sort()).toEqual(['default/a', 'default/c', 'default/d']);
  });

  it('loses and repeats nothing across NATS reconnects and apiserver restarts', async () => {
    startInformer();
    await informer.waitForSync();
    let n = 0;
    const write = () => c.server.write(PODS, makePod(`p${n++ % 3}`).labels({ n: String(n) }).build());
    for (let round = 0; round < 3; round++) {
      write();
      await tick();
      c.transport.disconnect();
      write();
      c.transport.reconnect();
      await tick();
      c.server.crash();
      write();
      await tick(4 * HEARTBEAT);
      c.server.start();
      await tick(6000);
    }
    // Nine writes over three names: three adds, then six updates, in version order.
    const versions = log.map((l) => Number(l.split('@').at(-1)));
    expect(log).toHaveLength(9);
    expect(versions).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('retries the list with backoff until an apiserver answers', async () => {
    c.server.crash();
    c.server.write(PODS, makePod('a').build());
    startInformer();
    await tick(3000);
    expect(informer.hasSynced()).toBe(false);
    c.server.start();
    await tick(1000);
    expect(informer.hasSynced()).toBe(true);
    expect(log).toEqual(['add a@1']);
  });

  it('logs a throwing handler and still calls the others', async () => {
    const other: string[] = [];
    startInformer();
    informer.addEventHandler({ onAdd: () => { throw new Error('handler bug'); } });
    informer.addEventHandler(recordingHandler(other));
    await informer.waitForSync();
    c.server.write(PODS, makePod('a').build());
    c.server.write(PODS, makePod('b').build());
    await tick();
    expect(other).toEqual(['add a@1', 'add b@2']);
    expect(informer.store.size).toBe(2);
  });

  it('stops cleanly: waiters learn it never synced, and no handler runs afterwards', async () => {
    c.server.crash();
    startInformer();
    const synced = informer.waitForSync();
    await informer.stop();
    expect(await synced).toBe(false);
    c.server.start();
    c.server.write(PODS, makePod('a').build());
    await tick(10_000);
    expect(log).toEqual([]);
  });

  it('lists and watches only what the selectors select', async () => {
    c.server.write(PODS, makePod('a').labels({ app: 'web' }).build());
    c.server.write(PODS, makePod('b').labels({ app: 'db' }).build());
    startInformer({ labelSelector: 'app=web' });
    await informer.waitForSync();
    c.server.write(PODS, makePod('c').labels({ app: 'web' }).build());
    c.server.write(PODS, makePod('b').labels({ app: 'web' }).build()); // starts matching: an add
    c.server.write(PODS, makePod('a').labels({ app: 'db' }).build()); // stops matching: a delete
    await tick();
    expect(log).toEqual(['add a@1', 'add c@3', 'add b@4', 'delete a@5']);
  });
});
