import { describe, expect, it } from 'vitest';
import { isLive, parseProcStat, sameProcess, sessionMembers, type ProcStat } from './procfs.js';

// A real line from /proc/PID/stat (fields after starttime trimmed), and variants with awkward names.
const line = (pid: number, comm: string, state: string, session: number, start: number) =>
  `${pid} (${comm}) ${state} 1 ${pid} ${session} 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 ${start} 49807360 4398 18446744073709551615`;

describe('parseProcStat', () => {
  it.each([
    ['redis-server', 'S'],
    ['node (kubelab) x', 'R'],
    ['a) (b', 'T'],
  ])('reads fields around the command name %j', (comm, state) => {
    expect(parseProcStat(line(4242, comm, state, 4242, 987654))).toEqual({
      pid: 4242, comm, state, ppid: 1, pgrp: 4242, session: 4242, startTime: 987654,
    });
  });

  it.each(['', 'garbage', '12 (x'])('rejects %j', (text) => {
    expect(parseProcStat(text)).toBeUndefined();
  });
});

const stat = (pid: number, state: string, session: number, startTime: number): ProcStat => ({ pid, comm: 'x', state, ppid: 1, pgrp: pid, session, startTime });

describe('process identity', () => {
  it.each([
    ['S', true],
    ['R', true],
    ['T', true],
    ['Z', false],
    ['X', false],
  ])('state %s is live: %s', (state, live) => {
    expect(isLive(stat(1, state, 1, 1))).toBe(live);
  });

  it('recognises the recorded process only with its start time', () => {
    const read = (pid: number) => (pid === 10 ? stat(10, 'S', 10, 500) : undefined);
    expect(sameProcess(10, 500, read)?.pid).toBe(10);
    expect(sameProcess(10, 499, read)).toBeUndefined(); // PID reused by another process
    expect(sameProcess(11, 500, read)).toBeUndefined();
  });

  it('finds what a component left in its session, but not older processes reusing the number', () => {
    const all = [stat(100, 'S', 100, 1000), stat(101, 'S', 100, 1005), stat(102, 'Z', 100, 1006), stat(103, 'S', 100, 900), stat(104, 'S', 7, 1010)];
    expect(sessionMembers(all, 100, 1000).map((p) => p.pid)).toEqual([100, 101]);
  });
});
