/**
 * kubectl's imperative `create` commands, typed as a user types them. kubectl v1.32 sends these
 * bodies as Kubernetes protobuf (`Content-Type: application/vnd.kubernetes.protobuf`), not JSON, so
 * this story is the one that proves the apiserver reads protobuf: each command succeeds, prints what
 * it prints against a real cluster, and `kubectl get` then shows the object a real cluster shows,
 * with the apiserver's defaults applied.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from './harness/cluster.js';
import { ok, RECENT_AGE, row, table } from './support/kubectl.js';

const NS = 'imperative';

describe('kubectl create <kind>, whose bodies are protobuf', () => {
  let cluster: Cluster;
  const kubectl = (args: string[]) => cluster.kubectl(args);
  const get = async (...args: string[]) => table(ok(await kubectl(['get', ...args])));
  const json = async (...args: string[]) => JSON.parse(ok(await kubectl(['get', ...args, '-o', 'json']))) as Record<string, any>;

  beforeAll(async () => {
    cluster = await startCluster({ without: ['scheduler', 'kubelets'] });
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('create namespace: created, Active, and a second create is AlreadyExists', async () => {
    expect(ok(await kubectl(['create', 'namespace', NS]))).toBe(`namespace/${NS} created\n`);
    const t = await get('namespace', NS);
    expect(t.header).toEqual(['NAME', 'STATUS', 'AGE']);
    expect(row(t, NS)).toMatchObject({ STATUS: 'Active', AGE: expect.stringMatching(RECENT_AGE) });
    expect((await json('namespace', NS)).spec).toEqual({ finalizers: ['kubernetes'] });

    const again = await kubectl(['create', 'namespace', NS]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`Error from server (AlreadyExists): namespaces "${NS}" already exists\n`);
  });

  it('create configmap --from-literal: one key, with its value', async () => {
    expect(ok(await kubectl(['create', 'configmap', 'greeting', '--from-literal=a=b', '--from-literal=lang=en', '-n', NS]))).toBe('configmap/greeting created\n');
    const t = await get('configmap', 'greeting', '-n', NS);
    expect(t.header).toEqual(['NAME', 'DATA', 'AGE']);
    expect(row(t, 'greeting')).toMatchObject({ DATA: '2', AGE: expect.stringMatching(RECENT_AGE) });
    expect((await json('configmap', 'greeting', '-n', NS)).data).toEqual({ a: 'b', lang: 'en' });
  });

  it('create deployment --image --replicas 2: the columns of -o wide, and the defaulted spec', async () => {
    const out = ok(await kubectl(['create', 'deployment', 'hello', '--image', 'nginxdemos/hello:plain-text', '--replicas', '2', '-n', NS]));
    expect(out).toBe('deployment.apps/hello created\n');
    const t = await get('deployment', 'hello', '-o', 'wide', '-n', NS);
    expect(t.header).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    expect(row(t, 'hello')).toMatchObject({
      READY: expect.stringMatching(/^[0-2]\/2$/),
      AGE: expect.stringMatching(RECENT_AGE),
      CONTAINERS: 'hello',
      IMAGES: 'nginxdemos/hello:plain-text',
      SELECTOR: 'app=hello',
    });

    const deployment = await json('deployment', 'hello', '-n', NS);
    expect(deployment.metadata.labels).toEqual({ app: 'hello' });
    expect(deployment.spec).toMatchObject({
      replicas: 2,
      selector: { matchLabels: { app: 'hello' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: { metadata: { labels: { app: 'hello' } }, spec: { restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' } },
    });
    expect(deployment.spec.template.spec.containers).toEqual([
      expect.objectContaining({ name: 'hello', image: 'nginxdemos/hello:plain-text', resources: {}, imagePullPolicy: 'IfNotPresent' }),
    ]);
  });

  it('create service clusterip --tcp=8080:80: a ClusterIP service on 8080 selecting app=hello', async () => {
    expect(ok(await kubectl(['create', 'service', 'clusterip', 'hello', '--tcp=8080:80', '-n', NS]))).toBe('service/hello created\n');
    const t = await get('service', 'hello', '-o', 'wide', '-n', NS);
    expect(t.header).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR']);
    expect(row(t, 'hello')).toMatchObject({
      TYPE: 'ClusterIP',
      'CLUSTER-IP': expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/),
      'EXTERNAL-IP': '<none>',
      'PORT(S)': '8080/TCP',
      SELECTOR: 'app=hello',
    });
    const service = await json('service', 'hello', '-n', NS);
    expect(service.spec.ports).toEqual([{ name: '8080-80', protocol: 'TCP', port: 8080, targetPort: 80 }]);
    expect(service.spec.clusterIPs).toEqual([service.spec.clusterIP]);
  });

  it('get all lists what the commands created', async () => {
    const out = ok(await kubectl(['get', 'all', '-n', NS]));
    expect(out).toMatch(/^service\/hello\s+ClusterIP\s/m);
    expect(out).toMatch(/^deployment\.apps\/hello\s+[0-2]\/2\s/m);
  });
});
