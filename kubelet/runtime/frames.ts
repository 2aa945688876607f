/**
 * The attach.sock protocol (CONTRACT.md): after a one-line JSON header from the client, both directions
 * carry frames of 1 byte stream id, 4 bytes big-endian length, payload. Stream ids follow Kubernetes'
 * channel protocol. Pure.
 */

export const Stream = {
  STDIN: 0,
  STDOUT: 1,
  STDERR: 2,
  /** shim → client, once, when the program ended: `{"exitCode":N}`; the connection closes after it. */
  EXIT: 3,
  /** client → shim: `{"Width":W,"Height":H}`. */
  RESIZE: 4,
  /** client → shim: `[0]`, the client's stdin reached EOF. */
  CLOSE: 255,
} as const;

export interface Frame {
  stream: number;
  payload: Buffer;
}

/** What a client asks for when it connects; a monitoring client asks for nothing. */
export interface AttachHeader {
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

export const MAX_FRAME_BYTES = 1 << 20;

export function encodeFrame(stream: number, payload: Uint8Array | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  const head = Buffer.alloc(5);
  head[0] = stream;
  head.writeUInt32BE(body.length, 1);
  return Buffer.concat([head, body]);
}

/** Reassembles frames from a byte stream cut anywhere; throws on a frame larger than MAX_FRAME_BYTES. */
export class FrameDecoder {
  private buf: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Frame[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const frames: Frame[] = [];
    while (this.buf.length >= 5) {
      const len = this.buf.readUInt32BE(1);
      if (len > MAX_FRAME_BYTES) throw new Error(`attach frame of ${len} bytes exceeds ${MAX_FRAME_BYTES}`);
      if (this.buf.length < 5 + len) break;
      frames.push({ stream: this.buf[0]!, payload: Buffer.from(this.buf.subarray(5, 5 + len)) });
      this.buf = this.buf.subarray(5 + len);
    }
    return frames;
  }
}

/** Parses the header line; every flag defaults to false, so `{}` is a monitoring connection. */
export function parseAttachHeader(line: string): AttachHeader {
  const raw = JSON.parse(line) as Partial<Record<keyof AttachHeader, unknown>>;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('attach header must be a JSON object');
  return { stdin: raw.stdin === true, stdout: raw.stdout === true, stderr: raw.stderr === true, tty: raw.tty === true };
}

/** Splits the header line off the first bytes a client sent; undefined until the newline arrived. */
export function splitHeader(data: Buffer): { header: string; rest: Buffer } | undefined {
  const nl = data.indexOf(0x0a);
  if (nl < 0) return undefined;
  return { header: data.subarray(0, nl).toString('utf8'), rest: data.subarray(nl + 1) };
}

/** The resize payload, or undefined when it is not `{"Width":W,"Height":H}` with non-negative integers. */
export function parseResize(payload: Buffer): { width: number; height: number } | undefined {
  try {
    const v = JSON.parse(payload.toString('utf8')) as { Width?: unknown; Height?: unknown };
    const ok = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0;
    return ok(v.Width) && ok(v.Height) ? { width: v.Width, height: v.Height } : undefined;
  } catch {
    return undefined;
  }
}
