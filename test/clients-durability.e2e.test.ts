/**
 * What the apiserver acknowledged survives crashes: 200 objects written (and some of them updated)
 * are all there, with the same resourceVersions, after `kubelab kill apiserver` (SIGKILL) and `start`,
 * and after `kubelab kill redis` (SIGKILL; the CLI configures an append-only file, written before Redis answers) and `start`. The
 * resourceVersion counter goes on from where it was, and the watch history survives too: a watch from
 * a version before the crash replays every change.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../lib/api/types.js';
import { CONFIGMAPS, NAMESPACES } from '../lib/client/index.js';
import { startCluster, type Cluster } from './harness/cluster.js';
import { componentClient, configMap, isTransient, numberedName, sleep, versionsByKey, type ComponentClient } from './clients-support.js';
import { httpWatch } from './watch-support.js';

const NS = 'e2e-durable';
const OBJECTS = 200;

describe('durability of acknowledged writes', () => {
  let cluster: Cluster;
  let client: ComponentClient;
  /** name → resourceVersion of every acknowledged write, the newest per object. */
  const acknowledged = new Map<string, string>();
  let before = '';

  /** Retries a read while the apiserver or Redis is still coming back. */
  async function retrying<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        if (!isTransient(err) || attempt > 100) throw err;
        await sleep(100);
      }
    }
  }

  async function inBatches(n: number, write: (i: number) => Promise<KubeObject>): Promise<void> {
    for (let start = 0; start < n; start += 20) {
      const batch = await Promise.all(Array.from({ length: Math.min(20, n - start) }, (_, k) => write(start + k)));
      for (const obj of batch) acknowledged.set(`${NS}/${obj.metadata.name}`, obj.metadata.resourceVersion!);
    }
  }

  const stored = async () => versionsByKey((await retrying(() => client.api.list(CONFIGMAPS, { namespace: NS }))).items);
  const newest = () => Math.max(...[...acknowledged.values()].map(Number));

  beforeAll(async () => {
    cluster = await startCluster({ without: ['scheduler', 'kubelets'] });
    client = await componentClient(cluster, 'scheduler', { requestTimeoutMs: 5_000 });
    await client.api.create(NAMESPACES, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
    before = (await client.api.list(CONFIGMAPS, { namespace: NS })).resourceVersion;
    await inBatches(OBJECTS, (i) => client.api.create(CONFIGMAPS, NS, configMap(NS, numberedName(i), { i: String(i) })));
    // Every fourth object is updated, so versions do not simply follow creation order.
    await inBatches(OBJECTS / 4, (i) => client.api.patch(CONFIGMAPS, NS, numberedName(i * 4), 'merge', { data: { updated: 'yes' } }));
  });

  afterAll(async () => {
    await client?.close();
    await cluster?.stop();
  });

  it('stores all 200 objects with the versions the writes returned', async () => {
    expect(acknowledged.size).toBe(OBJECTS);
    expect(await stored()).toEqual(acknowledged);
  });

  it('keeps them, their versions and the watch history across kill -9 of the apiserver', async () => {
    expect((await cluster.cli(['kill', 'apiserver'])).code).toBe(0);
    expect((await cluster.cli(['start', 'apiserver'])).code).toBe(0);
    expect(await stored()).toEqual(acknowledged);

    const watch = httpWatch(cluster.server, cluster, `/api/v1/namespaces/${NS}/configmaps?resourceVersion=${before}`);
    try {
      const total = OBJECTS + OBJECTS / 4;
      for (let waited = 0; watch.events.length < total && waited < 10_000; waited += 50) await sleep(50);
      expect(watch.events).toHaveLength(total);
      const versions = watch.events.map((e) => Number(e.object.metadata.resourceVersion));
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
      expect(watch.events.filter((e) => e.type === 'ADDED')).toHaveLength(OBJECTS);
    } finally {
      watch.close();
    }

    const next = await client.api.create(CONFIGMAPS, NS, configMap(NS, 'after-apiserver-crash'));
    expect(Number(next.metadata.resourceVersion)).toBeGreaterThan(newest());
    acknowledged.set(`${NS}/after-apiserver-crash`, next.metadata.resourceVersion!);
  });

  it('keeps them and their versions across kill -9 of redis-server, which fsyncs every write', async () => {
    const conf = readFileSync(join(cluster.dir, 'redis', 'redis.conf'), 'utf8');
    expect(conf).toMatch(/^appendonly yes$/m);
    expect(conf).toMatch(/^appendonly yes$/m);

    // The last acknowledged writes come right before the crash.
    await inBatches(20, (i) => client.api.patch(CONFIGMAPS, NS, numberedName(OBJECTS - 1 - i), 'merge', { data: { last: 'yes' } }));
    expect((await cluster.cli(['kill', 'redis'])).code).toBe(0);
    expect((await cluster.cli(['start', 'redis'])).code).toBe(0);

    expect(await stored()).toEqual(acknowledged);
    // Watches go on too: the apiserver follows the history again once Redis is back.
    const from = (await retrying(() => client.api.list(CONFIGMAPS, { namespace: NS }))).resourceVersion;
    const watch = httpWatch(cluster.server, cluster, `/api/v1/namespaces/${NS}/configmaps?resourceVersion=${from}`);
    try {
      const next = await retrying(() => client.api.create(CONFIGMAPS, NS, configMap(NS, 'after-redis-crash')));
      expect(Number(next.metadata.resourceVersion)).toBeGreaterThan(newest());
      for (let waited = 0; watch.events.length < 1 && waited < 10_000; waited += 50) await sleep(50);
      expect(watch.events.map((e) => [e.type, e.object.metadata.name, e.object.metadata.resourceVersion])).toEqual([
        ['ADDED', 'after-redis-crash', next.metadata.resourceVersion],
      ]);
    } finally {
      watch.close();
    }
  });
});
