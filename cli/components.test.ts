import { describe, expect, it } from 'vitest';
import { newClusterConfig } from './cluster-config.js';
import { clusterPaths } from './cluster-paths.js';
import { apiserverArgs, kubeletArgs, schedulerArgs } from './component-args.js';
import { COMPONENTS, kubeletNode, plannedComponents, portRequests, type ComponentSpec, type SpecContext } from './components.js';
import { completeSecrets } from './credentials.js';

let counter = 0;
const secrets = completeSecrets(undefined, (n) => String(++counter).padStart(n * 2, '0'));

const STARTED = { startedAt: '2026-01-01T00:00:00.000Z' };
const spec = (group: string): ComponentSpec => COMPONENTS.find((s) => s.group === group)!;

function ctx(over: { apiservers?: number; nodes?: number; profile?: 'fast' | 'default'; entries?: Record<string, string> } = {}): SpecContext {
  const apiservers = over.apiservers ?? 1;
  const ports: Record<string, number> = { redis: 21001, nats: 21002 };
  for (let i = 1; i <= apiservers; i++) ports[`apiserver-${i}`] = 21010 + i;
  const config = newClusterConfig({
    name: 'kubelab', dir: '/c', defaultDir: false, profile: over.profile ?? 'fast', nodes: over.nodes ?? 1, apiservers, schedulers: 1, rangeIndex: 2, ports, entries: over.entries ?? {},
  });
  return { config, paths: clusterPaths('/c'), secrets, runtime: { node: '/usr/bin/node', repoRoot: '/repo', redisServer: '/usr/bin/redis-server', natsServer: '/usr/sbin/nats-server' } };
}

