import { describe, expect, it } from 'vitest';
import { bareAddress, compareRound, groupKubelets, mergeRepeats, parseVmRssKb, podReadiness, type RoundSide } from './startup-math.js';
import { renderStartup } from './startup-render.js';

const pod = (name: string, conditions: { type: string; status: string }[]) => ({ metadata: { name }, status: { conditions } });

describe('podReadiness', () => {
  it.each([
    ['Ready True', { type: 'MODIFIED', object: { ...pod('a', [{ type: 'Ready', status: 'True' }]), spec: { nodeName: 'node-1' } } }, { name: 'a', bound: true, ready: true }],
    ['Ready False', { type: 'MODIFIED', object: pod('a', [{ type: 'Ready', status: 'False' }]) }, { name: 'a', bound: false, ready: false }],
    ['only ContainersReady', { type: 'ADDED', object: pod('a', [{ type: 'ContainersReady', status: 'True' }]) }, { name: 'a', bound: false, ready: false }],
    ['bound, no status', { type: 'MODIFIED', object: { metadata: { name: 'b' }, spec: { nodeName: 'node-2' } } }, { name: 'b', bound: true, ready: false }],
    ['no status', { type: 'ADDED', object: { metadata: { name: 'b' } } }, { name: 'b', bound: false, ready: false }],
    ['DELETED is not readiness', { type: 'DELETED', object: pod('a', [{ type: 'Ready', status: 'True' }]) }, undefined],
    ['BOOKMARK', { type: 'BOOKMARK', object: { metadata: { resourceVersion: '5' } } }, undefined],
    ['garbage', null, undefined],
  ])('%s', (_, event, want) => expect(podReadiness(event)).toEqual(want));
});

describe('parseVmRssKb', () => {
  it('reads VmRSS, not VmHWM or RssAnon', () => {
    const status = 'Name:\tnode\nVmHWM:\t   50000 kB\nVmRSS:\t   41236 kB\nRssAnon:\t  20000 kB\n';
    expect(parseVmRssKb(status)).toBe(41236);
  });
  it('is undefined for a kernel thread (no VmRSS line)', () => expect(parseVmRssKb('Name:\tkthreadd\nState:\tS\n')).toBeUndefined());
});

describe('bareAddress', () => {
  it.each([
    [0, '127.251.0.2'],
    [253, '127.251.0.255'],
    [254, '127.251.1.0'],
    [999, '127.251.3.233'],
  ])('%i → %s', (i, ip) => expect(bareAddress(i)).toBe(ip));
  it('rejects what does not fit the /16', () => {
    expect(() => bareAddress(-1)).toThrow(RangeError);
    expect(() => bareAddress(65_024)).toThrow(RangeError);
  });
  it('gives distinct addresses', () => expect(new Set(Array.from({ length: 1000 }, (_, i) => bareAddress(i))).size).toBe(1000));
});

const side = (latenciesMs: number[], allReadyMs: number, rssKb: number[], failures = 0): RoundSide => ({ latenciesMs, allReadyMs, failures, rssKb, processCpuMs: [] });

describe('compareRound', () => {
  it('divides kubelab by bare and applies the n=100 target to the all-Ready time', () => {
    const lat = (base: number) => Array.from({ length: 100 }, (_, i) => base + i);
    const r = compareRound(100, side(lat(200), 1200, [50_000, 52_000]), side(lat(100), 1000, [40_000]));
    expect(r.kubelab.p50).toBe(249);
    expect(r.bare.p50).toBe(149);
    expect(r.xAll).toBeCloseTo(1.2);
    expect(r.xRss).toBeCloseTo(51_000 / 40_000);
    expect(r.target).toEqual({ name: 'all Ready ≤ 1.3× bare', met: true });
    expect(compareRound(100, side(lat(200), 1400, []), side(lat(100), 1000, [])).target?.met).toBe(false);
  });
  it('applies the single-pod p99 target at n=1 and none at n=10', () => {
    expect(compareRound(1, side([299], 299, []), side([250], 250, [])).target).toEqual({ name: 'create→Ready p99 < 300 ms', met: true });
    expect(compareRound(1, side([300], 300, []), side([250], 250, [])).target?.met).toBe(false);
    expect(compareRound(10, side([1], 1, []), side([1], 1, [])).target).toBeUndefined();
  });
  it('fails the target when a pod never got Ready, however fast the others were', () => {
    const r = compareRound(1, side([], 0, [], 1), side([250], 250, []));
    expect(r.target?.met).toBe(false);
    expect(r.kubelab.errors).toBe(1);
    expect(Number.isNaN(r.xAll)).toBe(true);
  });
});

