/**
 * The kubelet as a user meets it: a cluster from the launcher, the scheduler and one kubelet process
 * from the build, and the real kubectl. `multi.yaml` reaches `2/2 Running` with the events a real node
 * records; the pod answers on its IP; a kubelet stopped with SIGTERM leaves its containers running and
 * its successor re-adopts them (same PIDs, restartCount 0); deleting the pod stops every container
 * process. Every process started here is killed by PID, container shims included (their PIDs are in
 * <root-dir>/containers/<id>/state.json).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../lib/api/types.js';
import { REPO_ROOT, startCluster, type Cluster } from './harness/cluster.js';
import { eventually as waitFor } from './harness/eventually.js';

const SCHEDULER = join(REPO_ROOT, 'dist', 'scheduler', 'main.js');
const KUBELET = join(REPO_ROOT, 'dist', 'kubelet', 'main.js');
const MULTI = '/work/shared/seed/manifests/multi.yaml';

const eventually = <T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000) => waitFor(what, fn, timeoutMs);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function httpGet(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, { timeout: 5000 }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

describe('the kubelet', () => {
  let cluster: Cluster;
  let rootDir: string;
  let nodeIP: string;
  let podCIDR: string;
  let scheduler: ChildProcess | undefined;
  let kubelet: ChildProcess | undefined;
  const stderr: string[] = [];

  function startKubelet(): ChildProcess {
    const child = spawn(process.execPath, [KUBELET, '--node-name', 'node-1', '--credentials', join(cluster.dir, 'credentials', 'kubelet.json'),
      '--node-ip', nodeIP, '--pod-cidr', podCIDR, '--root-dir', rootDir, '--profile', 'fast', '--log-format', 'json'], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()));
    return child;
  }

  async function stopProcess(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  }

  /** pid of every container shim the kubelet started, by container directory. */
  function shimPids(): Map<string, number> {
    const dir = join(rootDir, 'containers');
    const pids = new Map<string, number>();
    if (!existsSync(dir)) return pids;
    for (const id of readdirSync(dir)) {
      try {
        pids.set(id, (JSON.parse(readFileSync(join(dir, id, 'state.json'), 'utf8')) as { pid: number }).pid);
      } catch { /* not started yet, or removed */ }
    }
    return pids;
  }

  const kubectlJson = async (args: string[]) => {
    const r = await cluster.kubectl([...args, '-o', 'json']);
    if (r.code !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout) as KubeObject;
  };

  beforeAll(async () => {
    // This story starts its own scheduler and kubelet, so the launcher starts neither.
    cluster = await startCluster({ without: ['scheduler', 'kubelets'] });
    const config = JSON.parse(readFileSync(join(cluster.dir, 'cluster.json'), 'utf8')) as { podCIDR: string };
    const second = /^127\.(\d+)\.0\.0\/16$/.exec(config.podCIDR)![1];
    podCIDR = `127.${second}.1.0/24`;
    nodeIP = `127.${second}.1.1`;
    rootDir = join(cluster.dir, 'kubelet', 'node-1');
    scheduler = spawn(process.execPath, [SCHEDULER, '--credentials', join(cluster.dir, 'credentials', 'scheduler.json'), '--profile', 'fast'], { stdio: 'ignore' });
    kubelet = startKubelet();
  });

  afterAll(async () => {
    await stopProcess(kubelet, 'SIGKILL');
    await stopProcess(scheduler, 'SIGKILL');
    for (const pid of shimPids().values()) {
      try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
      try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
    }
    await cluster?.stop();
  });

  it('registers a Ready node with its capacity and Lease', async () => {
    const node = await eventually('node-1 Ready', async () => {
      const n = await kubectlJson(['get', 'node', 'node-1']);
      return n.status.conditions.find((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True') ? n : undefined;
    });
    expect(node.status.nodeInfo).toMatchObject({ kubeletVersion: 'v1.32.0-kubelab', containerRuntimeVersion: 'kubelab://0.1.0' });
    expect(node.status.addresses).toContainEqual({ type: 'InternalIP', address: nodeIP });
    expect(node.spec.podCIDR).toBe(podCIDR);
    const lease = await eventually('the node lease', () => kubectlJson(['get', 'lease', '-n', 'kube-node-lease', 'node-1']));
    expect(lease.spec.holderIdentity).toBe('node-1');
  });

  it('runs multi.yaml to 2/2 Running, answering on the pod IP, with the events of a real node', async () => {
    const apply = await cluster.kubectl(['apply', '-f', MULTI]);
    expect(apply.stdout).toContain('pod/hello created');
    await eventually('hello 2/2 Running', async () => {
      const r = await cluster.kubectl(['get', 'pod', 'hello', '--no-headers']);
      return /^hello\s+2\/2\s+Running\s+0\s/.test(r.stdout) ? r.stdout : undefined;
    }, 60_000);
    const pod = await kubectlJson(['get', 'pod', 'hello']);
    expect(pod.status.podIP.startsWith(podCIDR.replace(/0\/24$/, ''))).toBe(true);
    expect(pod.status.hostIP).toBe(nodeIP);
    const body = await eventually('an answer on the pod IP', () => httpGet(`http://${pod.status.podIP}:80/`));
    expect(body).toContain('Server name: hello');
    const events = await kubectlJson(['get', 'events', '--field-selector', 'involvedObject.name=hello']);
    const lines = (events.items as KubeObject[]).filter((e) => e.source?.component === 'kubelet').map((e) => `${e.reason} ${e.message}`);
    expect(lines).toEqual(expect.arrayContaining([
      'Created Created container nginx', 'Started Started container nginx', 'Created Created container debug', 'Started Started container debug',
    ]));
  });

  it('leaves containers running when stopped, and re-adopts them when started again', async () => {
    const before = shimPids();
    expect(before.size).toBe(2);
    await stopProcess(kubelet, 'SIGTERM');
    expect(kubelet!.exitCode).toBe(0);
    for (const pid of before.values()) expect(alive(pid)).toBe(true);
    kubelet = startKubelet();
    await new Promise((r) => setTimeout(r, 3000));
    expect(shimPids()).toEqual(before);
    for (const pid of before.values()) expect(alive(pid)).toBe(true);
    const r = await cluster.kubectl(['get', 'pod', 'hello', '--no-headers']);
    expect(r.stdout).toMatch(/^hello\s+2\/2\s+Running\s+0\s/);
  });

  it('stops every container process when the pod is deleted', async () => {
    const pids = [...shimPids().values()];
    const del = await cluster.kubectl(['delete', 'pod', 'hello', '--wait=true']);
    expect(del.stdout).toContain('pod "hello" deleted');
    await eventually('the container processes to end', async () => (pids.every((pid) => !alive(pid)) ? true : undefined));
    const events = await kubectlJson(['get', 'events', '--field-selector', 'involvedObject.name=hello']);
    expect((events.items as KubeObject[]).filter((e) => e.reason === 'Killing').map((e) => e.message)).toEqual(expect.arrayContaining(['Stopping container nginx', 'Stopping container debug']));
  });
});
