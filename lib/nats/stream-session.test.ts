import { afterEach, describe, expect, it, vi } from 'vitest';
import { SessionClosedError, StreamSession, type SessionOptions } from './stream-session.js';
import { decodeFrame, FrameType, type Frame } from './streaming-protocol.js';
import { MemoryFrameTransport } from './testing/memory-frame-transport.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (f: Frame) => new TextDecoder().decode(f.payload);
const settle = () => new Promise((r) => setTimeout(r, 0));

/** Two connected sessions: "a" (the apiserver side) and "k" (the kubelet side). */
function pair(opts: Partial<SessionOptions> = {}, bus = new MemoryFrameTransport()) {
  const a = new StreamSession(bus, { receiveOn: 'to-a', ...opts });
  const k = new StreamSession(bus, { receiveOn: 'to-k', sendTo: 'to-a', ...opts });
  a.setPeer('to-k');
  return { a, k, bus };
}

function collect(s: StreamSession): Frame[] {
  const got: Frame[] = [];
  s.onFrame((f) => void got.push(f));
  return got;
}

const live: StreamSession[] = [];
afterEach(() => {
  for (const s of live.splice(0)) s.end();
  vi.useRealTimers();
});

describe('StreamSession', () => {
  it('delivers frames in order, then the END after them', async () => {
    const { a, k } = pair();
    const got = collect(a);
    await k.send(FrameType.STDOUT, bytes('one'));
    await k.send(FrameType.STDERR, bytes('two'));
    await k.send(FrameType.STATUS, bytes('{"status":"Success"}'));
    k.end();
    expect(await a.ended).toEqual({ by: 'peer' });
    expect(await k.ended).toEqual({ by: 'local' });
    expect(got.map((f) => [f.type, f.seq, text(f)])).toEqual([[1, 1, 'one'], [2, 2, 'two'], [3, 3, '{"status":"Success"}']]);
  });

  it('carries the reason of an END', async () => {
    const { a, k } = pair();
    collect(a);
    k.end('container exited');
    expect(await a.ended).toEqual({ by: 'peer', reason: 'container exited' });
  });

  it('keeps frames sent before the peer is known, and frames received before a consumer exists', async () => {
    const bus = new MemoryFrameTransport();
    const a = new StreamSession(bus, { receiveOn: 'to-a' });
    const k = new StreamSession(bus, { receiveOn: 'to-k' });
    live.push(a, k);
    const sent = a.send(FrameType.STDIN, bytes('early'));
    await settle();
    expect(bus.published).toHaveLength(0);
    a.setPeer('to-k');
    await sent;
    await settle();
    const got = collect(k);
    await settle();
    expect(got.map(text)).toEqual(['early']);
  });

  it('splits a large data payload into chunks', async () => {
    const { a, k } = pair({ maxChunkBytes: 4 });
    live.push(a, k);
    const got = collect(a);
    await k.send(FrameType.STDOUT, bytes('0123456789'));
    await settle();
    expect(got.map(text)).toEqual(['0123', '4567', '89']);
    expect(got.map((f) => f.seq)).toEqual([1, 2, 3]);
  });

  it('holds a sender at the window until the consumer has finished frames', async () => {
    const { a, k } = pair({ window: 4 });
    live.push(a, k);
    const release: Array<() => void> = [];
    a.onFrame(() => new Promise<void>((r) => release.push(r)));
    for (let i = 0; i < 4; i++) await k.send(FrameType.STDOUT, bytes(String(i)));
    let fifthSent = false;
    const fifth = k.send(FrameType.STDOUT, bytes('4')).then(() => (fifthSent = true));
    await settle();
    expect(fifthSent).toBe(false);
    release.shift()!(); // frame 1 done: processed 1, not yet half the window
    await settle();
    expect(fifthSent).toBe(false);
    release.shift()!(); // frame 2 done: half the window → ACK 2
    await fifth;
    expect(fifthSent).toBe(true);
  });

  it('ends both sides when a frame is lost', async () => {
    const bus = new MemoryFrameTransport();
    bus.drop = (subject, data) => subject === 'to-a' && decodeFrame(data)?.seq === 2 && decodeFrame(data)?.type === FrameType.STDOUT;
    const { a, k } = pair({}, bus);
    const got = collect(a);
    collect(k);
    await k.send(FrameType.STDOUT, bytes('one'));
    await k.send(FrameType.STDOUT, bytes('two'));
    await k.send(FrameType.STDOUT, bytes('three'));
    expect(await a.ended).toEqual({ by: 'gap', reason: 'frame 2 was lost (got 3)' });
    expect(await k.ended).toEqual({ by: 'peer', reason: 'frame 2 was lost (got 3)' });
    expect(got.map(text)).toEqual(['one']);
  });

  it('ends with a timeout when the peer falls silent, and rejects a waiting sender', async () => {
    vi.useFakeTimers();
    const bus = new MemoryFrameTransport();
    const a = new StreamSession(bus, { receiveOn: 'to-a', sendTo: 'nobody', keepaliveMs: 100, deadAfterMs: 500, window: 1 });
    await a.send(FrameType.STDIN, bytes('x'));
    const blocked = a.send(FrameType.STDIN, bytes('y')).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(700);
    expect(await a.ended).toEqual({ by: 'timeout', reason: 'no frame from the peer for 500 ms' });
    expect(await blocked).toBeInstanceOf(SessionClosedError);
    await expect(a.send(FrameType.STDIN, bytes('z'))).rejects.toBeInstanceOf(SessionClosedError);
  });

  it('stays alive on keepalive ACKs while no data flows', async () => {
    vi.useFakeTimers();
    const { a, k } = pair({ keepaliveMs: 100, deadAfterMs: 500 });
    live.push(a, k);
    collect(a);
    collect(k);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(a.isEnded).toBe(false);
    expect(k.isEnded).toBe(false);
  });

  it('repairs a lost ACK with the next keepalive', async () => {
    vi.useFakeTimers();
    const bus = new MemoryFrameTransport();
    let dropped = 0;
    bus.drop = (subject, data) => subject === 'to-k' && decodeFrame(data)?.type === FrameType.ACK && dropped++ < 2;
    const { a, k } = pair({ window: 2, keepaliveMs: 100, deadAfterMs: 1_000 }, bus);
    live.push(a, k);
    collect(a);
    await k.send(FrameType.STDOUT, bytes('1'));
    await k.send(FrameType.STDOUT, bytes('2'));
    let third = false;
    void k.send(FrameType.STDOUT, bytes('3')).then(() => (third = true));
    await vi.advanceTimersByTimeAsync(10);
    expect(third).toBe(false);
    await vi.advanceTimersByTimeAsync(150);
    expect(third).toBe(true);
  });

  it('unsubscribes once ended', async () => {
    const { a, k, bus } = pair();
    collect(a);
    k.end();
    await a.ended;
    expect(bus.subscribers('to-a')).toBe(0);
    expect(bus.subscribers('to-k')).toBe(0);
  });
});
