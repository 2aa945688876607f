/**
 * lib/client over NATS, as a component uses it: connected with a component's own credentials
 * (DIR/credentials/<component>.json), typed CRUD through ApiClient, and an Informer whose handlers see
 * every change exactly once and in order, also while the cluster fails under it:
 *   - `kubelab kill apiserver` then `start`: the informer's watch resumes from the history;
 *   - `kubelab stop nats` then `start`, and `kill nats` then `start`: the informer reconnects and resumes,
 *     and receives the writes made over HTTPS while NATS was down.
 * Each failure test keeps a separate client writing numbered ConfigMaps during the failure, then checks
 * that the handler saw each write once, in order, without a re-list, and that the cache equals a fresh list.
 */
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject, Status } from '../lib/api/types.js';
import { CONFIGMAPS, NAMESPACES, PODS, type ApiClient } from '../lib/client/index.js';
import { AlreadyExistsError, ConflictError, NotFoundError } from '../lib/errors.js';
import { startCluster, type Cluster } from './harness/cluster.js';
import {
  componentClient, configMap, createOnce, expectInformerSurvives, numberedName, officialKubeConfig, recordInformer,
  versionsByKey, waitFor, type ComponentClient,
} from './clients-support.js';

type ConfigMap = KubeObject & { data?: Record<string, string> };

