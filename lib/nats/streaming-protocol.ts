/**
 * The node streaming protocol: how `kubectl logs`, `exec` and `attach` reach a kubelet that listens on
 * no port. The apiserver bridges the HTTP/WebSocket stream to the kubelet over NATS (design.md §1).
 *
 * Opening (request/reply on the node's subject, `subjects().node(name).logs | .exec | .attach`):
 *   request: StreamOpenRequest as JSON        reply: StreamOpenReply as JSON
 *   Before asking, the apiserver subscribes to `deliverTo` (its own session subject). The kubelet checks
 *   the container (found? running?), subscribes to its own session subject and answers
 *   `{ok: true, control}` or `{ok: false, status}` with the Status the user should see (e.g. "container
 *   not found"). No kubelet subscribed → NATS "no responders" at once; a hung kubelet → the request
 *   times out after OPEN_TIMEOUT_MS. Either way the user gets an error within seconds, not a hang.
 *   `validateOnly` asks the same questions without starting anything (the SPDY fallback uses it to give
 *   the user the real reason a stream cannot start).
 *
 * Frames (published to the peer's session subject, binary, never JSON-wrapped or base64'd):
 *   byte 0 frame type, bytes 1-4 sequence number (uint32 big-endian), then the payload.
 *   Data types mirror Kubernetes' channel ids, so a frame maps 1:1 onto a WebSocket message:
 *     0 STDIN   apiserver → kubelet   raw bytes
 *     1 STDOUT  kubelet → apiserver   raw bytes (for logs: the log text)
 *     2 STDERR  kubelet → apiserver   raw bytes
 *     3 STATUS  kubelet → apiserver   one metav1.Status as JSON, the outcome (Success, NonZeroExitCode, ...)
 *     4 RESIZE  apiserver → kubelet   {"Width":80,"Height":24}
 *     5 CLOSE   apiserver → kubelet   one byte: the stream that reached EOF (0: stdin)
 *   Control types:
 *     6 ACK     both                  uint32: the highest seq the sender has processed. Flow control and
 *                                     keepalive in one: sent when half the window is used, and at least
 *                                     every keepaliveMs. ACKs are cumulative, so they are not numbered
 *                                     (seq 0): a lost one is repaired by the next.
 *     7 END     both                  optional UTF-8 reason; the sender is done and has unsubscribed.
 *
 * Invariants:
 * - Each side numbers the frames it sends 1, 2, 3, ... (all but ACKs). NATS core is at-most-once, so a
 *   receiver that sees a gap ends the session: a lost stdout chunk must never pass silently.
 * - A sender keeps at most `window` frames unacknowledged, so a slow reader (kubectl over a slow link)
 *   slows the log reader or the command instead of growing buffers without bound.
 * - A side that has heard nothing (no frame at all) for `deadAfterMs` ends the session: a kubelet that
 *   dies mid-stream ends `kubectl logs -f` and `exec` within seconds.
 */
import type { Status } from '../api/types.js';

export const FrameType = {
  STDIN: 0,
  STDOUT: 1,
  STDERR: 2,
  STATUS: 3,
  RESIZE: 4,
  CLOSE: 5,
  ACK: 6,
  END: 7,
} as const;
export type FrameType = (typeof FrameType)[keyof typeof FrameType];

export interface Frame {
  type: FrameType;
  seq: number;
  payload: Uint8Array;
}

/** How long the apiserver waits for a kubelet to answer an open request. */
export const OPEN_TIMEOUT_MS = 5_000;
/** Each side sends an ACK at least this often while a session is open. */
export const KEEPALIVE_MS = 1_000;
/** A session whose peer has sent nothing for this long is over ("the node is down"). */
export const DEAD_AFTER_MS = 5_000;
/** Frames a sender may have in flight without an ACK. */
export const WINDOW_FRAMES = 32;
/** Largest payload of one data frame: big outputs are split, so the window bounds memory (32 × 64 KiB). */
export const MAX_CHUNK_BYTES = 64 * 1024;

const HEADER_BYTES = 5;
const MAX_SEQ = 0xffff_ffff;

export function encodeFrame(type: FrameType, seq: number, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  if (!Number.isInteger(seq) || seq < 0 || seq > MAX_SEQ) throw new RangeError(`frame sequence number out of range: ${seq}`);
  const out = new Uint8Array(HEADER_BYTES + payload.length);
  out[0] = type;
  new DataView(out.buffer).setUint32(1, seq);
  out.set(payload, HEADER_BYTES);
  return out;
}

/** The frame in `data`, or undefined for something that is not one (too short, unknown type). */
export function decodeFrame(data: Uint8Array): Frame | undefined {
  if (data.length < HEADER_BYTES) return undefined;
  const type = data[0]!;
  if (type > FrameType.END) return undefined;
  const seq = new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(1);
  return { type: type as FrameType, seq, payload: data.subarray(HEADER_BYTES) };
}

export function encodeUint32(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n);
  return out;
}

export function decodeUint32(payload: Uint8Array): number | undefined {
  if (payload.length !== 4) return undefined;
  return new DataView(payload.buffer, payload.byteOffset, 4).getUint32(0);
}

/** Which container a stream is about; the apiserver resolved the names from the stored pod. */
export interface StreamTarget {
  namespace: string;
  pod: string;
  podUID: string;
  container: string;
  /** The container's 64-hex runtime ID, without the `kubelab://` scheme; "" when the pod status has none. */
  containerID: string;
}

/** PodLogOptions as the kubelet needs them (validated and typed by the apiserver). */
export interface LogOptions {
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  /** RFC 3339; sinceSeconds is turned into this by the apiserver, as the real one does. */
  sinceTime?: string;
  limitBytes?: number;
}

interface OpenCommon {
  /** Session id: random, unique; names both session subjects. */
  session: string;
  /** Where the kubelet publishes its frames (the apiserver subscribed before asking). */
  deliverTo: string;
  target: StreamTarget;
  validateOnly?: boolean;
}

export interface LogsOpenRequest extends OpenCommon {
  kind: 'logs';
  options: LogOptions;
}

export interface ExecOpenRequest extends OpenCommon {
  kind: 'exec';
  command: string[];
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

export interface AttachOpenRequest extends OpenCommon {
  kind: 'attach';
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

export type StreamOpenRequest = LogsOpenRequest | ExecOpenRequest | AttachOpenRequest;

export type StreamOpenReply = { ok: true; control: string } | { ok: false; status: Status };

/** The terminal size a RESIZE frame carries, capitalised as Kubernetes' TerminalSize. */
export interface TerminalSize {
  Width: number;
  Height: number;
}

export function parseTerminalSize(payload: Uint8Array): TerminalSize | undefined {
  try {
    const v = JSON.parse(new TextDecoder().decode(payload)) as Partial<TerminalSize>;
    if (!Number.isInteger(v.Width) || !Number.isInteger(v.Height) || v.Width! < 0 || v.Height! < 0) return undefined;
    return { Width: v.Width!, Height: v.Height! };
  } catch {
    return undefined;
  }
}
