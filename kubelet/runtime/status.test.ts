import { describe, expect, it } from 'vitest';
import { shellQuote, ttyCommand } from './child-process.js';
import { containerStatus } from './container-status.js';
import { exitCodeOf, exitReason, notFoundMessage, signalNumber } from './exit-status.js';
import { isSameLiveProcess, parseProcStat, readProcStat } from './proc-stat.js';
import { containerDir, containerLogPath, previousLogPath, type ContainerSpec } from './spec.js';

describe('exit status', () => {
  it.each([
    [0, null, 0],
    [3, null, 3],
    [null, 'SIGTERM', 143],
    [null, 'SIGKILL', 137],
    [null, 'SIGINT', 130],
    [null, 'SIGBOGUS', 255],
  ])('code %s signal %s → %d', (code, signal, exitCode) => {
    expect(exitCodeOf(code, signal)).toBe(exitCode);
  });

  it('names reasons as containerd does', () => {
    expect(exitReason(0)).toBe('Completed');
    expect(exitReason(137)).toBe('Error');
    expect(signalNumber('SIGQUIT')).toBe(3);
  });

  it('words a missing command as containerd does', () => {
    expect(notFoundMessage('nope')).toMatch(/unable to start container process: exec: "nope": executable file not found in \$PATH: unknown$/);
    expect(notFoundMessage('/bin/nope')).toMatch(/exec: "\/bin\/nope": stat \/bin\/nope: no such file or directory: unknown$/);
  });
});

describe('/proc/<pid>/stat', () => {
  it('parses the fields after a command name with spaces and parentheses', () => {
    const fields = ['S', '1', '4242', '4242', ...Array(15).fill('0'), '987654', '0'];
    const stat = parseProcStat(`4242 (kubelab (x) y) ${fields.join(' ')}`)!;
    expect(stat).toEqual({ pid: 4242, state: 'S', pgrp: 4242, startTime: '987654' });
    expect(parseProcStat('garbage')).toBeUndefined();
  });

  it('reads this process and tells a reused PID apart', () => {
    const self = readProcStat(process.pid)!;
    expect(self.pid).toBe(process.pid);
    expect(isSameLiveProcess(process.pid, self.startTime)).toBe(true);
    expect(isSameLiveProcess(process.pid, String(Number(self.startTime) + 1))).toBe(false);
    expect(isSameLiveProcess(2 ** 22 + 1, undefined)).toBe(false);
  });
});

const SPEC: ContainerSpec = {
  id: 'a'.repeat(64), podUID: 'uid-1', podName: 'hello', namespace: 'default', containerName: 'nginx', restartCount: 2,
  image: 'nginxdemos/hello', program: { kind: 'builtin', name: 'hello-html' }, argv: ['nginx'], env: {}, podIP: '127.244.1.2',
  hostname: 'hello', tty: false, stdin: false, stdinOnce: false, logPath: '/r/logs/default_hello_uid-1/nginx/2.log',
  logMaxBytes: 1000, logMaxFiles: 2,
};

describe('containerStatus', () => {
  const state = { pid: 42, startedAt: '2026-11-28T10:00:00.000Z' };
  it.each([
    ['created', {}, { state: 'created' }],
    ['running', { state, alive: true }, { state: 'running', pid: 42, startedAt: state.startedAt }],
    ['exited cleanly', { state, exit: { exitCode: 0, finishedAt: 'F', reason: 'Completed' } }, { state: 'exited', exitCode: 0, reason: 'Completed', finishedAt: 'F' }],
    ['killed by a signal', { state, exit: { exitCode: 143, signal: 'SIGTERM', finishedAt: 'F', reason: 'Error' } }, { exitCode: 143, signal: 'SIGTERM' }],
    ['start error', { exit: { exitCode: 128, finishedAt: 'F', reason: 'StartError', message: 'm' } }, { state: 'exited', reason: 'StartError', message: 'm' }],
    ['shim vanished', { state, alive: false, lostAt: 'L' }, { state: 'exited', exitCode: 137, reason: 'Error', signal: 'SIGKILL', finishedAt: 'L' }],
  ])('%s', (_name, observed, expected) => {
    const s = containerStatus({ spec: SPEC, alive: false, ...observed });
    expect(s).toMatchObject({ id: SPEC.id, podName: 'hello', restartCount: 2, ...expected });
  });
});

describe('paths', () => {
  it('lays out logs as the kubelet does', () => {
    expect(containerLogPath('/r', SPEC)).toBe('/r/logs/default_hello_uid-1/nginx/2.log');
    expect(previousLogPath('/r/logs/p/c/2.log')).toBe('/r/logs/p/c/1.log');
    expect(previousLogPath('/r/logs/p/c/0.log')).toBeUndefined();
  });

  it('refuses an ID that could walk out of containers/', () => {
    expect(() => containerDir('/r', '../../etc')).toThrow('not a container ID');
    expect(containerDir('/r', SPEC.id)).toBe(`/r/containers/${SPEC.id}`);
  });
});

describe('tty command', () => {
  it.each([
    ['plain', "'plain'"],
    ["it's", "'it'\\''s'"],
    ['', "''"],
  ])('quotes %j', (word, quoted) => expect(shellQuote(word)).toBe(quoted));

  it('restores SHELL and execs the program', () => {
    expect(ttyCommand('/bin/bash', ['bash', '-l'], undefined)).toBe("unset SHELL; exec '/bin/bash' '-l'");
    expect(ttyCommand('/bin/sh', ['sh'], '/bin/ash')).toBe("SHELL='/bin/ash'; export SHELL; exec '/bin/sh'");
  });
});
