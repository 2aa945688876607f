import { describe, expect, it } from 'vitest';
import { decodeFrame, decodeUint32, encodeFrame, encodeUint32, FrameType, parseTerminalSize } from './streaming-protocol.js';
import { subjects, subjectToken } from './subjects.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('frame codec', () => {
  it.each([
    ['stdin', FrameType.STDIN, 1, bytes('echo hi\r')],
    ['stdout, big seq', FrameType.STDOUT, 0xffff_fffe, bytes('x'.repeat(70_000))],
    ['an empty END', FrameType.END, 7, new Uint8Array(0)],
    ['an ACK', FrameType.ACK, 0, encodeUint32(123_456)],
  ])('round-trips %s', (_name, type, seq, payload) => {
    const f = decodeFrame(encodeFrame(type, seq, payload));
    expect(f).toEqual({ type, seq, payload });
  });

  it('puts type then big-endian seq in the first five bytes', () => {
    expect([...encodeFrame(FrameType.STDERR, 0x01020304, bytes('a'))]).toEqual([2, 1, 2, 3, 4, 97]);
  });

  it('decodes a frame that sits inside a larger buffer', () => {
    const outer = new Uint8Array(20);
    outer.set(encodeFrame(FrameType.STDOUT, 9, bytes('hey')), 4);
    expect(decodeFrame(outer.subarray(4, 12))).toEqual({ type: FrameType.STDOUT, seq: 9, payload: bytes('hey') });
  });

  it.each([
    ['too short', new Uint8Array([1, 0, 0])],
    ['unknown type', new Uint8Array([9, 0, 0, 0, 1])],
  ])('rejects %s', (_name, data) => expect(decodeFrame(data)).toBeUndefined());

  it('refuses sequence numbers that do not fit 32 bits', () => {
    expect(() => encodeFrame(FrameType.STDOUT, 2 ** 32)).toThrow(RangeError);
    expect(() => encodeFrame(FrameType.STDOUT, -1)).toThrow(RangeError);
  });

  it('reads ACK payloads of exactly four bytes only', () => {
    expect(decodeUint32(encodeUint32(42))).toBe(42);
    expect(decodeUint32(new Uint8Array(3))).toBeUndefined();
  });
});

describe('parseTerminalSize', () => {
  it.each([
    ['{"Width":80,"Height":24}', { Width: 80, Height: 24 }],
    ['{"Width":0,"Height":0}', { Width: 0, Height: 0 }],
    ['{"width":80,"height":24}', undefined],
    ['{"Width":-1,"Height":24}', undefined],
    ['not json', undefined],
  ])('%s', (text, want) => expect(parseTerminalSize(bytes(text))).toEqual(want));
});

describe('node subjects', () => {
  it('builds one subject per stream kind under the node', () => {
    expect(subjects('kl').node('node-1')).toEqual({ logs: 'kl.node.node-1.logs', exec: 'kl.node.node-1.exec', attach: 'kl.node.node-1.attach' });
    expect(subjects('kl').streamSession('abc', 'kubelet')).toBe('kl.stream.abc.kubelet');
  });

  it('keeps a dotted node name in one token, distinct from other names', () => {
    expect(subjectToken('node-1.example.com')).toBe('node-1_example_com');
    expect(subjects().node('a.b').logs).toBe('kubelab.node.a_b.logs');
  });
});
