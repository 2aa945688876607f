import { describe, expect, it } from 'vitest';
import { newClusterConfig } from './cluster-config.js';
import { clusterPaths } from './cluster-paths.js';
import { apiserverArgs, COMPONENTS, plannedComponents, portRequests, type SpecContext } from './components.js';
import { completeSecrets } from './credentials.js';

let counter = 0;
const secrets = completeSecrets(undefined, (n) => String(++counter).padStart(n * 2, '0'));

function ctx(over: { apiservers?: number; entries?: Record<string, string> } = {}): SpecContext {
  const apiservers = over.apiservers ?? 1;
  const ports: Record<string, number> = { redis: 21001, nats: 21002 };
  for (let i = 1; i <= apiservers; i++) ports[`apiserver-${i}`] = 21010 + i;
  const config = newClusterConfig({ name: 'kubelab', dir: '/c', defaultDir: false, profile: 'fast', nodes: 1, apiservers, rangeIndex: 2, ports, entries: over.entries ?? {} });
  return { config, paths: clusterPaths('/c'), secrets, runtime: { node: '/usr/bin/node', repoRoot: '/repo', redisServer: '/usr/bin/redis-server', natsServer: '/usr/sbin/nats-server' } };
}

describe('the component table', () => {
  it('plans redis and nats first, then one apiserver per replica', () => {
    const planned = plannedComponents({ nodes: 3, apiservers: 2 }).map((p) => [p.name, p.spec.order]);
    expect(planned).toEqual([
      ['redis', 0],
      ['nats', 0],
      ['apiserver-1', 10],
      ['apiserver-2', 10],
    ]);
  });

  it('has one entry per group', () => {
    const groups = COMPONENTS.map((c) => c.group);
    expect(new Set(groups).size).toBe(groups.length);
  });

  it.each([
    [true, [{ name: 'redis' }, { name: 'nats' }, { name: 'apiserver-1', preferred: 6443 }, { name: 'apiserver-2' }]],
    [false, [{ name: 'redis' }, { name: 'nats' }, { name: 'apiserver-1' }, { name: 'apiserver-2' }]],
  ])('port requests (default dir: %s)', (defaultDir, want) => {
    expect(portRequests({ nodes: 1, apiservers: 2 }, { defaultDir })).toEqual(want);
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
    expect(spec.readiness(c, 'apiserver-1')).toEqual({ kind: 'https', url: 'https://127.0.0.1:21011/readyz', caFile: '/c/pki/ca.crt' });
    expect(spec.endpoint(c.config, 'apiserver-1')).toBe('https://127.0.0.1:21011');
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
    expect(redis.readiness(c, 'redis')).toEqual({ kind: 'redis', host: '127.0.0.1', port: 21001, user: 'apiserver', pass: secrets.redis.apiserver });
    expect(nats.readiness(c, 'nats')).toEqual({ kind: 'nats', servers: '127.0.0.1:21002', user: 'observer', pass: secrets.nats.observer });
  });

  it('apiserverArgs renders every flag as a --flag value pair', () => {
    const args = apiserverArgs({
      bindAddress: '0.0.0.0', port: 6443, credentials: 'c', tokenAuthFile: 't', tlsCertFile: 'crt', tlsPrivateKeyFile: 'key',
      serviceClusterIPRange: 's', serverId: 'x', profile: 'default', logFormat: 'json',
    });
    expect(args.filter((_, i) => i % 2 === 0).every((f) => f.startsWith('--'))).toBe(true);
    expect(args).toHaveLength(20);
  });
});
