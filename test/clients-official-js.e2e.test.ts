/**
 * The official JavaScript client (@kubernetes/client-node 1.4) against kubelab, configured the way a
 * user would: `kc.loadFromFile(<the cluster's kubeconfig>)`, trusting the cluster CA and sending the
 * bearer token. It lists, creates, replaces, merge-patches and deletes ConfigMaps, Pods and Deployments
 * with CoreV1Api / AppsV1Api; its informer (makeInformer, a ListWatch over the HTTP watch) receives
 * add, update and delete events; and a replace carrying a stale resourceVersion is refused with 409.
 */
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from './harness/cluster.js';
import { officialKubeConfig, waitFor } from './clients-support.js';

const NS = 'e2e-js';
const mergePatch = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);

/** The ApiException the client throws, with the Status the server sent as its body. */
async function apiFailure(p: Promise<unknown>): Promise<{ code: number; status: k8s.V1Status }> {
  try {
    await p;
  } catch (err) {
    const e = err as { code?: number; body?: unknown };
    if (typeof e.code !== 'number') throw err;
    return { code: e.code, status: JSON.parse(String(e.body)) as k8s.V1Status };
  }
  throw new Error('the call succeeded; a failure was expected');
}

describe('@kubernetes/client-node against kubelab', () => {
  let cluster: Cluster;
  let core: k8s.CoreV1Api;
  let apps: k8s.AppsV1Api;
  let kc: k8s.KubeConfig;

  beforeAll(async () => {
    cluster = await startCluster({ without: ['scheduler', 'kubelets'] });
    kc = officialKubeConfig(cluster);
    core = kc.makeApiClient(k8s.CoreV1Api);
    apps = kc.makeApiClient(k8s.AppsV1Api);
    await core.createNamespace({ body: { metadata: { name: NS } } });
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('loads the kubeconfig: the server is the cluster over HTTPS with its CA and token', () => {
    expect(kc.getCurrentCluster()?.server).toBe(cluster.server);
    expect(kc.getCurrentCluster()?.caData).toBeTruthy();
  });

  it('creates, lists, replaces, merge-patches and deletes a ConfigMap', async () => {
    const created = await core.createNamespacedConfigMap({ namespace: NS, body: { metadata: { name: 'settings' }, data: { color: 'blue' } } });
    expect(created.metadata).toMatchObject({ name: 'settings', namespace: NS });
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata?.creationTimestamp).toBeInstanceOf(Date);
    const rv1 = Number(created.metadata!.resourceVersion);

    const list = await core.listNamespacedConfigMap({ namespace: NS });
    expect(list.items.map((c) => c.metadata?.name)).toEqual(['settings']);
    expect(Number(list.metadata?.resourceVersion)).toBeGreaterThanOrEqual(rv1);

    const replaced = await core.replaceNamespacedConfigMap({ namespace: NS, name: 'settings', body: { ...created, data: { size: 'L' } } });
    expect(replaced.data).toEqual({ size: 'L' });
    expect(replaced.metadata?.uid).toBe(created.metadata?.uid);
    expect(Number(replaced.metadata!.resourceVersion)).toBeGreaterThan(rv1);

    const patched = await core.patchNamespacedConfigMap({ namespace: NS, name: 'settings', body: { data: { color: 'red', size: null } } }, mergePatch);
    expect(patched.data).toEqual({ color: 'red' });
    expect(Number(patched.metadata!.resourceVersion)).toBeGreaterThan(Number(replaced.metadata!.resourceVersion));
    expect((await core.readNamespacedConfigMap({ namespace: NS, name: 'settings' })).data).toEqual({ color: 'red' });

    // kube-apiserver answers the DELETE of a ConfigMap with a Success Status naming what it removed.
    const deleted = await core.deleteNamespacedConfigMap({ namespace: NS, name: 'settings' });
    expect(deleted).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'settings', kind: 'configmaps', uid: created.metadata?.uid } });
    const gone = await apiFailure(core.readNamespacedConfigMap({ namespace: NS, name: 'settings' }));
    expect(gone.code).toBe(404);
    expect(gone.status).toMatchObject({ reason: 'NotFound', message: 'configmaps "settings" not found' });
  });

  it('refuses a replace carrying a stale resourceVersion with 409 Conflict', async () => {
    const first = await core.createNamespacedConfigMap({ namespace: NS, body: { metadata: { name: 'contended' }, data: { n: '1' } } });
    await core.replaceNamespacedConfigMap({ namespace: NS, name: 'contended', body: { ...first, data: { n: '2' } } });
    const stale = await apiFailure(core.replaceNamespacedConfigMap({ namespace: NS, name: 'contended', body: { ...first, data: { n: '3' } } }));
    expect(stale.code).toBe(409);
    expect(stale.status).toMatchObject({
      kind: 'Status', status: 'Failure', reason: 'Conflict', code: 409,
      message: 'Operation cannot be fulfilled on configmaps "contended": the object has been modified; please apply your changes to the latest version and try again',
    });
    expect((await core.readNamespacedConfigMap({ namespace: NS, name: 'contended' })).data).toEqual({ n: '2' });
  });

  it('creates, replaces, merge-patches and deletes a Pod, which the server returns when deleted', async () => {
    const pod: k8s.V1Pod = { metadata: { name: 'web', labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginxdemos/hello:plain-text' }] } };
    const created = await core.createNamespacedPod({ namespace: NS, body: pod });
    // Defaults the apiserver fills in, as kube-apiserver does.
    expect(created.spec?.restartPolicy).toBe('Always');
    expect(created.spec?.containers[0]?.imagePullPolicy).toBe('IfNotPresent');
    expect(created.status?.phase).toBe('Pending');

    const replaced = await core.replaceNamespacedPod({ namespace: NS, name: 'web', body: { ...created, metadata: { ...created.metadata, labels: { app: 'web', tier: 'front' } } } });
    expect(replaced.metadata?.labels).toEqual({ app: 'web', tier: 'front' });
    const patched = await core.patchNamespacedPod({ namespace: NS, name: 'web', body: { metadata: { annotations: { owner: 'e2e' } } } }, mergePatch);
    expect(patched.metadata?.annotations).toEqual({ owner: 'e2e' });
    expect(patched.metadata?.labels).toEqual({ app: 'web', tier: 'front' });

    const listed = await core.listNamespacedPod({ namespace: NS, labelSelector: 'tier=front' });
    expect(listed.items.map((p) => p.metadata?.name)).toEqual(['web']);

    // Unscheduled, so deleted at once; pods are among the kinds whose DELETE returns the object.
    const deleted = await core.deleteNamespacedPod({ namespace: NS, name: 'web' });
    expect(deleted).toMatchObject({ kind: 'Pod', metadata: { name: 'web', uid: created.metadata?.uid } });
    expect((await apiFailure(core.readNamespacedPod({ namespace: NS, name: 'web' }))).code).toBe(404);
  });

  it('creates, replaces, merge-patches and deletes a Deployment with AppsV1Api', async () => {
    const labels = { app: 'hello' };
    const body: k8s.V1Deployment = {
      metadata: { name: 'hello' },
      spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'hello', image: 'nginxdemos/hello:plain-text' }] } } },
    };
    const created = await apps.createNamespacedDeployment({ namespace: NS, body });
    expect(created.spec?.strategy).toMatchObject({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
    expect(created.spec?.revisionHistoryLimit).toBe(10);

    const replaced = await apps.replaceNamespacedDeployment({ namespace: NS, name: 'hello', body: { ...created, spec: { ...created.spec!, replicas: 3 } } });
    expect(replaced.spec?.replicas).toBe(3);
    expect(replaced.metadata?.generation).toBe(2);
    const patched = await apps.patchNamespacedDeployment({ namespace: NS, name: 'hello', body: { spec: { replicas: 1 } } }, mergePatch);
    expect(patched.spec?.replicas).toBe(1);
    expect((await apps.listNamespacedDeployment({ namespace: NS })).items.map((d) => d.spec?.replicas)).toEqual([1]);

    const deleted = await apps.deleteNamespacedDeployment({ namespace: NS, name: 'hello' });
    expect(deleted).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'hello', group: 'apps', kind: 'deployments' } });
    expect((await apiFailure(apps.readNamespacedDeployment({ namespace: NS, name: 'hello' }))).code).toBe(404);
  });

  it('makeInformer on pods receives add, update and delete events and keeps a cache equal to a fresh list', async () => {
    const seen: string[] = [];
    const errors: unknown[] = [];
    const informer = k8s.makeInformer(kc, `/api/v1/namespaces/${NS}/pods`, () => core.listNamespacedPod({ namespace: NS }));
    const note = (type: string) => (p: k8s.V1Pod) => seen.push(`${type} ${p.metadata?.name} ${p.metadata?.resourceVersion}`);
    informer.on('add', note('add'));
    informer.on('update', note('update'));
    informer.on('delete', note('delete'));
    informer.on('error', (err) => errors.push(err));
    await informer.start();
    try {
      const spec = { containers: [{ name: 'c', image: 'nginxdemos/hello:plain-text' }] };
      const a = await core.createNamespacedPod({ namespace: NS, body: { metadata: { name: 'watched' }, spec } });
      const b = await core.patchNamespacedPod({ namespace: NS, name: 'watched', body: { metadata: { labels: { step: '2' } } } }, mergePatch);
      const keep = await core.createNamespacedPod({ namespace: NS, body: { metadata: { name: 'kept' }, spec } });
      const c = (await core.deleteNamespacedPod({ namespace: NS, name: 'watched' })) as k8s.V1Pod;
      const expected = [
        `add watched ${a.metadata?.resourceVersion}`,
        `update watched ${b.metadata?.resourceVersion}`,
        `add kept ${keep.metadata?.resourceVersion}`,
        // The DELETED event carries the resourceVersion of the deletion.
        `delete watched ${c.metadata?.resourceVersion}`,
      ];
      await waitFor(() => seen.length >= expected.length, 15_000, () => `4 informer events, saw ${JSON.stringify(seen)}`);
      expect(seen).toEqual(expected);
      expect(Number(c.metadata?.resourceVersion)).toBeGreaterThan(Number(keep.metadata?.resourceVersion));
      const fresh = await core.listNamespacedPod({ namespace: NS });
      const names = (pods: k8s.V1Pod[]) => pods.map((p) => `${p.metadata?.name}@${p.metadata?.resourceVersion}`).sort();
      expect(names([...informer.list(NS)])).toEqual(names(fresh.items));
      expect(errors).toEqual([]);
    } finally {
      await informer.stop();
    }
  });
});
