/**
 * The launcher as a user meets it: `kubelab up --nodes 2` brings a cluster up with a scheduler and a
 * Ready kubelet per node, `status` tells the truth about each process and about the containers the
 * kubelets run, the apiserver serves HTTPS with a certificate from the cluster's own CA (so kubectl
 * sends its token), the generated credentials let each component in only where it belongs, a killed
 * apiserver shows as exited and `start` brings it back on the same address, a killed kubelet leaves its
 * containers running, `down` leaves no process behind (container shims included), a cluster started
 * `--without scheduler` keeps its pods Pending until the scheduler is started, and two clusters in two
 * directories run side by side.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComponentCredentials } from '../cli/credentials.js';
import type { KubeObject } from '../lib/api/types.js';
import { firstServiceIP } from '../cli/pki.js';
import { readProcStat } from '../cli/procfs.js';
import { apiGet, startCluster, survivors, type Cluster } from './harness/cluster.js';
import { eventually as waitFor } from './harness/eventually.js';

const eventually = <T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000) => waitFor(what, fn, timeoutMs);

async function kubectlJson(cluster: Cluster, args: string[]): Promise<KubeObject> {
  const r = await cluster.kubectl([...args, '-o', 'json']);
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as KubeObject;
}

const isReady = (node: KubeObject) => (node.status?.conditions as Array<{ type: string; status: string }> | undefined)?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
const runningPod = (cluster: Cluster, name: string) =>
  eventually(`${name} Running`, async () => {
    const pod = await kubectlJson(cluster, ['get', 'pod', name]);
    return pod.status?.phase === 'Running' ? pod : undefined;
  });
const second = (cidr: string) => cidr.split('.')[1];

describe('kubelab up, status, kill, start, down', () => {
  let cluster: Cluster | undefined;

  beforeAll(async () => {
    cluster = await startCluster({ nodes: 2 });
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('starts redis, nats, the apiserver, the scheduler and a kubelet per node, each as its own process', async () => {
    const report = await cluster!.status();
    expect(report.server).toBe(cluster!.server);
    expect(report.components.map((c) => [c.name, c.state])).toEqual([
      ['nats', 'running'],
      ['redis', 'running'],
      ['apiserver-1', 'running'],
      ['scheduler-1', 'running'],
      ['kubelet-node-1', 'running'],
      ['kubelet-node-2', 'running'],
    ]);
    const pids = report.components.map((c) => c.pid!);
    expect(new Set(pids).size).toBe(6);
    for (const pid of pids) expect(readProcStat(pid)?.state).not.toBe('Z');

    const table = await cluster!.cli(['status']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^COMPONENT\s+STATE\s+PID\s+AGE\s+ENDPOINT\n/);
    expect(table.stdout).toMatch(new RegExp(`apiserver-1\\s+running\\s+${pids[2]}\\s`));
    expect(table.stdout).toMatch(new RegExp(`kubelet-node-2\\s+running\\s+${pids[5]}\\s`));
  });

  it('has node-1 and node-2 Ready once up returns, each on its own address with its own pod range', async () => {
    const r = await cluster!.kubectl(['get', 'nodes', '--no-headers']);
    expect(r.stdout).toMatch(/^node-1\s+Ready\s/m);
    expect(r.stdout).toMatch(/^node-2\s+Ready\s/m);
    const config = JSON.parse(readFileSync(join(cluster!.dir, 'cluster.json'), 'utf8')) as { podCIDR: string; nodeAddressRange: string };
    for (const k of [1, 2]) {
      const node = await kubectlJson(cluster!, ['get', 'node', `node-${k}`]);
      expect(node.status.addresses).toContainEqual({ type: 'InternalIP', address: `127.${second(config.nodeAddressRange)}.0.${k}` });
      expect(node.spec.podCIDR).toBe(`127.${second(config.podCIDR)}.${k}.0/24`);
    }
    // The kubelet of node-k was started with exactly that address and range.
    const kubelet2 = (await cluster!.status()).components.find((c) => c.name === 'kubelet-node-2')!;
    expect(kubelet2.endpoint).toBe(`127.${second(config.nodeAddressRange)}.0.2 pods 127.${second(config.podCIDR)}.2.0/24`);
  });

  it('schedules and runs a pod, and status lists its container as a real process', async () => {
    expect((await cluster!.kubectl(['run', 'hello', '--image=nginxdemos/hello:plain-text'])).code).toBe(0);
    const pod = await runningPod(cluster!, 'hello');
    const node = pod.spec.nodeName as string;
    expect(['node-1', 'node-2']).toContain(node);
    const container = (await cluster!.status()).containers.find((c) => c.pod === 'default/hello')!;
    expect(container).toMatchObject({ node, container: 'hello', state: 'running', restartCount: 0 });
    expect(`kubelab://${container.id}`).toBe(pod.status.containerStatuses[0].containerID);
    expect(readProcStat(container.pid!)?.state).not.toBe('Z');
    const table = (await cluster!.cli(['status'])).stdout;
    expect(table).toMatch(/\n\nNODE\s+POD\s+CONTAINER\s+CONTAINER ID\s+STATE\s+RESTARTS\s+PID\s+EXIT\n/);
    expect(table).toMatch(new RegExp(`${node}\\s+default/hello\\s+hello\\s+${container.id.slice(0, 12)}\\s+running\\s+0\\s+${container.pid}\\s`));
  });

  it('a killed kubelet leaves its containers running, and start brings it back Ready', async () => {
    const before = (await cluster!.status()).containers.find((c) => c.pod === 'default/hello')!;
    const kubelet = `kubelet-${before.node}`;
    const kill = await cluster!.cli(['kill', kubelet]);
    expect(kill.stdout).toMatch(new RegExp(`^killed ${kubelet} \\(pid \\d+\\)`));
    const report = await cluster!.status();
    expect(report.components.find((c) => c.name === kubelet)!.state).toBe('exited');
    expect(report.containers.find((c) => c.id === before.id)).toMatchObject({ state: 'running', pid: before.pid });

    const start = await cluster!.cli(['start', kubelet]);
    expect(start).toMatchObject({ code: 0, stdout: `started ${kubelet}\n` });
    expect(isReady(await kubectlJson(cluster!, ['get', 'node', before.node]))).toBe(true);
    // The new kubelet adopts the container: same process, no restart.
    expect((await cluster!.status()).containers.find((c) => c.id === before.id)).toMatchObject({ state: 'running', pid: before.pid });
  });

  it('kills and starts a whole group by its name', async () => {
    const kill = await cluster!.cli(['kill', 'kubelets']);
    expect(kill.stdout).toMatch(/^killed kubelet-node-1 \(pid \d+\)\nkilled kubelet-node-2 \(pid \d+\)\n$/);
    expect((await cluster!.cli(['start', 'kubelets'])).stdout).toBe('started kubelet-node-1\nstarted kubelet-node-2\n');
    expect((await cluster!.cli(['stop', 'scheduler'])).stdout).toMatch(/^stopped scheduler-1 \(pid \d+\)\n$/);
    expect((await cluster!.status()).components.find((c) => c.name === 'scheduler-1')!.state).toBe('stopped');
    expect((await cluster!.cli(['start', 'scheduler'])).code).toBe(0);
    expect((await cluster!.status()).components.every((c) => c.state === 'running')).toBe(true);
  });

  it('serves kubectl through the generated kubeconfig', async () => {
    const r = await cluster!.kubectl(['get', '--raw', '/readyz']);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('ok');
  });

  it('serves HTTPS with a certificate the cluster CA signed for its addresses, and no other CA vouches for', async () => {
    expect(cluster!.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const { serviceClusterIPRange } = JSON.parse(readFileSync(join(cluster!.dir, 'cluster.json'), 'utf8')) as { serviceClusterIPRange: string };
    const res = await apiGet(cluster!, '/readyz');
    expect(res.status).toBe(200);
    expect(res.peerCertificate.subject.CN).toBe('kube-apiserver');
    expect(res.peerCertificate.issuer.CN).toBe('kubelab-ca');
    expect(res.peerCertificate.subjectaltname).toContain('IP Address:127.0.0.1');
    expect(res.peerCertificate.subjectaltname).toContain(`IP Address:${firstServiceIP(serviceClusterIPRange)}`);
    expect(res.peerCertificate.subjectaltname).toContain('DNS:kubernetes.default.svc.cluster.local');
    expect(readFileSync(join(cluster!.dir, 'pki', 'ca.crt'), 'utf8')).toBe(cluster!.ca);
    await expect(apiGet(cluster!, '/readyz', { ca: undefined })).rejects.toMatchObject({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
  });

  it('authenticates kubectl by its bearer token, now that it travels over TLS', async () => {
    const path = '/apis/e2e.kubelab.example/v1';
    expect((await apiGet(cluster!, path, { token: false })).status).toBe(401);
    expect((await apiGet(cluster!, path)).status).toBe(404);
    // kubectl reports what the server said: NotFound proves the token was sent and accepted.
    const r = await cluster!.kubectl(['get', '--raw', path]);
    expect(r.stderr).toMatch(/NotFound/);
    expect(r.stderr).not.toMatch(/Unauthorized/);
  });

  const creds = (c: string) => JSON.parse(readFileSync(join(cluster!.dir, 'credentials', `${c}.json`), 'utf8')) as ComponentCredentials;
  const redisAs = (user?: string, pass?: string) => {
    // No ready check: it sends INFO, which the anonymous client may not run.
    const r = new Redis(creds('apiserver').redis!.url, {
      username: user, password: pass, lazyConnect: true, enableReadyCheck: false, maxRetriesPerRequest: 0, retryStrategy: () => null,
    });
    r.on('error', () => {});
    return r;
  };
  const redisAsApiserver = () => redisAs(creds('apiserver').redis!.user, creds('apiserver').redis!.pass);

  it('lets only the apiserver touch cluster state in Redis', async () => {
    const apiserver = redisAsApiserver();
    const cm = redisAs(creds('controller-manager').redis!.user, creds('controller-manager').redis!.pass);
    const anonymous = redisAs();
    try {
      await apiserver.connect();
      await cm.connect();
      await anonymous.connect();
      expect(await apiserver.set('kubelab:e2e-probe', '1')).toBe('OK');
      expect(await cm.set('bull:e2e-probe', '1')).toBe('OK');
      await expect(cm.get('kubelab:e2e-probe')).rejects.toThrow(/NOPERM/);
      await expect(cm.flushall()).rejects.toThrow(/NOPERM/);
      await expect(apiserver.get('bull:e2e-probe')).rejects.toThrow(/NOPERM/);
      await expect(anonymous.get('kubelab:e2e-probe')).rejects.toThrow(/NOAUTH/);
      expect(creds('scheduler').redis).toBeUndefined();
    } finally {
      for (const r of [apiserver, cm, anonymous]) r.disconnect();
    }
  });

  it('keeps a write Redis acknowledged across kubelab kill redis', async () => {
    const before = redisAsApiserver();
    await before.connect();
    expect(await before.set('kubelab:e2e-durable', 'acknowledged')).toBe('OK');
    before.disconnect();
    expect((await cluster!.cli(['kill', 'redis'])).code).toBe(0);
    expect((await cluster!.cli(['start', 'redis'])).code).toBe(0);
    const after = redisAsApiserver();
    try {
      await after.connect();
      expect(await after.get('kubelab:e2e-durable')).toBe('acknowledged');
    } finally {
      after.disconnect();
    }
  });

  it('lets each component into NATS with its own password only', async () => {
    const scheduler = creds('scheduler').nats;
    const servers = scheduler.url.replace(/^nats:\/\//, '');
    const nc = await connect({ servers, user: scheduler.user, pass: scheduler.pass, reconnect: false });
    await nc.close();
    await expect(connect({ servers, user: scheduler.user, pass: 'wrong', reconnect: false })).rejects.toThrow(/Authorization/i);
  });

  it('shows a killed apiserver as exited, and start brings it back on the same address', async () => {
    const before = (await cluster!.status()).components.find((c) => c.name === 'apiserver-1')!;
    const kill = await cluster!.cli(['kill', 'apiserver']);
    expect(kill.stdout).toContain(`killed apiserver-1 (pid ${before.pid})`);

    const down = (await cluster!.status()).components.find((c) => c.name === 'apiserver-1')!;
    expect(down).toMatchObject({ state: 'exited', pid: before.pid });
    expect((await cluster!.kubectl(['get', '--raw', '/readyz', '--request-timeout=2s'])).code).not.toBe(0);
    expect((await cluster!.cli(['kill', 'apiserver-1'])).stderr).toContain('apiserver-1 is not running');

    const start = await cluster!.cli(['start', 'apiserver-1']);
    expect(start.code).toBe(0);
    const after = (await cluster!.status()).components.find((c) => c.name === 'apiserver-1')!;
    expect(after.state).toBe('running');
    expect(after.pid).not.toBe(before.pid);
    expect(after.endpoint).toBe(before.endpoint);
    expect((await cluster!.kubectl(['get', '--raw', '/readyz'])).stdout.trim()).toBe('ok');
  });

  it('pauses and resumes a component', async () => {
    expect((await cluster!.cli(['pause', 'redis'])).code).toBe(0);
    expect((await cluster!.status()).components.find((c) => c.name === 'redis')!.state).toBe('paused');
    expect((await cluster!.cli(['resume', 'redis'])).code).toBe(0);
    expect((await cluster!.status()).components.find((c) => c.name === 'redis')!.state).toBe('running');
  });

  it('down stops every component and every container, and leaves no process running', async () => {
    const report = await cluster!.status();
    const state = {
      version: 1 as const,
      components: report.components.map((c) => ({ ...c, order: 0, argv: [], logFile: '', desired: 'running' as const, startTime: readProcStat(c.pid!)!.startTime })),
    };
    const shims = report.containers.filter((c) => c.state === 'running').map((c) => ({ name: `${c.pod}/${c.container}`, pid: c.pid!, startTime: readProcStat(c.pid!)!.startTime }));
    expect(shims.length).toBeGreaterThan(0); // a kubelet stopped with SIGTERM leaves them: down must not
    await cluster!.stop(); // throws if kubelab down fails or anything it started survives
    expect(survivors(state, shims)).toEqual([]);
  });
});

describe('a cluster without a scheduler', () => {
  let cluster: Cluster | undefined;

  beforeAll(async () => {
    cluster = await startCluster({ without: ['scheduler'] });
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('keeps pods Pending until the scheduler is started', async () => {
    const scheduler = (await cluster!.status()).components.find((c) => c.name === 'scheduler-1')!;
    expect(scheduler).toMatchObject({ state: 'stopped' });
    expect(scheduler.pid).toBeUndefined();
    expect(isReady(await kubectlJson(cluster!, ['get', 'node', 'node-1']))).toBe(true);

    expect((await cluster!.kubectl(['run', 'waiting', '--image=nginxdemos/hello:plain-text'])).code).toBe(0);
    await new Promise((r) => setTimeout(r, 2_000));
    const pending = await kubectlJson(cluster!, ['get', 'pod', 'waiting']);
    expect(pending.status.phase).toBe('Pending');
    expect(pending.spec.nodeName).toBeUndefined();

    expect((await cluster!.cli(['start', 'scheduler'])).stdout).toBe('started scheduler-1\n');
    const running = await runningPod(cluster!, 'waiting');
    expect(running.spec.nodeName).toBe('node-1');
  });
});

describe('two clusters side by side', () => {
  it('get their own ports and address ranges, and each downs only its own processes', async () => {
    const [a, b] = await Promise.all([startCluster(), startCluster()]);
    try {
      const config = (c: Cluster) =>
        JSON.parse(readFileSync(join(c.dir, 'cluster.json'), 'utf8')) as { ports: Record<string, number>; serviceClusterIPRange: string; podCIDR: string; nodeAddressRange: string };
      const [ca, cb] = [config(a), config(b)];
      const ports = [...Object.values(ca.ports), ...Object.values(cb.ports)];
      expect(new Set(ports).size).toBe(ports.length);
      expect(ca.serviceClusterIPRange).not.toBe(cb.serviceClusterIPRange);
      expect(ca.podCIDR).not.toBe(cb.podCIDR);
      expect(ca.nodeAddressRange).not.toBe(cb.nodeAddressRange);
      await a.stop();
      expect((await b.status()).components.every((c) => c.state === 'running')).toBe(true);
      expect((await b.kubectl(['get', '--raw', '/readyz'])).stdout.trim()).toBe('ok');
    } finally {
      await Promise.allSettled([a.stop(), b.stop()]);
    }
  });
});