describe('the component table', () => {
  it('plans redis and nats first, then the apiservers, the schedulers and one kubelet per node', () => {
    const planned = plannedComponents({ nodes: 3, apiservers: 2, schedulers: 2 }).map((p) => [p.name, p.spec.order]);
    expect(planned).toEqual([
      ['redis', 0],
      ['nats', 0],
      ['apiserver-1', 10],
      ['apiserver-2', 10],
      ['scheduler-1', 20],
      ['scheduler-2', 20],
      ['kubelet-node-1', 30],
      ['kubelet-node-2', 30],
      ['kubelet-node-3', 30],
    ]);
  });

  it('plans no kubelet for a cluster of no nodes', () => {
    expect(plannedComponents({ nodes: 0, apiservers: 1, schedulers: 1 }).map((p) => p.name)).not.toContain('kubelet-node-1');
  });

  it('lets only the scheduler and the kubelets be left out', () => {
    expect(COMPONENTS.filter((c) => c.optional).map((c) => c.group)).toEqual(['scheduler', 'kubelet']);
  });

  it('has one entry per group', () => {
    const groups = COMPONENTS.map((c) => c.group);
    expect(new Set(groups).size).toBe(groups.length);
  });

  it.each([
    [true, [{ name: 'redis' }, { name: 'nats' }, { name: 'apiserver-1', preferred: 6443 }, { name: 'apiserver-2' }]],
    [false, [{ name: 'redis' }, { name: 'nats' }, { name: 'apiserver-1' }, { name: 'apiserver-2' }]],
  ])('port requests (default dir: %s): the scheduler and kubelets listen on none', (defaultDir, want) => {
    expect(portRequests({ nodes: 2, apiservers: 2, schedulers: 2 }, { defaultDir })).toEqual(want);
  });

  it('starts the apiserver with the agreed command line', () => {
    const c = ctx();
    const spec = COMPONENTS.find((s) => s.group === 'apiserver')!;
    expect(spec.argv(c, 'apiserver-1')).toEqual([
      '/usr/bin/node', '/repo/dist/apiserver/main.js',
      '--bind-address', '127.0.0.1',
      '--port', '21011',
      '--credentials', '/c/credentials/apiserver.json',
      '--token-auth-file', '/c/tokens.csv',
      '--tls-cert-file', '/c/pki/apiserver.crt',
      '--tls-private-key-file', '/c/pki/apiserver.key',
      '--service-cluster-ip-range', '127.98.0.0/16',
      '--server-id', 'apiserver-1',
      '--profile', 'fast',
      '--log-format', 'json',
    ]);
    expect(spec.readiness(c, 'apiserver-1', STARTED)).toEqual({ kind: 'https', url: 'https://127.0.0.1:21011/readyz', caFile: '/c/pki/ca.crt' });
    expect(spec.endpoint!(c.config, 'apiserver-1')).toBe('https://127.0.0.1:21011');
  });

  it('gives every apiserver replica its own port and server id', () => {
    const c = ctx({ apiservers: 2 });
    const argv = COMPONENTS.find((s) => s.group === 'apiserver')!.argv(c, 'apiserver-2');
    expect(argv[argv.indexOf('--port') + 1]).toBe('21012');
    expect(argv[argv.indexOf('--server-id') + 1]).toBe('apiserver-2');
  });

  it('runs another build of a group when the cluster names one', () => {
    const argv = COMPONENTS.find((s) => s.group === 'apiserver')!.argv(ctx({ entries: { apiserver: '/tmp/stand-in.js' } }), 'apiserver-1');
    expect(argv.slice(0, 2)).toEqual(['/usr/bin/node', '/tmp/stand-in.js']);
  });

  it('starts redis and nats from their generated configs and probes them with real logins', () => {
    const c = ctx();
    const [redis, nats] = [COMPONENTS.find((s) => s.group === 'redis')!, COMPONENTS.find((s) => s.group === 'nats')!];
    expect(redis.argv(c, 'redis')).toEqual(['/usr/bin/redis-server', '/c/redis/redis.conf']);
    expect(nats.argv(c, 'nats')).toEqual(['/usr/sbin/nats-server', '-c', '/c/nats/nats.conf']);
    expect(redis.readiness(c, 'redis', STARTED)).toEqual({ kind: 'redis', host: '127.0.0.1', port: 21001, user: 'apiserver', pass: secrets.redis.apiserver });
    expect(nats.readiness(c, 'nats', STARTED)).toEqual({ kind: 'nats', servers: '127.0.0.1:21002', user: 'observer', pass: secrets.nats.observer });
  });

  it('starts each scheduler replica with its own identity and waits for its own heartbeat', () => {
    const c = ctx();
    expect(spec('scheduler').argv(c, 'scheduler-2')).toEqual([
      '/usr/bin/node', '/repo/dist/scheduler/main.js',
      '--credentials', '/c/credentials/scheduler.json',
      '--id', 'scheduler-2',
      '--profile', 'fast',
      '--log-format', 'json',
    ]);
    expect(spec('scheduler').readiness(c, 'scheduler-2', STARTED)).toEqual({
      kind: 'heartbeat', servers: '127.0.0.1:21002', user: 'observer', pass: secrets.nats.observer,
      subject: 'kubelab.observe.heartbeat.scheduler', id: 'scheduler-2', timeoutMs: 2_000,
    });
    expect(spec('scheduler').endpoint).toBeUndefined();
  });

  it('waits a heartbeat period longer for a scheduler of the default profile', () => {
    const check = spec('scheduler').readiness(ctx({ profile: 'default' }), 'scheduler-1', STARTED);
    expect(check).toMatchObject({ kind: 'heartbeat', timeoutMs: 6_000 });
  });

  it.each([
    ['kubelet-node-1', 'node-1', '127.34.0.1', '127.242.1.0/24'],
    ['kubelet-node-12', 'node-12', '127.34.0.12', '127.242.12.0/24'],
  ])('starts %s as %s with address %s and pods %s', (name, node, ip, pods) => {
    const c = ctx({ nodes: 12 });
    expect(spec('kubelet').argv(c, name)).toEqual([
      '/usr/bin/node', '/repo/dist/kubelet/main.js',
      '--node-name', node,
      '--credentials', '/c/credentials/kubelet.json',
      '--node-ip', ip,
      '--pod-cidr', pods,
      '--root-dir', `/c/nodes/${node}`,
      '--profile', 'fast',
      '--log-format', 'json',
    ]);
    expect(spec('kubelet').endpoint!(c.config, name)).toBe(`${ip} pods ${pods}`);
  });

  it('counts a kubelet ready by its Node, asked of the first apiserver as the admin', () => {
    const c = ctx({ apiservers: 2 });
    expect(spec('kubelet').readiness(c, 'kubelet-node-2', STARTED)).toEqual({
      kind: 'node-ready', server: 'https://127.0.0.1:21011', caFile: '/c/pki/ca.crt', token: secrets.adminToken, node: 'node-2', since: STARTED.startedAt,
    });
  });

  it.each(['kubelet-1', 'node-1', 'kubelet-node-', 'scheduler-1'])('kubeletNode rejects %s', (name) => {
    expect(() => kubeletNode(name)).toThrow();
  });

  it('runs another build of the kubelet when the cluster names one', () => {
    expect(spec('kubelet').argv(ctx({ entries: { kubelet: '/tmp/k.js' } }), 'kubelet-node-1').slice(0, 2)).toEqual(['/usr/bin/node', '/tmp/k.js']);
  });

  it('apiserverArgs renders every flag as a --flag value pair', () => {
    const args = apiserverArgs({
      bindAddress: '0.0.0.0', port: 6443, credentials: 'c', tokenAuthFile: 't', tlsCertFile: 'crt', tlsPrivateKeyFile: 'key',
      serviceClusterIPRange: 's', serverId: 'x', profile: 'default', logFormat: 'json',
    });
    expect(args.filter((_, i) => i % 2 === 0).every((f) => f.startsWith('--'))).toBe(true);
    expect(args).toHaveLength(20);
  });

  it.each<[string, string[]]>([
    ['schedulerArgs', schedulerArgs({ credentials: 'c', id: 'x', profile: 'fast', logFormat: 'json' })],
    ['kubeletArgs', kubeletArgs({ nodeName: 'n', credentials: 'c', nodeIP: 'i', podCIDR: 'p', rootDir: 'r', profile: 'fast', logFormat: 'json' })],
  ])('%s renders every flag as a --flag value pair', (_, args) => {
    expect(args.filter((_, i) => i % 2 === 0).every((f) => f.startsWith('--'))).toBe(true);
    expect(args.filter((_, i) => i % 2 === 1).some((v) => v.startsWith('--'))).toBe(false);
  });
});
