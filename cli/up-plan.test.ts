import { describe, expect, it } from 'vitest';
import { newClusterConfig } from './cluster-config.js';
import { clusterPaths } from './cluster-paths.js';
import { completeSecrets } from './credentials.js';
import { plannedComponents } from './components.js';
import { CliError } from './errors.js';
import { buildRecords, resolveUpSettings, resolveWithout, UP_DEFAULTS } from './up-plan.js';

const previous = newClusterConfig({
  name: 'lab', dir: '/c', defaultDir: false, profile: 'fast', nodes: 3, apiservers: 2, schedulers: 2, rangeIndex: 5,
  ports: { redis: 20001, nats: 20002, 'apiserver-1': 20003, 'apiserver-2': 20004 }, entries: { apiserver: '/x.js' },
});

describe('resolveUpSettings', () => {
  it('uses the defaults for a new directory', () => {
    expect(resolveUpSettings({ dir: '/c', defaultDir: false }, undefined)).toEqual({ ...UP_DEFAULTS, entries: {} });
  });

  it('keeps what the directory used last time', () => {
    expect(resolveUpSettings({ dir: '/c', defaultDir: false }, previous)).toEqual({ name: 'lab', nodes: 3, apiservers: 2, schedulers: 2, profile: 'fast', entries: { apiserver: '/x.js' } });
  });

  it('lets flags override the previous run', () => {
    const s = resolveUpSettings({ dir: '/c', defaultDir: false, nodes: 1, schedulers: 1, profile: 'default', entries: {} }, previous);
    expect(s).toEqual({ name: 'lab', nodes: 1, apiservers: 2, schedulers: 1, profile: 'default', entries: {} });
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
      ['scheduler-1', 'scheduler', 20, 'stopped', '/c/logs/scheduler-1.log', undefined],
      ['scheduler-2', 'scheduler', 20, 'stopped', '/c/logs/scheduler-2.log', undefined],
      ['kubelet-node-1', 'kubelet', 30, 'stopped', '/c/logs/kubelet-node-1.log', '127.37.0.1 pods 127.239.1.0/24'],
      ['kubelet-node-2', 'kubelet', 30, 'stopped', '/c/logs/kubelet-node-2.log', '127.37.0.2 pods 127.239.2.0/24'],
      ['kubelet-node-3', 'kubelet', 30, 'stopped', '/c/logs/kubelet-node-3.log', '127.37.0.3 pods 127.239.3.0/24'],
    ]);
    expect(records[3]!.argv.slice(0, 2)).toEqual(['node', '/x.js']);
    expect(records[4]!.argv.slice(0, 2)).toEqual(['node', '/r/dist/scheduler/main.js']);
    // A record of a component that serves nothing has no endpoint at all, not an empty one.
    expect('endpoint' in records[4]!).toBe(false);
    expect(records.every((r) => r.pid === undefined)).toBe(true);
  });
});

describe('resolveWithout', () => {
  const planned = plannedComponents({ nodes: 2, apiservers: 1, schedulers: 2 });

  it.each<[string[], string[]]>([
    [[], []],
    [['scheduler'], ['scheduler-1', 'scheduler-2']],
    [['schedulers', 'kubelets'], ['scheduler-1', 'scheduler-2', 'kubelet-node-1', 'kubelet-node-2']],
    [['kubelet'], ['kubelet-node-1', 'kubelet-node-2']],
    [['kubelet-node-2'], ['kubelet-node-2']],
    [['scheduler-2', 'scheduler'], ['scheduler-2', 'scheduler-1']],
  ])('--without %j leaves out %j', (without, want) => {
    expect([...resolveWithout(without, planned)].sort()).toEqual([...want].sort());
  });

  it.each([
    ['apiserver', /apiserver cannot be left out/],
    ['redis', /redis cannot be left out/],
    ['apiserver-1', /apiserver cannot be left out/],
    ['etcd', /no such component.*optional ones: scheduler, scheduler-1, scheduler-2, kubelet, kubelet-node-1, kubelet-node-2/],
    ['kubelet-node-3', /no such component/],
  ])('refuses --without %s', (word, message) => {
    expect(() => resolveWithout([word], planned)).toThrow(CliError);
    expect(() => resolveWithout([word], planned)).toThrow(message);
  });
});
