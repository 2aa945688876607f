import { describe, expect, it } from 'vitest';
import type { ProcStat } from './procfs.js';
import { componentState, compareNames, liveProcess, parseState, resolveComponents, tiers, withRecord, type ClusterState, type ComponentRecord } from './state.js';

const rec = (name: string, over: Partial<ComponentRecord> = {}): ComponentRecord => ({
  name, group: name.replace(/-\d+$/, '').replace(/-node$/, ''), order: 0, argv: ['x'], logFile: `/l/${name}.log`, desired: 'running', ...over,
});
const proc = (state: string, startTime = 7): ProcStat => ({ pid: 1, comm: 'x', state, ppid: 1, pgrp: 1, session: 1, startTime });

describe('componentState', () => {
  it.each<[string, Partial<ComponentRecord>, ProcStat | undefined, string]>([
    ['never started', {}, undefined, 'stopped'],
    ['alive', { pid: 1, startTime: 7 }, proc('S'), 'running'],
    ['SIGSTOPped', { pid: 1, startTime: 7 }, proc('T'), 'paused'],
    ['gone while wanted', { pid: 1, startTime: 7 }, undefined, 'exited'],
    ['gone after kubelab stop', { pid: 1, startTime: 7, desired: 'stopped' }, undefined, 'stopped'],
  ])('%s → %s', (_, over, stat, want) => {
    expect(componentState(rec('a', over), stat)).toBe(want);
  });

  it('does not take a reused PID for the component', () => {
    const r = rec('a', { pid: 1, startTime: 7 });
    expect(liveProcess(r, () => proc('S', 8))).toBeUndefined();
    expect(liveProcess(r, () => proc('Z', 7))).toBeUndefined();
    expect(liveProcess(r, () => proc('S', 7))).toBeDefined();
    expect(liveProcess(rec('b'), () => proc('S', 7))).toBeUndefined();
  });
});

describe('records', () => {
  const state: ClusterState = {
    version: 1,
    components: [rec('redis'), rec('nats'), rec('apiserver-1', { order: 10 }), rec('apiserver-2', { order: 10 }), rec('kubelet-node-1', { group: 'kubelet', order: 30 })],
  };

  it.each([
    ['apiserver-2', ['apiserver-2']],
    ['apiserver', ['apiserver-1', 'apiserver-2']],
    ['kubelet', ['kubelet-node-1']],
    ['kubelets', ['kubelet-node-1']],
    ['apiservers', ['apiserver-1', 'apiserver-2']],
    ['etcd', []],
  ])('%s names %j', (arg, want) => {
    expect(resolveComponents(state, arg).map((r) => r.name)).toEqual(want);
  });

  it('groups records into start tiers', () => {
    expect(tiers(state.components).map((t) => t.map((r) => r.name))).toEqual([['redis', 'nats'], ['apiserver-1', 'apiserver-2'], ['kubelet-node-1']]);
  });

  it('replaces a record by name and keeps start order', () => {
    const next = withRecord(state, rec('apiserver-1', { order: 10, pid: 99 }));
    expect(next.components.map((r) => r.name)).toEqual(['nats', 'redis', 'apiserver-1', 'apiserver-2', 'kubelet-node-1']);
    expect(next.components.find((r) => r.name === 'apiserver-1')?.pid).toBe(99);
  });

  it('orders numbered names numerically', () => {
    expect(['apiserver-10', 'apiserver-2', 'apiserver-1'].sort(compareNames)).toEqual(['apiserver-1', 'apiserver-2', 'apiserver-10']);
  });

  it.each([null, {}, { version: 2, components: [] }])('parseState rejects %j', (raw) => {
    expect(() => parseState(raw)).toThrow(TypeError);
  });
});
