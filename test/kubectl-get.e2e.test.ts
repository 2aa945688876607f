/**
 * `kubectl get` as a user reads it: for pods, replicasets, deployments, services, endpoints, nodes,
 * namespaces and events, the column headers and cells a real v1.32 cluster prints, in each output form
 * (-o wide, -o yaml, -o json, -l, --show-labels, -A); the writes whose result `get` shows (scale,
 * label, annotate, and patch with each of its three types); and `get -w`, which prints a row for every
 * ADDED, MODIFIED and DELETED event as a pod is created, labelled and deleted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { join, resolve } from 'node:path';
import { REPO_ROOT, startCluster, type Cluster } from './harness/cluster.js';
import { createNamespace, ok, RECENT_AGE, row, stopAllWatches, table, watchKubectl } from './support/kubectl.js';

const MANIFESTS = resolve(REPO_ROOT, '..', 'shared', 'seed', 'manifests');
const NS = 'tour';

describe('kubectl get, and the writes it shows', () => {
  let cluster: Cluster;
  const kubectl = (args: string[], opts?: Parameters<Cluster['kubectl']>[1]) => cluster.kubectl(args, opts);
  const get = async (...args: string[]) => table(ok(await kubectl(['get', ...args])));
  const json = async (...args: string[]) => JSON.parse(ok(await kubectl(['get', ...args, '-o', 'json']))) as Record<string, any>;
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');

  beforeAll(async () => {
    cluster = await startCluster({ without: ['scheduler', 'kubelets'] });
    await createNamespace(cluster, NS);
    for (const f of ['multi.yaml', 'replicaset.yaml', 'hello-deployment.yaml', 'service-clusterip.yaml']) {
      ok(await kubectl(['apply', '-f', join(MANIFESTS, f), '-n', NS]));
    }
    ok(await kubectl(['run', 'web', '--image=nginxdemos/hello:plain-text', '--labels=app=hello', '-n', NS]));
  });

  afterAll(async () => {
    await stopAllWatches();
    await cluster?.stop();
  });

  it('get pod, get pods and -o wide print the pod columns', async () => {
    const pods = ok(await kubectl(['get', 'pods', '-n', NS]));
    expect(pods.split('\n')[0]).toBe('NAME    READY   STATUS    RESTARTS   AGE');
    expect(ok(await kubectl(['get', 'pod', '-n', NS])).split('\n')[0]).toBe(pods.split('\n')[0]);
    const t = table(pods);
    expect(t.rows.map((r) => r.slice(0, 4))).toEqual([['hello', '0/2', 'Pending', '0'], ['web', '0/1', 'Pending', '0']]);
    for (const r of t.rows) expect(r[4]).toMatch(RECENT_AGE);

    const wide = await get('pods', '-o', 'wide', '-n', NS);
    expect(wide.header).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
    expect(row(wide, 'hello')).toMatchObject({ IP: '<none>', NODE: '<none>', 'NOMINATED NODE': '<none>', 'READINESS GATES': '<none>' });
  });

  it('-o yaml and -o json print the stored objects; -l app=hello and --show-labels use their labels', async () => {
    const pod = parse(ok(await kubectl(['get', 'pod', 'hello', '-o', 'yaml', '-n', NS]))) as Record<string, any>;
    expect(pod).toMatchObject({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'hello', namespace: NS }, status: { phase: 'Pending', qosClass: 'BestEffort' } });
    expect(pod.spec.containers.map((c: { name: string }) => c.name)).toEqual(['nginx', 'debug']);
    const list = await json('pods', '-n', NS);
    expect(list).toMatchObject({ apiVersion: 'v1', kind: 'List' });
    expect(list.items.map((p: { kind: string; metadata: { name: string } }) => `${p.kind}/${p.metadata.name}`)).toEqual(['Pod/hello', 'Pod/web']);

    const selected = await get('pods', '-l', 'app=hello', '-n', NS);
    expect(selected.rows.map((r) => r[0])).toEqual(['web']);
    const labelled = await get('pods', '--show-labels', '-n', NS);
    expect(labelled.header).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'LABELS']);
    expect([row(labelled, 'hello').LABELS, row(labelled, 'web').LABELS]).toEqual(['<none>', 'app=hello']);
  });

  it('-A lists pods of every namespace under a NAMESPACE column', async () => {
    const all = await get('pods', '-A');
    expect(all.header).toEqual(['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    expect(all.rows.map((r) => r.slice(0, 4))).toEqual(expect.arrayContaining([
      ['kube-system', 'kube-apiserver-1', '1/1', 'Running'], [NS, 'hello', '0/2', 'Pending'], [NS, 'web', '0/1', 'Pending'],
    ]));
  });

  it('get rs and get deploy print the workload columns, with containers, images and selector under -o wide', async () => {
    const rs = await get('rs', '-o', 'wide', '-n', NS);
    expect(rs.header).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    expect(row(rs, 'hello')).toMatchObject({ DESIRED: '3', CURRENT: '0', READY: '0', CONTAINERS: 'nginx', IMAGES: 'nginxdemos/hello:plain-text', SELECTOR: 'app=hello' });
    expect((await get('rs', '-n', NS)).header).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE']);

    const deploy = await get('deploy', '-o', 'wide', '-n', NS);
    expect(deploy.header).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    expect(row(deploy, 'hello')).toMatchObject({ READY: '0/2', 'UP-TO-DATE': '0', AVAILABLE: '0', CONTAINERS: 'nginx', SELECTOR: 'app=hello' });
    expect((await get('deploy', '-n', NS)).header).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
  });

  it('get svc and get ep print the service columns and the apiserver endpoint', async () => {
    const svc = await get('svc', '-o', 'wide', '-n', NS);
    expect(svc.header).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR']);
    expect(row(svc, 'hello')).toMatchObject({ TYPE: 'ClusterIP', 'EXTERNAL-IP': '<none>', 'PORT(S)': '8080/TCP', SELECTOR: 'app=hello' });
    expect(row(svc, 'hello')['CLUSTER-IP']).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(row(await get('svc', '-n', 'default'), 'kubernetes')).toMatchObject({ TYPE: 'ClusterIP', 'PORT(S)': '443/TCP' });

    const ep = await get('ep', '-n', 'default');
    expect(ep.header).toEqual(['NAME', 'ENDPOINTS', 'AGE']);
    expect(row(ep, 'kubernetes').ENDPOINTS).toBe(new URL(cluster.server).host);
  });

  it('get nodes and get ns print their columns', async () => {
    ok(await kubectl(['create', '-f', '-'], { input: JSON.stringify({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'tour-node' } }) }));
    const nodes = await get('nodes');
    expect(nodes.header).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']);
    // No kubelet has reported a Ready condition for this node: a real cluster prints Unknown.
    expect(row(nodes, 'tour-node')).toMatchObject({ STATUS: 'Unknown', ROLES: '<none>', VERSION: '' });
    const wide = await get('nodes', '-o', 'wide');
    expect(wide.header).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME']);
    expect(row(wide, 'tour-node')).toMatchObject({ 'INTERNAL-IP': '<none>', 'EXTERNAL-IP': '<none>', 'OS-IMAGE': '<unknown>', 'KERNEL-VERSION': '<unknown>', 'CONTAINER-RUNTIME': '<unknown>' });

    const ns = await get('ns', '--show-labels');
    expect(ns.header).toEqual(['NAME', 'STATUS', 'AGE', 'LABELS']);
    for (const name of ['default', 'kube-node-lease', 'kube-public', 'kube-system', NS]) {
      expect(row(ns, name)).toMatchObject({ STATUS: 'Active', LABELS: `kubernetes.io/metadata.name=${name}` });
    }
  });

  it('get events prints what happened to which object, and -o wide adds source, first seen, count and name', async () => {
    const event = {
      apiVersion: 'v1', kind: 'Event', metadata: { name: 'hello.17a0' },
      involvedObject: { apiVersion: 'v1', kind: 'Pod', name: 'hello', namespace: NS },
      reason: 'Scheduled', message: `Successfully assigned ${NS}/hello to tour-node`, type: 'Normal',
      source: { component: 'default-scheduler' }, count: 2, firstTimestamp: minutesAgo(30), lastTimestamp: minutesAgo(2),
    };
    ok(await kubectl(['create', '-n', NS, '-f', '-'], { input: JSON.stringify(event) }));
    const events = await get('events', '-n', NS);
    expect(events.header).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    expect(events.rows).toEqual([[expect.stringMatching(/^2m(\d+s)?$/), 'Normal', 'Scheduled', 'pod/hello', event.message]]);
    const wide = await get('events', '-o', 'wide', '-n', NS);
    expect(wide.header).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME']);
    expect(row(wide, 'hello.17a0', 'NAME')).toMatchObject({ SUBOBJECT: '', SOURCE: 'default-scheduler', 'FIRST SEEN': '30m', COUNT: '2' });
  });

  it('kubectl scale deploy sets spec.replicas through the scale subresource', async () => {
    expect(ok(await kubectl(['scale', 'deploy', 'hello', '--replicas=3', '-n', NS]))).toBe('deployment.apps/hello scaled\n');
    expect(row(await get('deploy', '-n', NS), 'hello').READY).toBe('0/3');
    expect((await json('deploy', 'hello', '-n', NS)).spec.replicas).toBe(3);
  });

  it('kubectl label and annotate add and remove metadata that get then shows', async () => {
    expect(ok(await kubectl(['label', 'pod', 'hello', 'tier=debug', '-n', NS]))).toBe('pod/hello labeled\n');
    expect((await get('pods', '-l', 'tier=debug', '-n', NS)).rows.map((r) => r[0])).toEqual(['hello']);
    expect(ok(await kubectl(['label', 'pod', 'hello', 'tier-', '-n', NS]))).toBe('pod/hello unlabeled\n');
    expect(row(await get('pods', '--show-labels', '-n', NS), 'hello').LABELS).toBe('<none>');

    expect(ok(await kubectl(['annotate', 'pod', 'hello', 'owner=tour', '-n', NS]))).toBe('pod/hello annotated\n');
    expect(ok(await kubectl(['get', 'pod', 'hello', '-n', NS, '-o', 'jsonpath={.metadata.annotations.owner}']))).toBe('tour');
  });

  it('kubectl patch --type merge, json and strategic each change the pod as their rules say', async () => {
    const patch = (type: string, p: string) => kubectl(['patch', 'pod', 'web', '-n', NS, '--type', type, '-p', p]);
    expect(ok(await patch('merge', '{"metadata":{"labels":{"tier":"front"}}}'))).toBe('pod/web patched\n');
    expect(ok(await patch('merge', '{"metadata":{"labels":{"tier":"front"}}}'))).toBe('pod/web patched (no change)\n');
    expect(ok(await patch('json', '[{"op":"replace","path":"/spec/containers/0/image","value":"nginxdemos/hello:latest"}]'))).toBe('pod/web patched\n');
    const web = await json('pod', 'web', '-n', NS);
    expect(web.metadata.labels).toEqual({ app: 'hello', tier: 'front' });
    expect(web.spec.containers[0].image).toBe('nginxdemos/hello:latest');

    // Strategic merge keys containers by name: patching one of hello's two leaves the other alone.
    const strategic = await kubectl(['patch', 'pod', 'hello', '-n', NS, '--type', 'strategic', '-p', '{"spec":{"containers":[{"name":"debug","image":"posquit0/doraemon:v3"}]}}']);
    expect(ok(strategic)).toBe('pod/hello patched\n');
    expect(ok(await kubectl(['get', 'pod', 'hello', '-n', NS, '-o', 'jsonpath={.spec.containers[*].image}']))).toBe('nginxdemos/hello:plain-text posquit0/doraemon:v3');
  });

  describe('kubectl get -w', () => {
    const cells = (line: string) => line.trim().split(/\s+/);

    beforeAll(async () => {
      await createNamespace(cluster, 'watched');
      await createNamespace(cluster, 'elsewhere');
      // A pod present before the watch starts: its row shows that the initial list has been printed.
      ok(await kubectl(['run', 'anchor', '--image=posquit0/doraemon', '-n', 'watched']));
    });

    afterAll(async () => {
      await stopAllWatches();
    });

    it('--output-watch-events shows ADDED, MODIFIED and DELETED rows as a pod is created, labelled and deleted', async () => {
      const w = watchKubectl(cluster, ['get', 'pods', '-w', '--output-watch-events', '-n', 'watched']);
      try {
        await w.waitForLine(/^ADDED\s+anchor\s/);
        expect(cells(w.lines[0]!)).toEqual(['EVENT', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
        ok(await kubectl(['run', 'p1', '--image=posquit0/doraemon', '-n', 'watched']));
        await w.waitForLine(/^ADDED\s+p1\s/);
        ok(await kubectl(['label', 'pod', 'p1', 'app=hello', '-n', 'watched']));
        await w.waitForLine(/^MODIFIED\s+p1\s/);
        ok(await kubectl(['delete', 'pod', 'p1', '-n', 'watched']));
        await w.waitForLine(/^DELETED\s+p1\s/);
        const p1 = w.lines.filter((l) => cells(l)[1] === 'p1').map(cells);
        expect(p1.map((c) => c.slice(0, 5))).toEqual([
          ['ADDED', 'p1', '0/1', 'Pending', '0'], ['MODIFIED', 'p1', '0/1', 'Pending', '0'], ['DELETED', 'p1', '0/1', 'Pending', '0'],
        ]);
      } finally {
        await w.stop();
      }
    });

    it('a plain -w prints one row per change, and --show-labels shows what each change did', async () => {
      const w = watchKubectl(cluster, ['get', 'pods', '-w', '--show-labels', '-n', 'watched']);
      try {
        await w.waitForLine(/^anchor\s/);
        expect(cells(w.lines[0]!)).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'LABELS']);
        ok(await kubectl(['run', 'p2', '--image=posquit0/doraemon', '-n', 'watched']));
        await w.waitForLine(/^p2\s.*\srun=p2$/);
        ok(await kubectl(['label', 'pod', 'p2', 'app=hello', '-n', 'watched']));
        await w.waitForLine(/^p2\s.*\sapp=hello,run=p2$/);
        ok(await kubectl(['delete', 'pod', 'p2', '-n', 'watched']));
        await w.waitForLine(/^p2\s/, { from: w.lines.findIndex((l) => l.endsWith('app=hello,run=p2')) + 1 });
        expect(w.lines.filter((l) => l.startsWith('p2 ')).map((l) => cells(l).at(-1))).toEqual(['run=p2', 'app=hello,run=p2', 'app=hello,run=p2']);
      } finally {
        await w.stop();
      }
    });

    it('get pod NAME -w starts from the current object and follows it', async () => {
      ok(await kubectl(['run', 'single', '--image=posquit0/doraemon', '-n', 'watched']));
      const w = watchKubectl(cluster, ['get', 'pod', 'single', '-w', '--show-labels', '-n', 'watched']);
      try {
        await w.waitForLine(/^single\s.*\srun=single$/);
        ok(await kubectl(['label', 'pod', 'single', 'step=two', '-n', 'watched']));
        await w.waitForLine(/^single\s.*\srun=single,step=two$/);
        expect(w.lines.filter((l) => l.startsWith('single '))).toHaveLength(2);
      } finally {
        await w.stop();
      }
    });

    it('get pods -A -w sees a pod created in any namespace, under its NAMESPACE', async () => {
      const w = watchKubectl(cluster, ['get', 'pods', '-A', '-w']);
      try {
        await w.waitForLine(/^watched\s+anchor\s/);
        expect(cells(w.lines[0]!)).toEqual(['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
        ok(await kubectl(['run', 'far', '--image=posquit0/doraemon', '-n', 'elsewhere']));
        expect(cells(await w.waitForLine(/^elsewhere\s+far\s/)).slice(0, 4)).toEqual(['elsewhere', 'far', '0/1', 'Pending']);
      } finally {
        await w.stop();
      }
    });
  });
});
