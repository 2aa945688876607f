/**
 * The workloads tutorial (../shared/seed) typed into the real, unmodified kubectl v1.32, with its
 * default client-side validation: every manifest applies, re-applies as "unchanged" and takes a changed
 * version as a strategic merge patch; `get` prints the columns a real cluster prints for each kind and
 * output form; describe, edit, delete, run, scale, label, annotate and the three patch types behave
 * as they do against kube-apiserver. Pods stay Pending: no scheduler or kubelet runs in this cluster.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT, startCluster, type Cluster } from './harness/cluster.js';
import { createNamespace, ok, RECENT_AGE, row, shell, table } from './support/kubectl.js';

const MANIFESTS = resolve(REPO_ROOT, '..', 'shared', 'seed', 'manifests');
const manifest = (file: string) => join(MANIFESTS, file);
/** kubectl's name for each kind in "<resource>[.<group>]/<name> created". */
const PRINTED = { Pod: 'pod', Service: 'service', Deployment: 'deployment.apps', ReplicaSet: 'replicaset.apps' } as const;

describe('the tutorial, with the real kubectl', () => {
  let cluster: Cluster;
  const kubectl = (args: string[], opts?: Parameters<Cluster['kubectl']>[1]) => cluster.kubectl(args, opts);
  const json = async (args: string[]) => JSON.parse(ok(await kubectl([...args, '-o', 'json']))) as Record<string, any>;

  beforeAll(async () => {
    cluster = await startCluster({ without: ['scheduler', 'kubelets'] });
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('kubectl version: the dispatcher runs its 1.32 client against a 1.32 server', async () => {
    const out = ok(await kubectl(['version']));
    expect(out).toMatch(/^Client Version: v1\.32\.4/m);
    expect(out).toMatch(/^Server Version: v1\.32\.\d+/m);
    const v = JSON.parse(ok(await kubectl(['version', '-o', 'json']))) as { serverVersion: Record<string, string> };
    expect(v.serverVersion).toMatchObject({ major: '1', minor: '32' });
  });

  it('kubectl api-resources lists the served kinds, and | grep pod finds pods', async () => {
    const t = table(ok(await kubectl(['api-resources'])));
    expect(t.header).toEqual(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']);
    for (const r of [
      ['pods', 'po', 'v1', 'true', 'Pod'], ['services', 'svc', 'v1', 'true', 'Service'], ['endpoints', 'ep', 'v1', 'true', 'Endpoints'],
      ['events', 'ev', 'v1', 'true', 'Event'], ['nodes', 'no', 'v1', 'false', 'Node'], ['namespaces', 'ns', 'v1', 'false', 'Namespace'],
      ['deployments', 'deploy', 'apps/v1', 'true', 'Deployment'], ['replicasets', 'rs', 'apps/v1', 'true', 'ReplicaSet'],
    ]) expect(t.rows).toContainEqual(r);
    const grep = ok(await shell(cluster, 'kubectl api-resources | grep pod')).trimEnd().split('\n');
    expect(grep.every((l) => l.includes('pod'))).toBe(true);
    expect(grep).toContainEqual(expect.stringMatching(/^pods\s+po\s+v1\s+true\s+Pod$/));
  });

  it('kubectl cluster-info dump | grep -m 1 service-cluster-ip-range prints the service CIDR flag', async () => {
    const { serviceClusterIPRange } = JSON.parse(readFileSync(join(cluster.dir, 'cluster.json'), 'utf8')) as { serviceClusterIPRange: string };
    const out = ok(await shell(cluster, 'kubectl cluster-info dump | grep -m 1 service-cluster-ip-range'));
    expect(out.trim()).toBe(`"--service-cluster-ip-range=${serviceClusterIPRange}",`);
  });

  it('kubectl apply -f creates every seed manifest, and applying it again changes nothing', async () => {
    const files = readdirSync(MANIFESTS).filter((f) => f.endsWith('.yaml')).sort();
    expect(files).toContain('multi.yaml');
    for (const file of files) {
      // One namespace per manifest: the two Service manifests both name "hello".
      const ns = `seed-${file.replace(/\.yaml$/, '')}`;
      const doc = parse(readFileSync(manifest(file), 'utf8')) as { kind: keyof typeof PRINTED; metadata: { name: string } };
      expect(PRINTED, `a kind this story knows, in ${file}`).toHaveProperty(doc.kind);
      const printed = `${PRINTED[doc.kind]}/${doc.metadata.name}`;
      await createNamespace(cluster, ns);
      const first = await kubectl(['apply', '-f', manifest(file), '-n', ns]);
      expect({ file, stderr: first.stderr, stdout: first.stdout }).toEqual({ file, stderr: '', stdout: `${printed} created\n` });
      const again = await kubectl(['apply', '-f', manifest(file), '-n', ns]);
      expect({ file, stderr: again.stderr, stdout: again.stdout }).toEqual({ file, stderr: '', stdout: `${printed} unchanged\n` });
      // The server kept kubectl's record of what was applied (the manifest, namespaced), verbatim.
      const live = await json(['get', printed.split('/')[0]!, doc.metadata.name, '-n', ns]);
      const lastApplied = JSON.parse(live.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']) as unknown;
      expect(lastApplied).toEqual({ ...doc, metadata: { ...doc.metadata, annotations: {}, namespace: ns } });
    }
  });

  it('kubectl apply -f of a changed manifest patches the live object: "configured"', async () => {
    const edited = (file: string, from: string, to: string) => {
      const path = join(cluster.dir, `changed-${file}`);
      writeFileSync(path, readFileSync(manifest(file), 'utf8').replace(from, to));
      return path;
    };
    const multi = edited('multi.yaml', 'posquit0/doraemon:latest', 'posquit0/doraemon:v2');
    expect(ok(await kubectl(['apply', '-f', multi, '-n', 'seed-multi']))).toBe('pod/hello configured\n');
    const pod = await json(['get', 'pod', 'hello', '-n', 'seed-multi']);
    // A strategic merge patch keyed on container name: nginx untouched, debug's image replaced.
    expect(pod.spec.containers.map((c: { name: string; image: string }) => `${c.name}=${c.image}`)).toEqual(['nginx=nginxdemos/hello:plain-text', 'debug=posquit0/doraemon:v2']);
    expect(pod.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toContain('posquit0/doraemon:v2');

    const deploy = edited('hello-deployment.yaml', 'replicas: 2', 'replicas: 3');
    expect(ok(await kubectl(['apply', '-f', deploy, '-n', 'seed-hello-deployment']))).toBe('deployment.apps/hello configured\n');
    const d = await json(['get', 'deploy', 'hello', '-n', 'seed-hello-deployment']);
    expect({ replicas: d.spec.replicas, generation: d.metadata.generation }).toEqual({ replicas: 3, generation: 2 });

    // The tutorial's second Service manifest over the first: ClusterIP becomes NodePort, the IP stays.
    const before = row(table(ok(await kubectl(['get', 'svc', 'hello', '-n', 'seed-service-clusterip']))), 'hello');
    expect(ok(await kubectl(['apply', '-f', manifest('service-nodeport.yaml'), '-n', 'seed-service-clusterip']))).toBe('service/hello configured\n');
    const after = row(table(ok(await kubectl(['get', 'svc', 'hello', '-n', 'seed-service-clusterip']))), 'hello');
    expect(after).toMatchObject({ TYPE: 'NodePort', 'CLUSTER-IP': before['CLUSTER-IP'], 'EXTERNAL-IP': '<none>' });
    expect(after['PORT(S)']).toMatch(/^8080:(3[0-2]\d{3})\/TCP$/);
  });

  describe('a pod from multi.yaml', () => {
    const ns = 'pod-story';

    beforeAll(async () => {
      await createNamespace(cluster, ns);
      expect(ok(await kubectl(['apply', '-f', manifest('multi.yaml'), '-n', ns]))).toBe('pod/hello created\n');
    });

    it('kubectl describe pod hello shows its containers, defaults and the events about it', async () => {
      const uid = (await json(['get', 'pod', 'hello', '-n', ns])).metadata.uid as string;
      const seconds = (s: number) => new Date(Date.now() - s * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
      const event = (name: string, objectUid: string, message: string) => ({
        apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: ns },
        involvedObject: { apiVersion: 'v1', kind: 'Pod', name: 'hello', namespace: ns, uid: objectUid },
        reason: 'Scheduled', message, type: 'Normal', source: { component: 'default-scheduler' },
        count: 1, firstTimestamp: seconds(90), lastTimestamp: seconds(90),
      });
      // describe asks for the events of this very pod (by uid): the one about an earlier "hello" stays out.
      ok(await kubectl(['create', '-f', '-'], { input: JSON.stringify(event('hello.1', uid, `Successfully assigned ${ns}/hello to node-a`)) }));
      ok(await kubectl(['create', '-f', '-'], { input: JSON.stringify(event('hello.0', 'an-earlier-uid', 'about an earlier pod')) }));

      const out = ok(await kubectl(['describe', 'pod', 'hello', '-n', ns]));
      for (const line of [
        'Name:             hello', `Namespace:        ${ns}`, 'Priority:         0', 'Service Account:  default',
        'Node:             <none>', 'Labels:           <none>', 'Annotations:      <none>', 'Status:           Pending',
        'Containers:', '  nginx:', '    Image:        nginxdemos/hello:plain-text', '    Port:         80/TCP',
        '    Host Port:    0/TCP', '  debug:', '    Image:        posquit0/doraemon:latest', '    Port:         <none>',
        'QoS Class:        BestEffort', 'Node-Selectors:   <none>',
        'Tolerations:      node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
        '                  node.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
      ]) expect(out.split('\n')).toContain(line);
      expect(out).toMatch(/^Events:\n {2}Type {4}Reason {5}Age {3}From {15}Message\n/m);
      expect(out).toMatch(new RegExp(`^ {2}Normal {2}Scheduled {2}\\d+s {3}default-scheduler {2}Successfully assigned ${ns}/hello to node-a$`, 'm'));
      expect(out).not.toContain('about an earlier pod');
    });

    it('kubectl edit pod hello saves what the editor changed, and EDITOR=true cancels', async () => {
      const rv = (await json(['get', 'pod', 'hello', '-n', ns])).metadata.resourceVersion as string;
      const cancelled = await kubectl(['edit', 'pod', 'hello', '-n', ns], { env: { EDITOR: 'true' } });
      expect(cancelled).toMatchObject({ code: 0, stdout: '', stderr: 'Edit cancelled, no changes made.\n' });
      expect((await json(['get', 'pod', 'hello', '-n', ns])).metadata.resourceVersion).toBe(rv);

      const edited = await kubectl(['edit', 'pod', 'hello', '-n', ns], { env: { EDITOR: 'sed -i s#doraemon:latest#doraemon:v2#' } });
      expect(edited).toMatchObject({ code: 0, stdout: 'pod/hello edited\n', stderr: '' });
      const images = ok(await kubectl(['get', 'pod', 'hello', '-n', ns, '-o', 'jsonpath={.spec.containers[*].image}']));
      expect(images).toBe('nginxdemos/hello:plain-text posquit0/doraemon:v2');
    });

    it('kubectl delete pod/hello and kubectl delete -f multi.yaml remove the pod; a second delete is NotFound', async () => {
      expect(ok(await kubectl(['delete', 'pod/hello', '-n', ns]))).toBe('pod "hello" deleted\n');
      expect(await kubectl(['get', 'pod', 'hello', '-n', ns])).toMatchObject({ code: 1, stderr: 'Error from server (NotFound): pods "hello" not found\n' });

      expect(ok(await kubectl(['apply', '-f', manifest('multi.yaml'), '-n', ns]))).toBe('pod/hello created\n');
      expect(ok(await kubectl(['delete', '-f', manifest('multi.yaml'), '-n', ns]))).toBe('pod "hello" deleted\n');
      const again = await kubectl(['delete', '-f', manifest('multi.yaml'), '-n', ns]);
      expect(again).toMatchObject({ code: 1, stdout: '', stderr: `Error from server (NotFound): error when deleting "${manifest('multi.yaml')}": pods "hello" not found\n` });
    });

    it('kubectl run test --image=posquit0/doraemon creates a pod labelled run=test', async () => {
      expect(ok(await kubectl(['run', 'test', '--image=posquit0/doraemon', '-n', ns]))).toBe('pod/test created\n');
      const pod = await json(['get', 'pod', 'test', '-n', ns]);
      expect(pod.metadata.labels).toEqual({ run: 'test' });
      expect(pod.spec.containers).toMatchObject([{ name: 'test', image: 'posquit0/doraemon', imagePullPolicy: 'Always' }]);
      expect(pod.status.phase).toBe('Pending');
      const r = row(table(ok(await kubectl(['get', 'pods', '-n', ns]))), 'test');
      expect(r).toMatchObject({ READY: '0/1', STATUS: 'Pending', RESTARTS: '0' });
      expect(r.AGE).toMatch(RECENT_AGE);
    });
  });
});