describe('lib/client over NATS', () => {
  let cluster: Cluster;
  let scheduler: ComponentClient;
  let writer: ComponentClient;
  let api: ApiClient;

  beforeAll(async () => {
    cluster = await startCluster({ without: ['scheduler', 'kubelets'] });
    scheduler = await componentClient(cluster, 'scheduler');
    writer = await componentClient(cluster, 'controller-manager');
    api = scheduler.api;
    for (const name of ['e2e-crud', 'e2e-events', 'e2e-apiserver-restart', 'e2e-nats-restart']) {
      await api.create(NAMESPACES, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    }
  });

  afterAll(async () => {
    await scheduler?.close();
    await writer?.close();
    await cluster?.stop();
  });

  it('creates, gets, lists, updates, patches and deletes with typed errors', async () => {
    const ns = 'e2e-crud';
    const created = await api.create<ConfigMap>(CONFIGMAPS, ns, configMap(ns, 'cm', { a: '1' }));
    expect(created.metadata.uid).toBeTruthy();
    await expect(api.create(CONFIGMAPS, ns, configMap(ns, 'cm'))).rejects.toBeInstanceOf(AlreadyExistsError);
    expect((await api.get<ConfigMap>(CONFIGMAPS, ns, 'cm')).data).toEqual({ a: '1' });

    const updated = await api.update<ConfigMap>(CONFIGMAPS, { ...created, data: { a: '2' } });
    expect(Number(updated.metadata.resourceVersion)).toBeGreaterThan(Number(created.metadata.resourceVersion));
    const stale = api.update<ConfigMap>(CONFIGMAPS, { ...created, data: { a: '3' } });
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await expect(stale).rejects.toMatchObject({ code: 409 });

    const merged = await api.patch<ConfigMap>(CONFIGMAPS, ns, 'cm', 'merge', { data: { b: 'x' } });
    expect(merged.data).toEqual({ a: '2', b: 'x' });
    const jsonPatched = await api.patch<ConfigMap>(CONFIGMAPS, ns, 'cm', 'json', [{ op: 'remove', path: '/data/a' }]);
    expect(jsonPatched.data).toEqual({ b: 'x' });

    const deleted = (await api.delete(CONFIGMAPS, ns, 'cm')) as Status;
    expect(deleted).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'cm', uid: created.metadata.uid } });
    await expect(api.get(CONFIGMAPS, ns, 'cm')).rejects.toBeInstanceOf(NotFoundError);
    await expect(api.delete(CONFIGMAPS, ns, 'cm')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lists page by page, and binds a pod through the binding subresource', async () => {
    const ns = 'e2e-crud';
    for (let i = 0; i < 5; i++) await api.create(CONFIGMAPS, ns, configMap(ns, numberedName(i), { i: String(i) }));
    const paged = await api.list<ConfigMap>(CONFIGMAPS, { namespace: ns, pageSize: 2 });
    expect(paged.items.map((c) => c.metadata.name)).toEqual([0, 1, 2, 3, 4].map((i) => numberedName(i)));
    const whole = await api.list<ConfigMap>(CONFIGMAPS, { namespace: ns, pageSize: 0 });
    expect(whole.resourceVersion).toBe(paged.resourceVersion);

    await api.create(PODS, ns, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginxdemos/hello:plain-text' }] } });
    const binding = { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'p', namespace: ns }, target: { apiVersion: 'v1', kind: 'Node', name: 'node-x' } };
    await api.createSubresource(PODS, ns, 'p', 'binding', binding);
    expect((await api.get(PODS, ns, 'p')).spec?.nodeName).toBe('node-x');
    const byNode = await api.list(PODS, { fieldSelector: 'spec.nodeName=node-x' });
    expect(byNode.items.map((p) => `${p.metadata.namespace}/${p.metadata.name}`)).toEqual([`${ns}/p`]);
  });

  it('tells an Informer about every change, in order, with the versions the writes returned', async () => {
    const ns = 'e2e-events';
    await api.create(CONFIGMAPS, ns, configMap(ns, 'before'));
    const rec = await recordInformer<ConfigMap>(api, CONFIGMAPS, { namespace: ns });
    try {
      const a = await writer.api.create<ConfigMap>(CONFIGMAPS, ns, configMap(ns, 'a', { v: '1' }));
      const b = await writer.api.update<ConfigMap>(CONFIGMAPS, { ...a, data: { v: '2' } });
      const c = await writer.api.patch<ConfigMap>(CONFIGMAPS, ns, 'a', 'strategic', { data: { w: '3' } });
      const d = (await writer.api.delete(CONFIGMAPS, ns, 'before')) as Status;
      expect(d.status).toBe('Success');
      const expected = [
        { type: 'add', key: `${ns}/before` },
        { type: 'add', key: `${ns}/a`, resourceVersion: a.metadata.resourceVersion },
        { type: 'update', key: `${ns}/a`, resourceVersion: b.metadata.resourceVersion },
        { type: 'update', key: `${ns}/a`, resourceVersion: c.metadata.resourceVersion },
        { type: 'delete', key: `${ns}/before` },
      ];
      await waitFor(() => rec.calls.length >= expected.length, 10_000, () => JSON.stringify(rec.calls));
      expect(rec.calls).toMatchObject(expected);
      expect(rec.calls).toHaveLength(expected.length);
      expect(Number(rec.calls[4]!.resourceVersion)).toBeGreaterThan(Number(c.metadata.resourceVersion));
      expect(rec.cache()).toEqual(versionsByKey((await api.list(CONFIGMAPS, { namespace: ns })).items));
    } finally {
      await rec.informer.stop();
    }
  });

  it('keeps an Informer exact across kubelab kill apiserver and start', async () => {
    const ns = 'e2e-apiserver-restart';
    await expectInformerSurvives(
      cluster,
      ns,
      (i) => createOnce(() => writer.api.create(CONFIGMAPS, ns, configMap(ns, numberedName(i)))),
      async () => {
        expect((await cluster.cli(['kill', 'apiserver'])).code).toBe(0);
        expect((await cluster.cli(['start', 'apiserver'])).code).toBe(0);
      },
    );
  });

  it('keeps an Informer exact across kubelab stop nats / start nats and kill nats / start nats, with writes over HTTPS meanwhile', async () => {
    const ns = 'e2e-nats-restart';
    const core = officialKubeConfig(cluster).makeApiClient(k8s.CoreV1Api);
    let writesWhileDown = 0;
    let natsDown = false;
    const messages = await expectInformerSurvives(
      cluster,
      ns,
      async (i) => {
        await createOnce(() => core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: numberedName(i) } } }));
        if (natsDown) writesWhileDown++;
      },
      async () => {
        for (const verb of ['stop', 'kill']) {
          expect((await cluster.cli([verb, 'nats'])).code).toBe(0);
          natsDown = true;
          const before = writesWhileDown;
          await waitFor(() => writesWhileDown >= before + 5, 10_000, 'writes over HTTPS while NATS is down');
          natsDown = false;
          expect((await cluster.cli(['start', 'nats'])).code).toBe(0);
        }
      },
    );
    expect(writesWhileDown).toBeGreaterThanOrEqual(10);
    expect(messages.filter((m) => m === 'reconnected to NATS').length).toBeGreaterThanOrEqual(2);
  });
});
