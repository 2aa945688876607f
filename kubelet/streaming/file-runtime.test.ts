/**
 * The streaming runtime over CONTRACT.md's files, and attach end to end against a stand-in attach.sock
 * (testing/fake-shim.ts), in a temp dir deep enough that the socket path exceeds the unix limit.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeStreamClient } from '../../apiserver/streaming/node-stream-client.js';
import { silentLogger } from '../../lib/log.js';
import { FrameType, type StreamTarget } from '../../lib/nats/streaming-protocol.js';
import { subjects } from '../../lib/nats/subjects.js';
import { MemoryFrameTransport } from '../../lib/nats/testing/memory-frame-transport.js';
import { fileStreamingRuntime } from './file-runtime.js';
import { StreamServer } from './stream-server.js';
import { startFakeShim, type FakeShim } from './testing/fake-shim.js';

const base = mkdtempSync(join(tmpdir(), 'kubelab-fileruntime-'));
const rootDir = join(base, 'a-rather-long-directory-name-for-a-node-root-dir');
const RUNNING = '1'.repeat(64);
const EXITED = '2'.repeat(64);
const DEAD = '3'.repeat(64);
const OLDER = '4'.repeat(64);
let shim: FakeShim;

function container(id: string, restartCount: number, files: { state?: object; exit?: object }) {
  const dir = join(rootDir, 'containers', id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'spec.json'), JSON.stringify({ id, podUID: 'uid-1', containerName: restartCount < 0 ? 'other' : 'app', restartCount, env: {}, logPath: '/dev/null' }));
  if (files.state) writeFileSync(join(dir, 'state.json'), JSON.stringify(files.state));
  if (files.exit) writeFileSync(join(dir, 'exit.json'), JSON.stringify(files.exit));
}

beforeAll(async () => {
  const deadPid = spawnSync('true').pid; // has exited by now
  container(RUNNING, 2, { state: { pid: process.pid } });
  container(OLDER, 1, { state: { pid: process.pid }, exit: { exitCode: 1 } });
  container(EXITED, -1, { state: { pid: process.pid }, exit: { exitCode: 0 } });
  container(DEAD, -1, { state: { pid: deadPid } });
  const sock = join(rootDir, 'containers', RUNNING, 'attach.sock');
  expect(Buffer.byteLength(sock)).toBeGreaterThan(107);
  shim = await startFakeShim(sock);
});

afterAll(async () => {
  await shim?.close();
  rmSync(base, { recursive: true, force: true });
});

const runtime = () => fileStreamingRuntime({ rootDir });
const target = (containerID: string, container = 'app'): StreamTarget => ({ namespace: 'default', pod: 'p', podUID: 'uid-1', container, containerID });

describe('fileStreamingRuntime', () => {
  it.each([
    ['a running container', RUNNING, 'app', 'running'],
    ['one with exit.json', EXITED, 'other', 'exited'],
    ['one whose process is gone without exit.json', DEAD, 'other', 'exited'],
  ])('reads the state of %s', async (_n, id, name, state) => {
    expect((await runtime().findContainer(target(id, name)))?.state).toBe(state);
  });

  it('finds the newest container of a pod and name when no ID is known', async () => {
    expect((await runtime().findContainer(target('')))?.id).toBe(RUNNING);
  });

  it.each([
    ['an unknown ID', target('9'.repeat(64))],
    ['something that is not an ID', target('../../etc')],
    ['the ID of another pod\'s container', { ...target(RUNNING), podUID: 'uid-2' }],
    ['the ID of another container of the pod', target(RUNNING, 'other')],
  ])('finds nothing for %s', async (_n, t) => {
    expect(await runtime().findContainer(t)).toBeUndefined();
  });
});

describe('attach through a node session', () => {
  const bus = new MemoryFrameTransport();
  const subs = subjects('test');
  const server = new StreamServer({ transport: bus, serve: () => () => undefined, subjects: subs, nodeName: 'n', runtime: runtime(), log: silentLogger() });
  const client = nodeStreamClient({ transport: bus, subjects: subs, request: async (_node, req) => server.open(req) });

  it('bridges stdin, resize and output to the shim and ends when the container does', async () => {
    const s = await client.open('n', { kind: 'attach', target: target(RUNNING), stdin: true, stdout: true, stderr: true, tty: false });
    let out = '';
    let err = '';
    let status: unknown;
    s.onFrame((f) => {
      const text = new TextDecoder().decode(f.payload);
      if (f.type === FrameType.STDOUT) out += text;
      if (f.type === FrameType.STDERR) err += text;
      if (f.type === FrameType.STATUS) status = JSON.parse(text);
    });
    await s.send(FrameType.STDIN, new TextEncoder().encode('hi\n'));
    await s.send(FrameType.RESIZE, new TextEncoder().encode('{"Width":80,"Height":24}'));
    await new Promise((r) => setTimeout(r, 50));
    await s.send(FrameType.CLOSE, new Uint8Array([0]));
    expect(await s.ended).toEqual({ by: 'peer' });
    expect(out).toBe('hi\nresized {"Width":80,"Height":24}\n');
    expect(err).toBe('hi\n');
    expect(status).toEqual({ metadata: {}, status: 'Success' });
    expect(shim.hellos).toContainEqual({ stdin: true, stdout: true, stderr: true, tty: false });
  });

  it('refuses to attach to a container that is not running', async () => {
    await expect(client.open('n', { kind: 'attach', target: target(EXITED, 'other'), stdin: false, stdout: true, stderr: false, tty: false }))
      .rejects.toMatchObject({ code: 404, message: 'container not found ("other")' });
  });
});