describe('mergeRepeats', () => {
  it('keeps every sample and averages the per-round quantities', () => {
    const a = { ...side([100], 100, [1], 0), boundMs: [7], processCpuMs: [10], componentCpuMs: { 'apiserver-1': 20 } };
    const b = { ...side([300], 300, [2], 1), processCpuMs: [30], componentCpuMs: { 'apiserver-1': 40, redis: 10 } };
    expect(mergeRepeats([a, b])).toEqual({
      latenciesMs: [100, 300], allReadyMs: 200, failures: 1, rssKb: [1, 2], processCpuMs: [10, 30], boundMs: [7],
      componentCpuMs: { 'apiserver-1': 30, redis: 5 },
    });
  });
  it('gives the single-pod target a real p99 over the repeats', () => {
    const reps = Array.from({ length: 20 }, (_, i) => side([150 + i * 10], 150 + i * 10, []));
    const r = compareRound(1, mergeRepeats(reps), mergeRepeats(reps.map(() => side([100], 100, []))), 20);
    expect(r.kubelab.n).toBe(20);
    expect(r.kubelab.p99).toBe(340);
    expect(r.target?.met).toBe(false);
    expect(renderStartup({ rounds: [r], kubeletRssKb: {}, notes: [] })).toMatch(/\| 1 ×20 \| kubelab \| +20\/20 \|/);
  });
  it('has no component CPU for the bare side', () => expect(mergeRepeats([side([1], 1, [])]).componentCpuMs).toBeUndefined());
  it('refuses nothing to merge', () => expect(() => mergeRepeats([])).toThrow(RangeError));
});

describe('groupKubelets', () => {
  it('sums the kubelets and keeps the other components', () => {
    expect(groupKubelets({ 'kubelet-node-1': 30, 'kubelet-node-2': 12, 'apiserver-1': 80, bench: 5 })).toEqual({ kubelets: 42, 'apiserver-1': 80, bench: 5 });
  });
});

describe('renderStartup', () => {
  it('prints both sides, the ratios, the kubelet memory, the CPU and the verdicts', () => {
    const kubelab = { ...side([250], 250, [48_640]), boundMs: [40], processCpuMs: [120, 140], componentCpuMs: { 'apiserver-1': 33, 'kubelet-node-1': 10, 'kubelet-node-2': 20 } };
    const r = compareRound(1, kubelab, { ...side([200], 200, [47_104]), processCpuMs: [100] });
    const text = renderStartup({ rounds: [r], kubeletRssKb: { 'kubelet-node-1': { 1: 64_512 } }, notes: ['load average before: 1'] });
    expect(text).toMatch(/\| 1 +\| kubelab \| +1\/1 \| +250 \| +250 \| +250 \| +250 \| 1\.3× \| 1\.3× \| 1\.3× \| +40\.0 \| +40\.0 \|/);
    expect(text).toMatch(/\| 1 +\| bare +\| +1\/1 \| +200 \|/);
    expect(text).toMatch(/\| 1 +\| 47\.5 +\| +46\.0 \| 1\.0× \|/);
    expect(text).toMatch(/\| kubelet-node-1 +\| 63\.0 +\|/);
    expect(text).toMatch(/\| 1 +\| 130 +\| +100 \| +33\.0 \| +30\.0 \|/);
    expect(text).toContain('target at n=1: create→Ready p99 < 300 ms: met');
    expect(text).toContain('load average before: 1');
  });
});
