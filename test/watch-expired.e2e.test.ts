/**
 * A watch resumed from a resourceVersion older than the kept history gets 410 Expired, and informers
 * recover from it by listing again. `kubelab up` has no flag for the history length, so this file starts
 * one more apiserver itself (the recorded argv of apiserver-1 plus `--watch-history-length 5`, on its
 * own port and server id) and stops it by PID at the end.
 *   - HTTP: 200, then exactly one ERROR event carrying a 410 Expired Status, then the end of the stream;
 *     the same resume on apiserver-1 (default history) replays the changes instead.
 *   - @kubernetes/client-node's informer, restarted after its apiserver died, gets the 410, re-lists and
 *     converges.
 *   - lib/client's Informer over NATS, cut off by a NATS outage while more changes than the history holds
 *     were written over HTTPS, gets the 410, re-lists, emits exactly the adds, updates and deletes it
 *     missed, and goes on watching.
 */
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Status } from '../lib/api/types.js';
import { startCluster, type Cluster } from './harness/cluster.js';
import {
  capturingLogger, componentClient, numberedName, officialKubeConfig, recordInformer, versionsByKey, waitFor,
} from './clients-support.js';
import { httpWatch, startExtraApiserver, type ExtraApiserver } from './watch-support.js';
import { CONFIGMAPS } from '../lib/client/index.js';

const HISTORY = 5;
const SMALL = { serverId: 'apiserver-small', extraArgs: ['--watch-history-length', String(HISTORY)] };

