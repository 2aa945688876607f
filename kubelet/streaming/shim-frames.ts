/**
 * The frames of the shim's attach.sock (kubelet/runtime/CONTRACT.md): 1 byte stream id, 4 bytes
 * big-endian length, payload. Stream ids are Kubernetes' channel ids: 0 stdin, 1 stdout, 2 stderr,
 * 3 exit {"exitCode":N}, 4 resize, 255 close-stdin. Pure.
 */

export interface ShimFrame {
  stream: number;
  payload: Uint8Array;
}

export function encodeShimFrame(stream: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(5 + payload.length);
  out[0] = stream;
  new DataView(out.buffer).setUint32(1, payload.length);
  out.set(payload, 5);
  return out;
}

/** Reassembles frames from socket chunks, which may split or join frames anywhere. */
export class ShimFrameDecoder {
  private buf = new Uint8Array(0);

  push(chunk: Uint8Array): ShimFrame[] {
    const joined = new Uint8Array(this.buf.length + chunk.length);
    joined.set(this.buf);
    joined.set(chunk, this.buf.length);
    const frames: ShimFrame[] = [];
    let off = 0;
    while (joined.length - off >= 5) {
      const len = new DataView(joined.buffer, joined.byteOffset + off + 1, 4).getUint32(0);
      if (joined.length - off - 5 < len) break;
      frames.push({ stream: joined[off]!, payload: joined.slice(off + 5, off + 5 + len) });
      off += 5 + len;
    }
    this.buf = joined.slice(off);
    return frames;
  }
}
