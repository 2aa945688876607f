/**
 * The scheduler as a user meets it, before kubelets exist: Node objects are registered by hand (Ready,
 * with allocatable), scheduler processes run from the build, and kubectl shows the outcome. A pod gets a
 * node and a `Scheduled` event; a pod that fits nowhere gets `FailedScheduling` with kube-scheduler's
 * exact message and waits until a node that fits appears; two replicas share one lease and the standby
 * takes over when the leader is killed; every decision is published for observers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../lib/api/types.js';
import { ApiClient } from '../lib/client/api-client.js';
import { NatsTransport } from '../lib/client/nats-transport.js';
import { NODES } from '../lib/client/resource-refs.js';
import { silentLogger } from '../lib/log.js';
import { connectNats, readCredentials } from '../lib/nats/connection.js';
import { subjects } from '../lib/nats/subjects.js';
import { REPO_ROOT, startCluster, type Cluster } from './harness/cluster.js';
import { eventually as waitFor } from './harness/eventually.js';

const SCHEDULER = join(REPO_ROOT, 'dist', 'scheduler', 'main.js');

function node(name: string, cpu: string, extra: { taints?: unknown[]; labels?: Record<string, string> } = {}): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...extra.labels } },
    spec: extra.taints ? { taints: extra.taints } : {},
    status: {
      capacity: { cpu, memory: '4Gi', pods: '110' },
      allocatable: { cpu, memory: '4Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z') }],
    },
  };
}

const eventually = <T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 20_000) => waitFor(what, fn, timeoutMs);

describe('the scheduler', () => {
  let cluster: Cluster;
  let nc: NatsConnection;
  let api: ApiClient;
  const schedulers = new Map<string, ChildProcess>();
  const exits = new Map<string, Promise<number | null>>();

  function startScheduler(id: string): void {
    const child = spawn(process.execPath, [SCHEDULER, '--credentials', join(cluster.dir, 'credentials', 'scheduler.json'), '--profile', 'fast', '--id', id, '--log-format', 'json'], { stdio: ['ignore', 'ignore', 'pipe'] });
    schedulers.set(id, child);
    exits.set(id, new Promise((resolve) => child.on('exit', (code) => resolve(code))));
  }

  const kubectlJson = async (args: string[]) => {
    const r = await cluster.kubectl([...args, '-o', 'json']);
    if (r.code !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout) as KubeObject;
  };
  const nodeOf = async (pod: string) => ((await kubectlJson(['get', 'pod', pod])).spec.nodeName as string | undefined) || undefined;
  const eventsFor = async (pod: string) =>
    ((await kubectlJson(['get', 'events', '--field-selector', `involvedObject.name=${pod}`])).items as KubeObject[]);
  const holder = async () => ((await kubectlJson(['get', 'lease', '-n', 'kube-system', 'kube-scheduler'])).spec?.holderIdentity as string | undefined) || undefined;

  beforeAll(async () => {
    cluster = await startCluster({ without: ['scheduler', 'kubelets'] });
    const creds = await readCredentials(join(cluster.dir, 'credentials', 'kubelet.json'));
    nc = await connectNats({ ...creds, name: 'e2e-kubelet', log: silentLogger(), waitOnFirstConnect: false });
    api = new ApiClient({ transport: new NatsTransport(nc, { log: silentLogger() }), user: creds.user });
    // What kubelets will do: register their nodes, here one tainted control plane and two small workers.
    await api.create(NODES, undefined, node('control-plane', '4', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }));
    await api.create(NODES, undefined, node('node-1', '1'));
    await api.create(NODES, undefined, node('node-2', '1'));
    startScheduler('sched-a');
    startScheduler('sched-b');
  });

  afterAll(async () => {
    for (const child of schedulers.values()) if (child.exitCode === null) child.kill('SIGKILL');
    await nc?.close();
    await cluster?.stop();
  });

  it('elects one leader among two replicas', async () => {
    const leader = await eventually('a lease holder', holder);
    expect(['sched-a', 'sched-b']).toContain(leader);
  });

  it('binds a pod to a worker and records Scheduled, publishing the decision', async () => {
    const observer = await connectNats({ ...(await readCredentials(join(cluster.dir, 'credentials', 'observer.json'))), name: 'e2e-observer', log: silentLogger(), waitOnFirstConnect: false });
    const decisions: KubeObject[] = [];
    observer.subscribe(subjects().observe('decision', 'scheduler'), { callback: (_e, msg) => { decisions.push(msg.json()); } });
    await observer.flush();

    const run = await cluster.kubectl(['run', 'hello', '--image=nginxdemos/hello:plain-text']);
    expect(run.stderr).toBe('');
    const nodeName = await eventually('hello to be bound', () => nodeOf('hello'));
    expect(['node-1', 'node-2']).toContain(nodeName);
    const scheduled = await eventually('a Scheduled event', async () => (await eventsFor('hello')).find((e) => e.reason === 'Scheduled'));
    expect(scheduled).toMatchObject({ type: 'Normal', message: `Successfully assigned default/hello to ${nodeName}`, source: { component: 'default-scheduler' } });
    const cond = (await kubectlJson(['get', 'pod', 'hello'])).status.conditions.find((c: { type: string }) => c.type === 'PodScheduled');
    expect(cond).toMatchObject({ status: 'True' });

    const decision = await eventually('a published decision', async () => decisions.find((d) => d.pod === 'default/hello'));
    expect(decision).toMatchObject({ result: 'scheduled', node: nodeName });
    expect(decision.nodes).toContainEqual(expect.objectContaining({ node: 'control-plane', filter: expect.objectContaining({ plugin: 'TaintToleration' }) }));
    await observer.close();
  });

  it('reports a pod that fits nowhere with the v1.32 message, and binds it once a node fits', async () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'big' }, spec: { containers: [{ name: 'c', image: 'nginxdemos/hello:plain-text', resources: { requests: { cpu: '2' } } }] } };
    const created = await cluster.kubectl(['create', '-f', '-'], { input: JSON.stringify(pod) });
    expect(created.stderr).toBe('');
    const message = '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. '
      + 'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';
    const failed = await eventually('FailedScheduling', async () => (await eventsFor('big')).find((e) => e.reason === 'FailedScheduling'));
    expect(failed).toMatchObject({ type: 'Warning', message });
    const cond = (await kubectlJson(['get', 'pod', 'big'])).status.conditions.find((c: { type: string }) => c.type === 'PodScheduled');
    expect(cond).toMatchObject({ status: 'False', reason: 'Unschedulable', message });
    const table = await cluster.kubectl(['get', 'events', '--field-selector', 'involvedObject.name=big']);
    expect(table.stdout).toMatch(/Warning\s+FailedScheduling\s+pod\/big\s+0\/3 nodes are available/);

    await api.create(NODES, undefined, node('node-3', '4'));
    expect(await eventually('big to be bound', () => nodeOf('big'), 10_000)).toBe('node-3');
  });

  it('hands over to the standby when the leader is killed', async () => {
    const leader = (await holder())!;
    const standby = leader === 'sched-a' ? 'sched-b' : 'sched-a';
    schedulers.get(leader)!.kill('SIGKILL');
    // Fast profile: a 4 s lease, retried every second.
    expect(await eventually('the standby to take the lease', async () => ((await holder()) === standby ? standby : undefined), 15_000)).toBe(standby);
    const run = await cluster.kubectl(['run', 'after-failover', '--image=nginxdemos/hello:plain-text']);
    expect(run.stderr).toBe('');
    expect(await eventually('after-failover to be bound', () => nodeOf('after-failover'))).toMatch(/^node-/);
  });

  it('releases the lease and exits 0 on SIGTERM', async () => {
    const leader = (await holder())!;
    schedulers.get(leader)!.kill('SIGTERM');
    expect(await exits.get(leader)).toBe(0);
    expect(await holder()).toBeUndefined();
  });
});
