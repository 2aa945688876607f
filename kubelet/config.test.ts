import { describe, expect, it } from 'vitest';
import { params } from '../lib/params.js';
import { buildConfig } from './config.js';

const base = { nodeName: 'node-1', nodeIP: '127.0.1.1', podCIDR: '127.244.1.0/24', rootDir: '/tmp/k' };
const host = { cpus: 8, memoryBytes: 16 * 2 ** 30 };

describe('buildConfig', () => {
  it('takes capacity from the host unless flags say otherwise', () => {
    expect(buildConfig(base, params('default'), host)).toMatchObject({ cpu: 8, memoryBytes: 16 * 2 ** 30, maxPods: 110, imagePullDelayMs: 1000 });
    expect(buildConfig({ ...base, cpu: '2', memory: '4Gi', maxPods: '10', imagePullDelayMs: '0' }, params('default'), host)).toMatchObject({ cpu: 2, memoryBytes: 4 * 2 ** 30, maxPods: 10, imagePullDelayMs: 0 });
  });

  it('uses the real back-off by default and the short one in the fast profile', () => {
    expect(buildConfig(base, params('default'), host).crashLoopBackOff).toEqual({ initialMs: 10_000, maxMs: 300_000 });
    expect(buildConfig(base, params('fast'), host).crashLoopBackOff).toEqual({ initialMs: 1_000, maxMs: 8_000 });
    expect(buildConfig(base, params('default'), host).nodeLeaseDurationSeconds).toBe(40);
  });

  it.each([[{ cpu: 'lots' }], [{ memory: '-1' }], [{ maxPods: '1.5' }], [{ imagePullDelayMs: 'x' }]])('refuses %o', (bad) => {
    expect(() => buildConfig({ ...base, ...bad }, params('fast'), host)).toThrow(/invalid --/);
  });
});
