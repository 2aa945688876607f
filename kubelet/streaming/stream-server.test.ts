/**
 * The whole node streaming protocol without NATS: the apiserver's NodeStreamClient and the kubelet's
 * StreamServer over an in-memory transport, with real log files in a temp dir and real processes for
 * exec. What kubectl then sees of it is covered by test/streaming.e2e.test.ts.
 */
import { appendFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { nodeStreamClient, type NodeStreamRequest } from '../../apiserver/streaming/node-stream-client.js';
import { ApiError } from '../../lib/errors.js';
import { silentLogger } from '../../lib/log.js';
import type { StreamSession } from '../../lib/nats/stream-session.js';
import { FrameType, type Frame, type StreamTarget } from '../../lib/nats/streaming-protocol.js';
import { subjects } from '../../lib/nats/subjects.js';
import { MemoryFrameTransport } from '../../lib/nats/testing/memory-frame-transport.js';
import type { ContainerSpec } from '../runtime-port.js';
import { StreamServer } from './stream-server.js';
import type { StreamContainer, StreamingRuntime } from './streaming-runtime.js';

const dir = mkdtempSync(join(tmpdir(), 'kubelab-streaming-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ID = 'c'.repeat(64);
const LOG = join(dir, '0.log');

/** A runtime with one container whose state the test sets. */
class FakeRuntime implements StreamingRuntime {
  state: StreamContainer['state'] = 'running';
  spec = { id: ID, podUID: 'uid-1', containerName: 'nginx', restartCount: 0, logPath: LOG, env: { PATH: process.env.PATH!, GREETING: 'hello from the container' }, workingDir: dir } as unknown as ContainerSpec;
  async findContainer(t: StreamTarget) {
    const mine = t.containerID ? t.containerID === ID : t.podUID === 'uid-1' && t.container === 'nginx';
    return mine ? { id: ID, spec: this.spec, state: this.state } : undefined;
  }
  async isRunning() {
    return this.state === 'running';
  }
  async attach(): Promise<never> {
    throw new Error('no attach.sock in this test');
  }
}

const bus = new MemoryFrameTransport();
const subs = subjects('test');
let runtime: FakeRuntime;
let server: StreamServer;
const client = nodeStreamClient({ transport: bus, subjects: subs, request: async (_node, req) => server.open(req) });
const target: StreamTarget = { namespace: 'default', pod: 'hello', podUID: 'uid-1', container: 'nginx', containerID: ID };

beforeEach(() => {
  runtime = new FakeRuntime();
  server = new StreamServer({ transport: bus, serve: () => () => undefined, subjects: subs, nodeName: 'node-1', runtime, log: silentLogger() });
  writeFileSync(LOG, ['2026-11-28T10:00:00.1Z stdout F one', '2026-11-28T10:00:01Z stderr F two', '2026-11-28T10:00:02Z stdout F three', ''].join('\n'));
});

/** Everything the kubelet sends until it ends the session. */
async function drain(s: StreamSession, onFrame?: (f: Frame) => void): Promise<{ out: string; err: string; status?: Record<string, unknown> }> {
  const r: { out: string; err: string; status?: Record<string, unknown> } = { out: '', err: '' };
  const dec = (f: Frame) => new TextDecoder().decode(f.payload);
  s.onFrame((f) => {
    if (f.type === FrameType.STDOUT) r.out += dec(f);
    if (f.type === FrameType.STDERR) r.err += dec(f);
    if (f.type === FrameType.STATUS) r.status = JSON.parse(dec(f));
    onFrame?.(f);
  });
  expect((await s.ended).by).toBe('peer');
  return r;
}

async function refusal(req: NodeStreamRequest): Promise<{ code: number; message: string }> {
  try {
    await client.open('node-1', req);
  } catch (err) {
    return { code: (err as ApiError).code, message: (err as ApiError).message };
  }
  throw new Error('expected the kubelet to refuse');
}

const logs = (options: Partial<Extract<NodeStreamRequest, { kind: 'logs' }>['options']> = {}): NodeStreamRequest =>
  ({ kind: 'logs', target, options: { follow: false, previous: false, timestamps: false, ...options } });
const exec = (command: string[], extra: Partial<Extract<NodeStreamRequest, { kind: 'exec' }>> = {}): NodeStreamRequest =>
  ({ kind: 'exec', target, command, stdin: false, stdout: true, stderr: true, tty: false, ...extra });

describe('logs through a node session', () => {
  it('sends the whole log, then ends', async () => {
    expect((await drain(await client.open('node-1', logs()))).out).toBe('one\ntwo\nthree\n');
  });

  it('applies tailLines and timestamps', async () => {
    expect((await drain(await client.open('node-1', logs({ tailLines: 1, timestamps: true })))).out).toBe('2026-11-28T10:00:02.000000000Z three\n');
  });

  it('follows new lines until the container stops', async () => {
    const s = await client.open('node-1', logs({ follow: true, tailLines: 0 }));
    const done = drain(s);
    await new Promise((r) => setTimeout(r, 150));
    appendFileSync(LOG, '2026-11-28T10:00:03Z stdout F four\n');
    await new Promise((r) => setTimeout(r, 250));
    appendFileSync(LOG, '2026-11-28T10:00:04Z stdout F five\n');
    runtime.state = 'exited';
    expect((await done).out).toBe('four\nfive\n');
  });

  it('refuses a log file that is gone with the kubelet\'s 400', async () => {
    rmSync(LOG);
    expect(await refusal(logs())).toEqual({ code: 400, message: `failed to open log file "${LOG}": open ${LOG}: no such file or directory` });
  });

  it('finds the newest container when the pod status had no ID yet', async () => {
    expect((await drain(await client.open('node-1', { ...logs(), target: { ...target, containerID: '' } }))).out).toBe('one\ntwo\nthree\n');
  });

  it('says the container is not available when the runtime does not know it', async () => {
    expect(await refusal({ ...logs(), target: { ...target, containerID: 'd'.repeat(64) } })).toEqual({ code: 400, message: 'container "nginx" in pod "hello" is not available' });
  });
});

describe('exec through a node session', () => {
  it('runs in the container environment and reports the exit code', async () => {
    const r = await drain(await client.open('node-1', exec(['sh', '-c', 'echo "$GREETING"; pwd; echo oops >&2; exit 3'])));
    expect(r.out).toBe(`hello from the container\n${dir}\n`);
    expect(r.err).toBe('oops\n');
    expect(r.status).toMatchObject({ status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '3' }] } });
  });

  it('feeds stdin and closes it on the client\'s close signal', async () => {
    const s = await client.open('node-1', exec(['cat'], { stdin: true }));
    const done = drain(s);
    await s.send(FrameType.STDIN, new TextEncoder().encode('piped input\n'));
    await s.send(FrameType.CLOSE, new Uint8Array([0]));
    const r = await done;
    expect(r.out).toBe('piped input\n');
    expect(r.status).toEqual({ metadata: {}, status: 'Success' });
  });

  it('runs on a terminal that takes the client\'s size', async () => {
    const s = await client.open('node-1', exec(['sh', '-c', 'read go; stty size'], { stdin: true, tty: true, stderr: false }));
    const done = drain(s);
    await s.send(FrameType.RESIZE, new TextEncoder().encode('{"Width":100,"Height":40}'));
    await s.send(FrameType.STDIN, new TextEncoder().encode('go\r'));
    const r = await done;
    expect(r.out).toContain('40 100');
    expect(r.status).toEqual({ metadata: {}, status: 'Success' });
  });

  it('hangs up on the command when the client goes away', async () => {
    const s = await client.open('node-1', exec(['sh', '-c', 'echo $$; exec sleep 30']));
    const pid = await new Promise<number>((resolve) => s.onFrame((f) => resolve(Number(new TextDecoder().decode(f.payload)))));
    s.end('kubectl exited');
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline && alive(pid)) await new Promise((r) => setTimeout(r, 50));
    expect(alive(pid)).toBe(false);
  });

  it.each([
    ['a container that is not running', () => (runtime.state = 'exited'), ['env'], { code: 404, message: 'container not found ("nginx")' }],
    ['a command that does not exist', () => undefined, ['nosuch-cmd'], { code: 500, message: 'Internal error occurred: error executing command in container: exec: "nosuch-cmd": executable file not found in $PATH' }],
  ])('refuses %s', async (_n, arrange, command, want) => {
    arrange();
    expect(await refusal(exec(command))).toEqual(want);
  });

  it('answers a validate-only request without running anything', async () => {
    const marker = join(dir, 'ran');
    const s = await client.open('node-1', { ...exec(['sh', '-c', `touch ${marker}`]), validateOnly: true });
    expect(s.isEnded).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(existsSync(marker)).toBe(false);
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
