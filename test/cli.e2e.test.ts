/**
 * The launcher as a user meets it: `kubelab up` brings a cluster up, `status` tells the truth about
 * each process, the apiserver serves HTTPS with a certificate from the cluster's own CA (so kubectl
 * sends its token), the generated credentials let each component in only where it belongs, a killed
 * apiserver shows as exited and `start` brings it back on the same address, `down` leaves no process
 * behind, and two clusters in two directories run side by side.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComponentCredentials } from '../cli/credentials.js';
import { firstServiceIP } from '../cli/pki.js';
import { readProcStat } from '../cli/procfs.js';
import { apiGet, startCluster, survivors, type Cluster } from './harness/cluster.js';

describe('kubelab up, status, kill, start, down', () => {
  let cluster: Cluster | undefined;

  beforeAll(async () => {
    cluster = await startCluster();
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('starts redis, nats and the apiserver, each running as its own process', async () => {
    const report = await cluster!.status();
    expect(report.server).toBe(cluster!.server);
    expect(report.components.map((c) => [c.name, c.state])).toEqual([
      ['nats', 'running'],
      ['redis', 'running'],
      ['apiserver-1', 'running'],
    ]);
    const pids = report.components.map((c) => c.pid!);
    expect(new Set(pids).size).toBe(3);
    for (const pid of pids) expect(readProcStat(pid)?.state).not.toBe('Z');

    const table = await cluster!.cli(['status']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^COMPONENT\s+STATE\s+PID\s+AGE\s+ENDPOINT\n/);
    expect(table.stdout).toMatch(new RegExp(`apiserver-1\\s+running\\s+${pids[2]}\\s`));
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

  it('down stops every component and leaves no process running', async () => {
    const report = await cluster!.status();
    const state = {
      version: 1 as const,
      components: report.components.map((c) => ({ ...c, order: 0, argv: [], logFile: '', desired: 'running' as const, startTime: readProcStat(c.pid!)!.startTime })),
    };
    await cluster!.stop(); // throws if kubelab down fails or anything it started survives
    expect(survivors(state)).toEqual([]);
  });
});

describe('two clusters side by side', () => {
  it('get their own ports and address ranges, and each downs only its own processes', async () => {
    const [a, b] = await Promise.all([startCluster(), startCluster()]);
    try {
      const config = (c: Cluster) => JSON.parse(readFileSync(join(c.dir, 'cluster.json'), 'utf8')) as { ports: Record<string, number>; serviceClusterIPRange: string; podCIDR: string };
      const [ca, cb] = [config(a), config(b)];
      const ports = [...Object.values(ca.ports), ...Object.values(cb.ports)];
      expect(new Set(ports).size).toBe(ports.length);
      expect(ca.serviceClusterIPRange).not.toBe(cb.serviceClusterIPRange);
      expect(ca.podCIDR).not.toBe(cb.podCIDR);
      await a.stop();
      expect((await b.status()).components.every((c) => c.state === 'running')).toBe(true);
      expect((await b.kubectl(['get', '--raw', '/readyz'])).stdout.trim()).toBe('ok');
    } finally {
      await Promise.allSettled([a.stop(), b.stop()]);
    }
  });
});
