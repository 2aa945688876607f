import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { clusterPaths } from './cluster-paths.js';
import { renderClusterFiles, type ClusterFilesInput } from './cluster-files.js';
import { completeSecrets, NATS_USERS } from './credentials.js';
import { currentCredentials } from './kubeconfig.js';

const secrets = completeSecrets(undefined, (n) => 'c'.repeat(n * 2));
const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

const local: ClusterFilesInput = {
  paths: clusterPaths('/c'),
  clusterName: 'kubelab',
  secrets,
  server: 'https://127.0.0.1:6443',
  caCert: CA,
  redis: { bind: '127.0.0.1', host: '127.0.0.1', port: 20001, dataDir: '/c/redis' },
  nats: { bind: '127.0.0.1', host: '127.0.0.1', port: 20002 },
  fileMode: 0o600,
};

const compose: ClusterFilesInput = {
  ...local,
  paths: clusterPaths('/config'),
  redis: { bind: '0.0.0.0', host: 'redis', port: 6379, dataDir: '/data' },
  nats: { bind: '0.0.0.0', host: 'nats', port: 4222, monitorPort: 8222 },
  fileMode: 0o644,
};

const byPath = (input: ClusterFilesInput) => new Map(renderClusterFiles(input).map((f) => [f.path, f]));

describe('renderClusterFiles', () => {
  it('writes every file of the layout, each with the requested mode', () => {
    const files = renderClusterFiles(local);
    expect(files.map((f) => f.path).sort()).toEqual(
      [
        '/c/credentials/secrets.json',
        ...NATS_USERS.map((u) => `/c/credentials/${u}.json`),
        '/c/tokens.csv',
        '/c/nats/nats.conf',
        '/c/redis/redis.conf',
        '/c/redis/users.acl',
        '/c/kubeconfig',
      ].sort(),
    );
    expect(files.every((f) => f.mode === 0o600)).toBe(true);
    expect(renderClusterFiles(compose).every((f) => f.mode === 0o644)).toBe(true);
  });

  it('points local credentials at 127.0.0.1 and compose credentials at the service names', () => {
    const l = JSON.parse(byPath(local).get('/c/credentials/apiserver.json')!.content);
    expect(l.nats.url).toBe('nats://127.0.0.1:20002');
    expect(l.redis.url).toBe('redis://127.0.0.1:20001');
    const c = JSON.parse(byPath(compose).get('/config/credentials/apiserver.json')!.content);
    expect(c.nats.url).toBe('nats://nats:4222');
    expect(c.redis.url).toBe('redis://redis:6379');
  });

  it('makes servers listen on the bind address and keeps redis data where asked', () => {
    const files = byPath(compose);
    expect(files.get('/config/nats/nats.conf')!.content).toContain('listen: "0.0.0.0:4222"');
    expect(files.get('/config/nats/nats.conf')!.content).toContain('http: "0.0.0.0:8222"');
    expect(files.get('/config/redis/redis.conf')!.content).toContain('dir "/data"');
    expect(files.get('/config/redis/redis.conf')!.content).toContain('aclfile "/config/redis/users.acl"');
  });

  it('writes a kubeconfig that trusts the cluster CA and authenticates with the admin token', () => {
    const kubeconfig = parse(byPath(local).get('/c/kubeconfig')!.content);
    expect(currentCredentials(kubeconfig)).toEqual({ server: 'https://127.0.0.1:6443', token: secrets.adminToken, ca: CA });
    expect(byPath(local).get('/c/tokens.csv')!.content.startsWith(secrets.adminToken + ',')).toBe(true);
  });
});
