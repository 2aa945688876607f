/**
 * The runtime's streams end to end: attach (output, stdin, stdinOnce, TTY and resize), log rotation and
 * following a log. Real shims from dist/ (`npx tsc -b` first), killed afterwards.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import type { AttachConnection } from './attach-client.js';
import { followLogs, LogNotFoundError, readLogs } from './log-reader.js';
import type { ContainerStatus } from './runtime-client.js';
import { rotatedLogPath } from './spec.js';
import { eventually, freeAddress, Harness, shimBuilt } from './testing/harness.js';

const h = new Harness();
afterAll(() => h.cleanup());

function collect(conn: AttachConnection): { text: () => string; exit: Promise<number> } {
  let text = '';
  conn.on('output', (_s, data) => (text += data.toString()));
  return { text: () => text, exit: new Promise((resolve) => conn.on('exit', resolve)) };
}

const hasScript = (() => {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    execFileSync('stty', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.runIf(shimBuilt)('attach', () => {
  it('shows output from the moment of attach, and the exit on stream 3', async () => {
    const { ip, port } = await freeAddress();
    const spec = h.spec('nginxdemos/hello', { podIP: ip, env: { PORT: String(port) } });
    await h.start(spec);
    const conn = await h.client.attach(spec.id, { stdin: false, stdout: true, stderr: true, tty: false });
    const out = collect(conn);
    await new Promise((r) => setTimeout(r, 50));
    expect(out.text()).toBe(''); // history is in the log, not in the attachment
    await new Promise<void>((resolve, reject) => request({ host: ip, port, path: '/attached', agent: false }, (res) => res.resume().on('end', resolve)).on('error', reject).end());
    await eventually(() => out.text().includes('"GET /attached HTTP/1.1" 200'));
    await h.client.stopContainer(spec.id, 5);
    expect(await out.exit).toBe(0);
    expect(out.text()).toContain('signal 15 (SIGTERM) received, exiting');
  });

  it('passes stdin to the program and closes it when the stdinOnce client leaves', async () => {
    const spec = h.spec('posquit0/doraemon', { command: ['sh', '-c', 'while read line; do echo "got $line"; done; echo bye'], stdin: true, stdinOnce: true });
    await h.start(spec);
    const conn = await h.client.attach(spec.id, { stdin: true, stdout: true, stderr: true, tty: false });
    const out = collect(conn);
    conn.writeStdin('one\ntwo\n');
    await eventually(() => out.text() === 'got one\ngot two\n');
    conn.closeStdin();
    expect(await out.exit).toBe(0);
    expect(out.text()).toBe('got one\ngot two\nbye\n');
    expect((await readLogs(spec.logPath)).toString()).toBe('got one\ngot two\nbye\n');
  });

  it('keeps stdin open across attachments without stdinOnce', async () => {
    const spec = h.spec('posquit0/doraemon', { command: ['cat'], stdin: true });
    await h.start(spec);
    const first = await h.client.attach(spec.id, { stdin: true, stdout: true, stderr: false, tty: false });
    const firstOut = collect(first);
    first.writeStdin('a\n');
    // cat's echo of "a" must reach the first client before it leaves: output written after the second
    // client attached would (rightly) go to the second one too.
    await eventually(() => firstOut.text() === 'a\n');
    first.closeStdin();
    first.close();
    const second = await h.client.attach(spec.id, { stdin: true, stdout: true, stderr: false, tty: false });
    const out = collect(second);
    second.writeStdin('b\n');
    await eventually(() => out.text() === 'b\n');
    expect((await h.client.inspectContainer(spec.id))!.state).toBe('running');
    await h.client.stopContainer(spec.id, 2);
    expect((await readLogs(spec.logPath)).toString()).toBe('a\nb\n');
  });

  it.runIf(hasScript)('runs a TTY container on a real pty: echo, resize, exit code', async () => {
    const spec = h.spec('posquit0/doraemon', { command: ['sh'], stdin: true, stdinOnce: true, tty: true, env: { PS1: '$ ' } });
    await h.start(spec);
    const conn = await h.client.attach(spec.id, { stdin: true, stdout: true, stderr: false, tty: true });
    const out = collect(conn);
    conn.resize(100, 30);
    // The resize lands once the shell is on its pty; ask until the terminal reports the new size.
    await eventually(async () => {
      if (/30 100\r\n\/dev\/pts\/\d+\r\n/.test(out.text())) return true;
      conn.writeStdin('stty size; tty\r');
      await new Promise((r) => setTimeout(r, 150));
      return undefined;
    });
    expect(out.text()).toContain('stty size; tty'); // the terminal echoes what is typed
    conn.writeStdin('exit 5\r');
    expect(await out.exit).toBe(5);
    const status = await eventually(async () => {
      const s = await h.client.inspectContainer(spec.id);
      return s?.state === 'exited' ? s : undefined;
    });
    expect(status.exitCode).toBe(5);
    expect(readFileSync(spec.logPath, 'utf8')).not.toContain(' stderr ');
  });

  it('under a TTY, a built-in program’s newlines become CRLF, all on stdout', async () => {
    const spec = h.spec('kubelab/crash', { tty: true, env: { DELAY_SECONDS: '0' } });
    await h.start(spec);
    await eventually(async () => (await h.client.inspectContainer(spec.id))?.state === 'exited');
    expect((await readLogs(spec.logPath)).toString()).toMatch(/^crash: started on pod-1; exiting with code 1 in 0s\r\ncrash: exiting with code 1\r\n$/);
  });
});

describe.runIf(shimBuilt)('logs', () => {
  it('rotates at logMaxBytes, keeping logMaxFiles files', async () => {
    const spec = h.spec('posquit0/doraemon', {
      command: ['sh', '-c', 'i=0; while [ $i -lt 60 ]; do echo "line $i"; i=$((i+1)); done'],
      logMaxBytes: 1000, logMaxFiles: 3,
    });
    await h.start(spec);
    await new Promise<ContainerStatus>((resolve) => h.client.monitor(spec.id, resolve));
    expect(existsSync(rotatedLogPath(spec.logPath, 1))).toBe(true);
    expect(existsSync(rotatedLogPath(spec.logPath, 2))).toBe(true);
    expect(existsSync(rotatedLogPath(spec.logPath, 3))).toBe(false);
    for (const p of [spec.logPath, rotatedLogPath(spec.logPath, 1)]) expect(readFileSync(p).length).toBeLessThanOrEqual(1000);
    // As the kubelet, `kubectl logs` reads the current file only; it ends with the last line.
    expect((await readLogs(spec.logPath)).toString()).toMatch(/line 59\n$/);
  });

  it('follows a log until the container ends', async () => {
    const spec = h.spec('posquit0/doraemon', { command: ['sh', '-c', 'echo first; sleep 0.3; echo second; sleep 0.2; echo third'] });
    await h.start(spec);
    let seen = '';
    await followLogs(spec.logPath, {
      isRunning: async () => (await h.client.inspectContainer(spec.id))?.state === 'running',
      onData: (c) => void (seen += c.data.toString()),
      pollIntervalMs: 20,
    });
    expect(seen).toBe('first\nsecond\nthird\n');
  });

  it('follows across a rotation, and honours tail and abort', async () => {
    const spec = h.spec('posquit0/doraemon', {
      command: ['sh', '-c', 'i=0; while [ $i -lt 40 ]; do echo "n$i"; i=$((i+1)); sleep 0.01; done; sleep 30'],
      logMaxBytes: 300, logMaxFiles: 5,
    });
    await h.start(spec);
    await eventually(async () => (await readLogs(spec.logPath)).length > 0);
    const lines: string[] = [];
    const abort = new AbortController();
    const following = followLogs(spec.logPath, {
      tailLines: 1, isRunning: () => true, signal: abort.signal, pollIntervalMs: 10,
      onData: (c) => void lines.push(c.data.toString()),
    });
    await eventually(() => lines.includes('n39\n'), 8000);
    abort.abort();
    await following;
    const numbers = lines.map((l) => Number(l.slice(1)));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers.at(-1)! - numbers[0]! + 1).toBe(numbers.length); // nothing lost across rotations
    await h.client.stopContainer(spec.id, 0);
  });

  it('reads the previous instance’s log, and says when there is none', async () => {
    const first = h.spec('kubelab/crash', { env: { DELAY_SECONDS: '0', EXIT_CODE: '2' } });
    await h.start(first);
    await eventually(async () => (await h.client.inspectContainer(first.id))?.state === 'exited');
    const second = h.spec('kubelab/crash', { podUID: first.podUID, restartCount: 1, env: { DELAY_SECONDS: '0', EXIT_CODE: '3' } });
    await h.start(second);
    await eventually(async () => (await h.client.inspectContainer(second.id))?.state === 'exited');
    expect((await readLogs(second.logPath, { previous: true })).toString()).toContain('exiting with code 2');
    expect((await readLogs(second.logPath)).toString()).toContain('exiting with code 3');
    await expect(readLogs(first.logPath, { previous: true })).rejects.toThrow(LogNotFoundError);
  });
});
