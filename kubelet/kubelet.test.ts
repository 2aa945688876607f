/**
 * The kubelet against an in-memory apiserver (lib/client/testing) and a fake runtime: registration,
 * a pod brought to Running with the events a real node records, restarts into CrashLoopBackOff, an
 * unknown image, deletion, and a restart of the kubelet that re-adopts its containers. No network; the
 * root directory is a temporary one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../lib/api/types.js';
import { EVENTS, LEASES, NODES, PODS, SERVICES } from '../lib/client/resource-refs.js';
import { fakeCluster, type FakeCluster } from '../lib/client/testing/fake-cluster.js';
import { silentLogger } from '../lib/log.js';
import type { KubeletConfig } from './config.js';
import { Kubelet } from './kubelet.js';
import type { HostInfo } from './node/host-info.js';
import type { Pod } from './pods/types.js';
import { FakeImages, FakeRuntime } from './testing/fake-runtime.js';

const host: HostInfo = { cpus: 4, memoryBytes: 8 * 2 ** 30, diskBytes: 2 ** 34, kernelVersion: '6.1', osImage: 'Test', operatingSystem: 'linux', architecture: 'amd64', machineID: 'm', bootID: 'b', systemUUID: 'u' };

async function eventually<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('Kubelet', () => {
  let cluster: FakeCluster;
  let runtime: FakeRuntime;
  let rootDir: string;
  let kubelets: Kubelet[];
  const decisions: object[] = [];

  function config(): KubeletConfig {
    return {
      nodeName: 'node-1', nodeIP: '127.0.1.1', podCIDR: '127.244.1.0/24', rootDir, cpu: 4, memoryBytes: 8 * 2 ** 30, maxPods: 110,
      imagePullDelayMs: 10, crashLoopBackOff: { initialMs: 300, maxMs: 2000 }, imagePullBackOff: { initialMs: 300, maxMs: 2000 },
      nodeStatusUpdateFrequencyMs: 100, nodeStatusReportFrequencyMs: 60_000, nodeLeaseDurationSeconds: 4, syncFrequencyMs: 60_000,
      heartbeatMs: 60_000, logMaxBytes: 1024, logMaxFiles: 1,
    };
  }

  async function startKubelet(): Promise<Kubelet> {
    const k = new Kubelet({ config: config(), host, api: cluster.api, runtime, images: new FakeImages(), log: silentLogger(), publish: (_kind, r) => decisions.push(r) });
    kubelets.push(k);
    await k.start();
    return k;
  }

  const pod = (name: string, containers: { name: string; image: string }[], extra: Partial<Pod['spec']> = {}): KubeObject => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' },
    spec: { nodeName: 'node-1', restartPolicy: 'Always', terminationGracePeriodSeconds: 30, containers: containers.map((c) => ({ ...c, imagePullPolicy: 'IfNotPresent' })), ...extra },
    status: { phase: 'Pending', qosClass: 'BestEffort' },
  });
  const getPod = () => cluster.api.get<Pod>(PODS, 'default', 'hello');
  const events = async () => (await cluster.api.list(EVENTS, { namespace: 'default' })).items.filter((e) => e.involvedObject.kind === 'Pod');
  const messages = async () => (await events()).map((e) => `${e.reason}: ${e.message}`);

  beforeEach(() => {
    cluster = fakeCluster();
    runtime = new FakeRuntime();
    rootDir = mkdtempSync(join(tmpdir(), 'kubelet-test-'));
    kubelets = [];
  });

  afterEach(async () => {
    for (const k of kubelets) await k.stop();
    cluster.server.crash();
    rmSync(rootDir, { recursive: true, force: true });
  });

  it('registers its Node with a Ready condition and renews its Lease', async () => {
    await startKubelet();
    const node = await cluster.api.get(NODES, undefined, 'node-1');
    expect(node.status.conditions.find((c: { type: string }) => c.type === 'Ready')).toMatchObject({ status: 'True', reason: 'KubeletReady' });
    const lease = await eventually('the lease', () => cluster.api.get(LEASES, 'kube-node-lease', 'node-1').catch(() => undefined));
    expect(lease.spec).toMatchObject({ holderIdentity: 'node-1', leaseDurationSeconds: 4 });
    const nodeEvents = (await cluster.api.list(EVENTS, { namespace: 'default' })).items.map((e) => e.reason);
    expect(nodeEvents).toEqual(expect.arrayContaining(['Starting', 'NodeHasSufficientMemory', 'NodeReady']));
  });

  it('runs the hello pod to Running 2/2 and records the events of a real node', async () => {
    await startKubelet();
    await cluster.api.create(PODS, 'default', pod('hello', [{ name: 'nginx', image: 'nginxdemos/hello:plain-text' }, { name: 'debug', image: 'posquit0/doraemon:latest' }]));
    const running = await eventually('Running', async () => ((await getPod()).status?.containerStatuses?.every((c) => c.ready) ? getPod() : undefined));
    expect(running.status).toMatchObject({ phase: 'Running', podIP: '127.244.1.2', hostIP: '127.0.1.1' });
    expect(runtime.specs.get(runtime.running('nginx')[0]!.id)!.env).toMatchObject({ HOSTNAME: 'hello', PATH: '/toolbox:/usr/bin' });
    const seen = await eventually('Started events', async () => ((await messages()).filter((m) => m.startsWith('Started')).length === 2 ? messages() : undefined));
    expect(seen).toEqual(expect.arrayContaining([
      'Pulling: Pulling image "nginxdemos/hello:plain-text"', 'Created: Created container nginx', 'Started: Started container nginx', 'Started: Started container debug',
    ]));
    expect(seen.find((m) => m.startsWith('Pulled: Successfully pulled image "nginxdemos/hello:plain-text" in '))).toMatch(/Image size: 1000 bytes\.$/);
    expect(decisions).toContainEqual(expect.objectContaining({ kind: 'PodSyncDecision', pod: 'default/hello' }));
  });

  it('restarts a crashing container, then backs off into CrashLoopBackOff', async () => {
    await startKubelet();
    await cluster.api.create(PODS, 'default', pod('hello', [{ name: 'nginx', image: 'nginxdemos/hello:plain-text' }]));
    const first = await eventually('a running container', () => runtime.running('nginx')[0]);
    runtime.exit(first.id, 1);
    const second = await eventually('an immediate restart', () => runtime.running('nginx').find((c) => c.restartCount === 1));
    runtime.exit(second.id, 1);
    const waiting = await eventually('CrashLoopBackOff', async () => {
      const s = (await getPod()).status?.containerStatuses?.[0];
      return s?.state.waiting?.reason === 'CrashLoopBackOff' ? s : undefined;
    });
    expect(waiting.state.waiting!.message).toMatch(/^back-off 300ms restarting failed container=nginx pod=hello_default\(/);
    expect(waiting.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(waiting.restartCount).toBe(1);
    await eventually('the restart after the back-off', () => runtime.running('nginx').find((c) => c.restartCount === 2));
    expect((await messages()).some((m) => /^BackOff: Back-off restarting failed container nginx in pod hello_default\(/.test(m))).toBe(true);
  });

  it('reports ErrImagePull, then ImagePullBackOff, for an unknown image', async () => {
    await startKubelet();
    await cluster.api.create(PODS, 'default', pod('hello', [{ name: 'app', image: 'nosuch/image:1' }]));
    const reasons = new Set<string>();
    await eventually('both waiting reasons', async () => {
      const r = (await getPod()).status?.containerStatuses?.[0]?.state.waiting?.reason;
      if (r) reasons.add(r);
      return reasons.has('ErrImagePull') && reasons.has('ImagePullBackOff');
    });
    const m = await messages();
    expect(m).toEqual(expect.arrayContaining([
      'Failed: Failed to pull image "nosuch/image:1": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nosuch/image:1": not found',
      'Failed: Error: ErrImagePull', 'BackOff: Back-off pulling image "nosuch/image:1"', 'Failed: Error: ImagePullBackOff',
    ]));
    expect((await getPod()).status?.phase).toBe('Pending');
  });

  it('shows InvalidImageName for a malformed image reference', async () => {
    await startKubelet();
    await cluster.api.create(PODS, 'default', pod('hello', [{ name: 'app', image: 'Nginx' }]));
    const waiting = await eventually('InvalidImageName', async () => (await getPod()).status?.containerStatuses?.[0]?.state.waiting);
    expect(waiting).toEqual({ reason: 'InvalidImageName', message: 'Failed to apply default image tag "Nginx": couldn\'t parse image reference "Nginx": invalid reference format' });
  });

  it('restarts a container whose liveness probe fails, and tracks readiness', async () => {
    await startKubelet();
    runtime.monitorDelayMs = 100;
    let healthy = false;
    // The first instance fails its liveness probe; readiness fails until `healthy`.
    runtime.execHandler = (c, argv) => {
      if (argv[0] === 'live' && c.restartCount === 0) return { exitCode: 1, output: 'boom', timedOut: false };
      if (argv[0] === 'ready' && !healthy) return { exitCode: 1, output: 'not yet', timedOut: false };
      return { exitCode: 0, output: '', timedOut: false };
    };
    const spec = pod('hello', [{ name: 'nginx', image: 'nginxdemos/hello:plain-text' }]);
    spec.spec.containers[0].livenessProbe = { exec: { command: ['live'] }, periodSeconds: 1, failureThreshold: 1 };
    spec.spec.containers[0].readinessProbe = { exec: { command: ['ready'] }, periodSeconds: 1 };
    await cluster.api.create(PODS, 'default', spec);
    await eventually('the liveness restart', () => runtime.running('nginx').find((c) => c.restartCount === 1));
    expect(await messages()).toEqual(expect.arrayContaining([
      'Unhealthy: Liveness probe failed: boom', 'Unhealthy: Readiness probe failed: not yet', 'Killing: Container nginx failed liveness probe, will be restarted',
    ]));
    expect((await getPod()).status?.containerStatuses?.[0]?.ready).toBe(false);
    expect(runtime.calls.filter((c) => c.startsWith('stop'))).toHaveLength(1);
    healthy = true;
    const ready = await eventually('ready', async () => ((await getPod()).status?.containerStatuses?.[0]?.ready ? getPod() : undefined));
    expect(ready.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
  });

  it('stops the containers of a pod marked for deletion, then deletes it', async () => {
    await startKubelet();
    await cluster.api.create(PODS, 'default', pod('hello', [{ name: 'nginx', image: 'nginxdemos/hello:plain-text' }], { terminationGracePeriodSeconds: 5 }));
    await eventually('a running container', () => runtime.running('nginx')[0]);
    const current = await getPod();
    cluster.server.write(PODS, { ...current, metadata: { ...current.metadata, deletionTimestamp: new Date(Date.now() + 5000).toISOString(), deletionGracePeriodSeconds: 5 } });
    await eventually('the pod to be deleted', () => getPod().then(() => undefined, () => true));
    expect(runtime.calls).toContain('stop nginx 5000ms');
    expect((await messages())).toContain('Killing: Stopping container nginx');
    await eventually('the containers to be removed', () => runtime.containers.size === 0);
  });

  it('runs the preStop hook before stopping, and gives the containers the service variables', async () => {
    await cluster.api.create(SERVICES, 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes', namespace: 'default' }, spec: { clusterIP: '127.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP' }] } });
    await startKubelet();
    const spec = pod('hello', [{ name: 'nginx', image: 'nginxdemos/hello:plain-text' }], { terminationGracePeriodSeconds: 5 });
    spec.spec.containers[0].lifecycle = { preStop: { exec: { command: ['nginx', '-s', 'quit'] } } };
    await cluster.api.create(PODS, 'default', spec);
    const c = await eventually('a running container', () => runtime.running('nginx')[0]);
    expect(runtime.specs.get(c.id)!.env).toMatchObject({ KUBERNETES_SERVICE_HOST: '127.96.0.1', KUBERNETES_SERVICE_PORT: '443', KUBERNETES_PORT_443_TCP: 'tcp://127.96.0.1:443' });
    const current = await getPod();
    cluster.server.write(PODS, { ...current, metadata: { ...current.metadata, deletionTimestamp: new Date(Date.now() + 5000).toISOString(), deletionGracePeriodSeconds: 5 } });
    await eventually('the pod to be deleted', () => getPod().then(() => undefined, () => true));
    expect(runtime.calls.filter((x) => !x.startsWith('start') && !x.startsWith('remove'))).toEqual(['exec nginx nginx -s quit', 'stop nginx 5000ms']);
  });

  it('stops and removes the containers of a pod the API no longer has', async () => {
    await runtime.startContainer({
      id: 'f'.repeat(64), podUID: 'gone', podName: 'old', namespace: 'default', containerName: 'app', restartCount: 0, image: 'x',
      program: { kind: 'builtin', name: 'x' }, argv: [], env: {}, podIP: '127.244.1.9', hostname: 'old', tty: false, stdin: false, stdinOnce: false,
      logPath: '/dev/null', logMaxBytes: 0, logMaxFiles: 0,
    });
    await startKubelet();
    await eventually('the orphan to be removed', () => runtime.containers.size === 0);
    expect(runtime.calls).toEqual(['start app#0', 'stop app 2000ms', 'remove app']);
  });

  it('re-adopts running containers after a restart: nothing started twice, restartCount kept', async () => {
    const first = await startKubelet();
    await cluster.api.create(PODS, 'default', pod('hello', [{ name: 'nginx', image: 'nginxdemos/hello:plain-text' }]));
    const c = await eventually('a running container', () => runtime.running('nginx')[0]);
    await eventually('Running', async () => ((await getPod()).status?.phase === 'Running' ? true : undefined));
    await first.stop();
    expect(runtime.running('nginx')).toHaveLength(1);
    const startsBefore = runtime.calls.filter((x) => x.startsWith('start')).length;
    await startKubelet();
    await new Promise((r) => setTimeout(r, 300));
    expect(runtime.calls.filter((x) => x.startsWith('start')).length).toBe(startsBefore);
    expect(runtime.running('nginx').map((x) => x.id)).toEqual([c.id]);
    expect((await getPod()).status?.containerStatuses?.[0]).toMatchObject({ restartCount: 0, ready: true, containerID: `kubelab://${c.id}` });
  });
});