describe('watch history expiry (410 Gone)', () => {
  let cluster: Cluster;
  let small: ExtraApiserver;
  let coreSmall: k8s.CoreV1Api;
  let coreOne: k8s.CoreV1Api;

  const createMany = async (core: k8s.CoreV1Api, ns: string, prefix: string, n: number) => {
    const created: k8s.V1ConfigMap[] = [];
    for (let i = 0; i < n; i++) created.push(await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: numberedName(i, prefix) } } }));
    return created;
  };
  const listVersion = async (core: k8s.CoreV1Api, ns: string) => (await core.listNamespacedConfigMap({ namespace: ns })).metadata!.resourceVersion!;

  beforeAll(async () => {
    cluster = await startCluster({ without: ['scheduler', 'kubelets'] });
    small = await startExtraApiserver(cluster, SMALL);
    coreSmall = officialKubeConfig(cluster, small.server).makeApiClient(k8s.CoreV1Api);
    coreOne = officialKubeConfig(cluster).makeApiClient(k8s.CoreV1Api);
    for (const name of ['e2e-http', 'e2e-js-informer', 'e2e-nats-informer']) await coreOne.createNamespace({ body: { metadata: { name } } });
  });

  afterAll(async () => {
    await small?.stop();
    await cluster?.stop();
  });

  it('answers an HTTP watch from a version older than the history with 200 and one ERROR 410 event', async () => {
    const ns = 'e2e-http';
    const from = await listVersion(coreSmall, ns);
    const created = await createMany(coreSmall, ns, 'h', 4 * HISTORY);

    const expired = httpWatch(small.server, cluster, `/api/v1/namespaces/${ns}/configmaps?resourceVersion=${from}`);
    expect(await expired.status).toBe(200);
    await expired.ended; // the server closes the stream after the ERROR event
    expect(expired.events).toHaveLength(1);
    expect(expired.events[0]!.type).toBe('ERROR');
    const status = expired.events[0]!.object as unknown as Status;
    expect(status).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Expired', code: 410 });
    expect(status.message).toMatch(new RegExp(`^too old resource version: ${from} \\(\\d+\\)$`));

    // apiserver-1 keeps the default history: the same resume replays every change.
    const replay = httpWatch(cluster.server, cluster, `/api/v1/namespaces/${ns}/configmaps?resourceVersion=${from}`);
    try {
      await waitFor(() => replay.events.length >= created.length, 10_000, () => `${created.length} replayed events, got ${replay.events.length}`);
      expect(replay.events.map((e) => `${e.type} ${e.object.metadata.resourceVersion}`)).toEqual(created.map((c) => `ADDED ${c.metadata!.resourceVersion}`));
    } finally {
      replay.close();
    }

    // A resume within the small history still works on the small apiserver.
    const recent = httpWatch(small.server, cluster, `/api/v1/namespaces/${ns}/configmaps?resourceVersion=${created.at(-3)!.metadata!.resourceVersion}`);
    try {
      await waitFor(() => recent.events.length >= 2, 10_000, () => `2 recent events, got ${JSON.stringify(recent.events)}`);
      expect(recent.events.map((e) => e.object.metadata.name)).toEqual(created.slice(-2).map((c) => c.metadata!.name));
    } finally {
      recent.close();
    }
  });

  it('lets the official client informer re-list after a 410 and converge', async () => {
    const ns = 'e2e-js-informer';
    const before = await createMany(coreOne, ns, 'old', 3);
    const kcSmall = officialKubeConfig(cluster, small.server);
    const informer = k8s.makeInformer(kcSmall, `/api/v1/namespaces/${ns}/configmaps`, () => coreSmall.listNamespacedConfigMap({ namespace: ns }));
    const seen: string[] = [];
    const errors: unknown[] = [];
    informer.on('add', (o) => seen.push(`add ${o.metadata?.name}`));
    informer.on('update', (o) => seen.push(`update ${o.metadata?.name}`));
    informer.on('delete', (o) => seen.push(`delete ${o.metadata?.name}`));
    informer.on('error', (err) => errors.push(err));
    await informer.start();
    try {
      expect(seen).toEqual(before.map((c) => `add ${c.metadata?.name}`));
      const port = Number(new URL(small.server).port);
      await small.kill();
      // The client stops on a connection error; its documented remedy is to start it again later.
      await waitFor(() => errors.length > 0, 15_000, 'the informer to report the lost apiserver');

      // Meanwhile, through apiserver-1: more changes than the small history keeps.
      const late = await createMany(coreOne, ns, 'late', 2 * HISTORY);
      await coreOne.deleteNamespacedConfigMap({ namespace: ns, name: before[0]!.metadata!.name! });
      await coreOne.patchNamespacedConfigMap(
        { namespace: ns, name: before[1]!.metadata!.name!, body: { data: { changed: 'yes' } } }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
      );

      const resumeFrom = (informer as unknown as k8s.ListWatch<k8s.V1ConfigMap>).latestResourceVersion();
      small = await startExtraApiserver(cluster, { ...SMALL, port });
      // The restarted apiserver reloads only the last HISTORY changes: that resume can only get a 410.
      const probe = httpWatch(small.server, cluster, `/api/v1/namespaces/${ns}/configmaps?resourceVersion=${resumeFrom}`);
      await probe.ended;
      expect(probe.events.map((e) => [e.type, (e.object as unknown as Status).code])).toEqual([['ERROR', 410]]);
      seen.length = 0;
      await informer.start(); // resumes from its last version: 410, so it lists again
      const fresh = async () => (await coreOne.listNamespacedConfigMap({ namespace: ns })).items.map((c) => `${c.metadata?.name}@${c.metadata?.resourceVersion}`).sort();
      const cached = () => informer.list(ns).map((c) => `${c.metadata?.name}@${c.metadata?.resourceVersion}`).sort();
      const want = await fresh();
      await waitFor(() => JSON.stringify(cached()) === JSON.stringify(want), 15_000, () => `cache ${cached()} to equal ${want}`);
      expect(seen).toEqual(expect.arrayContaining([
        `delete ${before[0]!.metadata!.name}`, `update ${before[1]!.metadata!.name}`, ...late.map((c) => `add ${c.metadata?.name}`),
      ]));
      expect(seen.filter((s) => s.startsWith('add'))).toHaveLength(late.length);
    } finally {
      await informer.stop();
    }
  });

  it('lets a lib/client Informer over NATS get the 410 after an outage, re-list exactly what it missed, and go on', async () => {
    const ns = 'e2e-nats-informer';
    // Only the small apiserver answers over NATS from now on.
    expect((await cluster.cli(['kill', 'apiserver-1'])).code).toBe(0);
    const before = await createMany(coreSmall, ns, 'old', 3);
    const capture = capturingLogger();
    const client = await componentClient(cluster, 'proxy', { log: capture.log });
    const rec = await recordInformer(client.api, CONFIGMAPS, { namespace: ns, log: capture.log });
    try {
      expect(rec.adds()).toEqual(before.map((c) => `${ns}/${c.metadata!.name}`));
      rec.calls.length = 0;

      expect((await cluster.cli(['stop', 'nats'])).code).toBe(0);
      const late = await createMany(coreSmall, ns, 'late', 2 * HISTORY);
      await coreSmall.deleteNamespacedConfigMap({ namespace: ns, name: before[0]!.metadata!.name! });
      await coreSmall.patchNamespacedConfigMap(
        { namespace: ns, name: before[1]!.metadata!.name!, body: { data: { changed: 'yes' } } }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
      );
      expect((await cluster.cli(['start', 'nats'])).code).toBe(0);

      const missed = late.length + 2;
      await waitFor(() => rec.calls.length >= missed, 20_000, () => `${missed} handler calls, got ${JSON.stringify(rec.calls)}`);
      expect(capture.messages).toContain('watch ended, listing again');
      const summary = rec.calls.map((c) => `${c.type} ${c.key}`).sort();
      expect(summary).toEqual([
        ...late.map((c) => `add ${ns}/${c.metadata!.name}`),
        `delete ${ns}/${before[0]!.metadata!.name}`,
        `update ${ns}/${before[1]!.metadata!.name}`,
      ].sort());
      const list = async () => versionsByKey((await client.api.list(CONFIGMAPS, { namespace: ns })).items);
      expect(rec.cache()).toEqual(await list());

      // Watching again from the list's version: the next change arrives as an event.
      const next = await coreSmall.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'after' } } });
      await waitFor(() => rec.calls.length >= missed + 1, 10_000, 'the change after the re-list');
      expect(rec.calls.at(-1)).toEqual({ type: 'add', key: `${ns}/after`, resourceVersion: next.metadata!.resourceVersion });
      expect(rec.calls).toHaveLength(missed + 1);
    } finally {
      await rec.informer.stop();
      await client.close();
    }
  });
});
