import { describe, expect, it } from 'vitest';
import type { ProcStat } from './procfs.js';
import type { ClusterState, ComponentRecord } from './state.js';
import { formatAge, renderStatusTable, renderTable, statusRows } from './status-view.js';

const rec = (name: string, over: Partial<ComponentRecord>): ComponentRecord => ({ name, group: name, order: 0, argv: [], logFile: '', desired: 'running', ...over });
const proc = (pid: number, state: string, startTime: number): ProcStat => ({ pid, comm: 'x', state, ppid: 1, pgrp: pid, session: pid, startTime });

describe('formatAge', () => {
  it.each([
    [0, '0s'],
    [59, '59s'],
    [60, '1m'],
    [192, '3m12s'],
    [3600, '1h'],
    [7500, '2h5m'],
    [86400, '1d'],
    [273600, '3d4h'],
  ])('%is → %s', (s, want) => {
    expect(formatAge(s)).toBe(want);
  });
});

describe('status', () => {
  const now = Date.parse('2026-01-01T00:10:00Z');
  const state: ClusterState = {
    version: 1,
    components: [
      rec('redis', { pid: 11, startTime: 100, startedAt: '2026-01-01T00:00:00Z', endpoint: 'redis://127.0.0.1:20001' }),
      rec('nats', { pid: 12, startTime: 101, startedAt: '2026-01-01T00:09:30Z', endpoint: 'nats://127.0.0.1:20002' }),
      rec('apiserver-1', { pid: 13, startTime: 102, startedAt: '2026-01-01T00:00:00Z', endpoint: 'https://127.0.0.1:6443' }),
      rec('apiserver-2', { pid: 14, startTime: 103, desired: 'stopped' }),
      rec('kubelet-node-1', {}),
    ],
  };
  const procs = new Map([
    [11, proc(11, 'S', 100)],
    [12, proc(12, 'T', 101)],
    [13, proc(13, 'S', 999)], // PID 13 now belongs to someone else
  ]);
  const rows = statusRows(state, (pid) => procs.get(pid), now);

  it('computes state, PID and age per component', () => {
    expect(rows).toEqual([
      { name: 'redis', group: 'redis', state: 'running', pid: 11, ageSeconds: 600, endpoint: 'redis://127.0.0.1:20001' },
      { name: 'nats', group: 'nats', state: 'paused', pid: 12, ageSeconds: 30, endpoint: 'nats://127.0.0.1:20002' },
      { name: 'apiserver-1', group: 'apiserver-1', state: 'exited', pid: 13, endpoint: 'https://127.0.0.1:6443' },
      { name: 'apiserver-2', group: 'apiserver-2', state: 'stopped', pid: 14 },
      { name: 'kubelet-node-1', group: 'kubelet-node-1', state: 'stopped' },
    ]);
  });

  it('renders a kubectl-style table', () => {
    expect(renderStatusTable(rows)).toBe(
      [
        'COMPONENT        STATE     PID    AGE   ENDPOINT',
        'redis            running   11     10m   redis://127.0.0.1:20001',
        'nats             paused    12     30s   nats://127.0.0.1:20002',
        'apiserver-1      exited    (13)   -     https://127.0.0.1:6443',
        'apiserver-2      stopped   (14)   -     -',
        'kubelet-node-1   stopped   -      -     -',
        '',
      ].join('\n'),
    );
  });

  it('renderTable leaves no trailing blanks', () => {
    expect(renderTable(['A', 'B'], [['x', '']])).toBe('A   B\nx\n');
  });
});
