import { describe, expect, it } from 'vitest';
import { newClusterConfig } from './cluster-config.js';
import { clusterPaths } from './cluster-paths.js';
import { completeSecrets } from './credentials.js';
import { buildRecords, resolveUpSettings, UP_DEFAULTS } from './up-plan.js';

const previous = newClusterConfig({
  name: 'lab', dir: '/c', defaultDir: false, profile: 'fast', nodes: 3, apiservers: 2, rangeIndex: 5,
  ports: { redis: 20001, nats: 20002, 'apiserver-1': 20003, 'apiserver-2': 20004 }, entries: { apiserver: '/x.js' },
});

describe('resolveUpSettings', () => {
  it('uses the defaults for a new directory', () => {
    expect(resolveUpSettings({ dir: '/c', defaultDir: false }, undefined)).toEqual({ ...UP_DEFAULTS, entries: {} });
  });

  it('keeps what the directory used last time', () => {
    expect(resolveUpSettings({ dir: '/c', defaultDir: false }, previous)).toEqual({ name: 'lab', nodes: 3, apiservers: 2, profile: 'fast', entries: { apiserver: '/x.js' } });
  });

  it('lets flags override the previous run', () => {
    const s = resolveUpSettings({ dir: '/c', defaultDir: false, nodes: 1, profile: 'default', entries: {} }, previous);
    expect(s).toEqual({ name: 'lab', nodes: 1, apiservers: 2, profile: 'default', entries: {} });
  });
});

describe('buildRecords', () => {
  it('records argv, log file and endpoint of every planned component, none started', () => {
    const sctx = {
      config: previous,
      paths: clusterPaths('/c'),
      secrets: completeSecrets(undefined, (n) => 'ab'.repeat(n)),
      runtime: { node: 'node', repoRoot: '/r', redisServer: 'redis-server', natsServer: 'nats-server' },
    };
    const records = buildRecords(sctx);
    expect(records.map((r) => [r.name, r.group, r.order, r.desired, r.logFile, r.endpoint])).toEqual([
      ['redis', 'redis', 0, 'stopped', '/c/logs/redis.log', 'redis://127.0.0.1:20001'],
      ['nats', 'nats', 0, 'stopped', '/c/logs/nats.log', 'nats://127.0.0.1:20002'],
      ['apiserver-1', 'apiserver', 10, 'stopped', '/c/logs/apiserver-1.log', 'https://127.0.0.1:20003'],
      ['apiserver-2', 'apiserver', 10, 'stopped', '/c/logs/apiserver-2.log', 'https://127.0.0.1:20004'],
    ]);
    expect(records[3]!.argv.slice(0, 2)).toEqual(['node', '/x.js']);
    expect(records.every((r) => r.pid === undefined)).toBe(true);
  });
});
