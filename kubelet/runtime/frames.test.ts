import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameDecoder, MAX_FRAME_BYTES, parseAttachHeader, parseResize, splitHeader, Stream } from './frames.js';

describe('frames', () => {
  it('encodes stream id, big-endian length, payload', () => {
    expect([...encodeFrame(Stream.STDOUT, 'hi')]).toEqual([1, 0, 0, 0, 2, 0x68, 0x69]);
    expect([...encodeFrame(Stream.CLOSE, Buffer.from([0]))]).toEqual([255, 0, 0, 0, 1, 0]);
    expect([...encodeFrame(Stream.EXIT, new Uint8Array(0))]).toEqual([3, 0, 0, 0, 0]);
  });

  it('decodes frames however the bytes are cut', () => {
    const bytes = Buffer.concat([encodeFrame(1, 'abc'), encodeFrame(2, ''), encodeFrame(4, '{"Width":80,"Height":24}')]);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const d = new FrameDecoder();
      const frames = [...d.push(bytes.subarray(0, cut)), ...d.push(bytes.subarray(cut))];
      expect(frames.map((f) => [f.stream, f.payload.toString()])).toEqual([[1, 'abc'], [2, ''], [4, '{"Width":80,"Height":24}']]);
    }
  });

  it('refuses a frame larger than the limit', () => {
    const head = Buffer.alloc(5);
    head[0] = 0;
    head.writeUInt32BE(MAX_FRAME_BYTES + 1, 1);
    expect(() => new FrameDecoder().push(head)).toThrow('exceeds');
  });
});

describe('header and resize', () => {
  it.each([
    ['{"stdin":true,"stdout":true,"stderr":false,"tty":true}', { stdin: true, stdout: true, stderr: false, tty: true }],
    ['{}', { stdin: false, stdout: false, stderr: false, tty: false }],
    ['{"stdout":"yes"}', { stdin: false, stdout: false, stderr: false, tty: false }],
  ])('parses %s', (line, header) => {
    expect(parseAttachHeader(line)).toEqual(header);
  });

  it.each(['[]', 'null', 'nope'])('rejects %s', (line) => {
    expect(() => parseAttachHeader(line)).toThrow();
  });

  it('splits the header line from the frames that follow it', () => {
    expect(splitHeader(Buffer.from('{"std'))).toBeUndefined();
    const s = splitHeader(Buffer.concat([Buffer.from('{}\n'), encodeFrame(0, 'x')]))!;
    expect(s.header).toBe('{}');
    expect(new FrameDecoder().push(s.rest)[0]!.payload.toString()).toBe('x');
  });

  it.each([
    ['{"Width":80,"Height":24}', { width: 80, height: 24 }],
    ['{"Width":0,"Height":0}', { width: 0, height: 0 }],
    ['{"Width":-1,"Height":24}', undefined],
    ['{"width":80,"height":24}', undefined],
    ['{', undefined],
  ])('resize %s', (payload, size) => {
    expect(parseResize(Buffer.from(payload))).toEqual(size);
  });
});
