/**
 * Two apiservers against one Redis and one NATS (`kubelab up --apiservers 2`) are one API: a write
 * through either is read back identically through the other, optimistic concurrency spans both, an
 * HTTP watch on apiserver B sees the writes made through apiserver A, and an Informer over NATS keeps
 * every event, exactly once and in order, while first one apiserver and then the other is killed.
 */
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIGMAPS } from '../lib/client/index.js';
import { startCluster, type Cluster } from './harness/cluster.js';
import { componentClient, configMap, createOnce, expectInformerSurvives, numberedName, officialKubeConfig, waitFor, type ComponentClient } from './clients-support.js';
import { httpWatch } from './watch-support.js';

const NS = 'e2e-two';

describe('two apiservers', () => {
  let cluster: Cluster;
  let serverA: string;
  let serverB: string;
  let coreA: k8s.CoreV1Api;
  let coreB: k8s.CoreV1Api;

  beforeAll(async () => {
    cluster = await startCluster({ apiservers: 2, without: ['scheduler', 'kubelets'] });
    const endpoints = new Map((await cluster.status()).components.map((c) => [c.name, c.endpoint]));
    serverA = endpoints.get('apiserver-1')!;
    serverB = endpoints.get('apiserver-2')!;
    coreA = officialKubeConfig(cluster, serverA).makeApiClient(k8s.CoreV1Api);
    coreB = officialKubeConfig(cluster, serverB).makeApiClient(k8s.CoreV1Api);
    await coreA.createNamespace({ body: { metadata: { name: NS } } });
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('listen on two addresses, as two processes', () => {
    expect(serverA).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(serverB).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(serverB).not.toBe(serverA);
  });

  it('serve the same state: a write via one is read back identically via the other', async () => {
    const viaA = await coreA.createNamespacedConfigMap({ namespace: NS, body: { metadata: { name: 'shared' }, data: { from: 'A' } } });
    const readB = await coreB.readNamespacedConfigMap({ namespace: NS, name: 'shared' });
    expect(readB).toEqual(viaA);

    const viaB = await coreB.replaceNamespacedConfigMap({ namespace: NS, name: 'shared', body: { ...readB, data: { from: 'B' } } });
    expect(await coreA.readNamespacedConfigMap({ namespace: NS, name: 'shared' })).toEqual(viaB);
    // The version A handed out is stale now, whichever apiserver is asked.
    await expect(coreA.replaceNamespacedConfigMap({ namespace: NS, name: 'shared', body: { ...viaA, data: { from: 'A again' } } })).rejects.toMatchObject({ code: 409 });

    const [listA, listB] = await Promise.all([coreA.listNamespacedConfigMap({ namespace: NS }), coreB.listNamespacedConfigMap({ namespace: NS })]);
    expect(listB.items).toEqual(listA.items);
    expect(listB.metadata?.resourceVersion).toBe(listA.metadata?.resourceVersion);
  });

  it('stream writes made through apiserver A to an HTTP watch on apiserver B', async () => {
    const from = (await coreB.listNamespacedConfigMap({ namespace: NS })).metadata!.resourceVersion!;
    const watch = httpWatch(serverB, cluster, `/api/v1/namespaces/${NS}/configmaps?resourceVersion=${from}`);
    try {
      expect(await watch.status).toBe(200);
      const created = await coreA.createNamespacedConfigMap({ namespace: NS, body: { metadata: { name: 'streamed' }, data: { n: '1' } } });
      const patched = await coreA.patchNamespacedConfigMap(
        { namespace: NS, name: 'streamed', body: { data: { n: '2' } } }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
      );
      await coreA.deleteNamespacedConfigMap({ namespace: NS, name: 'streamed' });
      const after = Number((await coreA.listNamespacedConfigMap({ namespace: NS })).metadata!.resourceVersion);
      await waitFor(() => watch.events.length >= 3, 10_000, () => `3 events on B, got ${JSON.stringify(watch.events)}`);
      expect(watch.events.map((e) => [e.type, e.object.metadata.name])).toEqual([['ADDED', 'streamed'], ['MODIFIED', 'streamed'], ['DELETED', 'streamed']]);
      const [added, modified, deleted] = watch.events.map((e) => e.object);
      expect(added!.metadata.resourceVersion).toBe(created.metadata!.resourceVersion);
      expect(modified!.metadata.resourceVersion).toBe(patched.metadata!.resourceVersion);
      expect((modified as { data?: unknown }).data).toEqual({ n: '2' });
      // A DELETED event carries the version of the deletion: after the patch, at most the current one.
      expect(Number(deleted!.metadata.resourceVersion)).toBeGreaterThan(Number(patched.metadata!.resourceVersion));
      expect(Number(deleted!.metadata.resourceVersion)).toBeLessThanOrEqual(after);
    } finally {
      watch.close();
    }
  });

  it('keep an Informer exact while first one apiserver and then the other is killed', async () => {
    const ns = 'e2e-failover';
    await coreA.createNamespace({ body: { metadata: { name: ns } } });
    let writer: ComponentClient | undefined;
    try {
      writer = await componentClient(cluster, 'controller-manager');
      const api = writer.api;
      let oneDown = false;
      let writesWhileOneDown = 0;
      await expectInformerSurvives(
        cluster,
        ns,
        async (i) => {
          await createOnce(() => api.create(CONFIGMAPS, ns, configMap(ns, numberedName(i))));
          if (oneDown) writesWhileOneDown++;
        },
        async () => {
          // Whichever apiserver holds the informer's watch, one of these two kills breaks it.
          for (const name of ['apiserver-1', 'apiserver-2']) {
            expect((await cluster.cli(['kill', name])).code).toBe(0);
            oneDown = true;
            const before = writesWhileOneDown;
            await waitFor(() => writesWhileOneDown >= before + 10, 15_000, `writes served by the other apiserver while ${name} is down`);
            oneDown = false;
            expect((await cluster.cli(['start', name])).code).toBe(0);
          }
        },
      );
    } finally {
      await writer?.close();
    }
  });
});
