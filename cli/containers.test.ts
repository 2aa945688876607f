import { describe, expect, it } from 'vitest';
import { containerRecord, containerRows, containerState, liveShim, renderContainerTable, type ContainerRecord } from './containers.js';
import type { ProcStat } from './procfs.js';

const ID = (c: string) => c.repeat(64);
const proc = (pid: number, state: string, startTime: number): ProcStat => ({ pid, comm: 'node', state, ppid: 1, pgrp: pid, session: pid, startTime });
const spec = (pod: string, container: string, restartCount = 0) => ({ id: 'x', namespace: 'default', podName: pod, containerName: container, restartCount, podUID: 'u' });

describe('containerRecord', () => {
  it('reads the names from spec.json and the identity from state.json, whose start time is a string', () => {
    const r = containerRecord('node-1', ID('a'), { spec: spec('hello', 'nginx', 2), state: { pid: 4242, startedAt: 't', procStartTime: '987654' } });
    expect(r).toEqual({ node: 'node-1', id: ID('a'), namespace: 'default', pod: 'hello', container: 'nginx', restartCount: 2, pid: 4242, startTime: 987654 });
  });

  it('keeps what it can of missing or malformed files', () => {
    expect(containerRecord('node-2', ID('b'), {})).toEqual({ node: 'node-2', id: ID('b') });
    expect(containerRecord('node-2', ID('b'), { spec: 'garbage', state: { pid: 'x', procStartTime: '' }, exit: { exitCode: 137 } })).toEqual({ node: 'node-2', id: ID('b'), exitCode: 137 });
  });
});

describe('container state', () => {
  const c = (over: Partial<ContainerRecord>): ContainerRecord => ({ node: 'node-1', id: ID('a'), ...over });

  it.each<[string, Partial<ContainerRecord>, ProcStat | undefined, string]>([
    ['only a spec (starting, or never started)', {}, undefined, 'created'],
    ['its shim alive', { pid: 7, startTime: 70 }, proc(7, 'S', 70), 'running'],
    ['its shim SIGSTOPped', { pid: 7, startTime: 70 }, proc(7, 'T', 70), 'paused'],
    ['ended with an exit.json', { pid: 7, startTime: 70, exitCode: 0 }, undefined, 'exited'],
    ['its shim SIGKILLed (no exit.json)', { pid: 7, startTime: 70 }, undefined, 'exited'],
    ['a start error (exit.json, no state.json)', { exitCode: 128 }, undefined, 'exited'],
  ])('%s → %s', (_, over, stat, want) => {
    expect(containerState(c(over), stat)).toBe(want);
  });

  it('does not take a reused PID, a zombie or an unverifiable record for the shim', () => {
    expect(liveShim(c({ pid: 7, startTime: 70 }), () => proc(7, 'S', 71))).toBeUndefined();
    expect(liveShim(c({ pid: 7, startTime: 70 }), () => proc(7, 'Z', 70))).toBeUndefined();
    expect(liveShim(c({ pid: 7 }), () => proc(7, 'S', 70))).toBeUndefined();
    expect(liveShim(c({ pid: 7, startTime: 70 }), () => proc(7, 'S', 70))).toBeDefined();
  });
});

describe('containerRows and the table', () => {
  const records: ContainerRecord[] = [
    containerRecord('node-2', ID('c'), { spec: spec('web', 'nginx', 1), state: { pid: 30, procStartTime: '300' } }),
    containerRecord('node-2', ID('e'), { spec: spec('web', 'nginx', 0), state: { pid: 31, procStartTime: '310' }, exit: { exitCode: 0 } }),
    containerRecord('node-1', ID('b'), { spec: spec('hello', 'sidecar', 1), state: { pid: 20, procStartTime: '200' }, exit: { exitCode: 143 } }),
    containerRecord('node-1', ID('a'), { spec: spec('hello', 'nginx'), state: { pid: 10, procStartTime: '100' } }),
    containerRecord('node-10', ID('d'), { spec: spec('late', 'app') }),
  ];
  const procs = new Map([[10, proc(10, 'S', 100)], [30, proc(30, 'S', 300)]]);
  const rows = containerRows(records, (pid) => procs.get(pid));

  it('orders by node (numerically), pod, container and restart, with state and PID', () => {
    expect(rows).toEqual([
      { node: 'node-1', id: ID('a'), pod: 'default/hello', container: 'nginx', restartCount: 0, state: 'running', pid: 10 },
      { node: 'node-1', id: ID('b'), pod: 'default/hello', container: 'sidecar', restartCount: 1, state: 'exited', pid: 20, exitCode: 143 },
      { node: 'node-2', id: ID('e'), pod: 'default/web', container: 'nginx', restartCount: 0, state: 'exited', pid: 31, exitCode: 0 },
      { node: 'node-2', id: ID('c'), pod: 'default/web', container: 'nginx', restartCount: 1, state: 'running', pid: 30 },
      { node: 'node-10', id: ID('d'), pod: 'default/late', container: 'app', restartCount: 0, state: 'created' },
    ]);
  });

  it('renders short IDs and puts the PID of a gone shim in parentheses', () => {
    expect(renderContainerTable(rows)).toBe(
      [
        'NODE      POD             CONTAINER   CONTAINER ID   STATE     RESTARTS   PID    EXIT',
        'node-1    default/hello   nginx       aaaaaaaaaaaa   running   0          10     -',
        'node-1    default/hello   sidecar     bbbbbbbbbbbb   exited    1          (20)   143',
        'node-2    default/web     nginx       eeeeeeeeeeee   exited    0          (31)   0',
        'node-2    default/web     nginx       cccccccccccc   running   1          30     -',
        'node-10   default/late    app         dddddddddddd   created   0          -      -',
        '',
      ].join('\n'),
    );
  });
});
