/**
 * One side of an open node stream (protocol in ./streaming-protocol.ts): numbered frames out, frames in
 * checked for gaps and handed to a consumer one at a time, flow control by ACKs, keepalives, and the end.
 * Both the apiserver and the kubelet use this same class, so the two sides cannot disagree.
 *
 *   const s = new StreamSession(transport, { receiveOn: mySubject });
 *   s.setPeer(peerSubject);                 // frames sent before this wait in a small queue
 *   s.onFrame(async (f) => { ... });        // frames received before this wait (unacknowledged)
 *   await s.send(FrameType.STDOUT, bytes);  // resolves once the frames are within the peer's window
 *   s.end();                                // END to the peer; `ended` resolves
 *   const how = await s.ended;              // { by: 'local' | 'peer' | 'timeout' | 'gap' | 'error', reason? }
 *
 * Invariants:
 * - The consumer sees data frames in order, each once, never concurrently, and the END (or a gap, or a
 *   timeout) only after every frame before it.
 * - A frame is acknowledged only once the consumer has finished with it, so a slow consumer holds the
 *   peer back within WINDOW_FRAMES.
 * - After `ended` resolves nothing is sent or delivered any more; pending `send`s reject.
 */
import {
  DEAD_AFTER_MS, decodeFrame, decodeUint32, encodeFrame, encodeUint32, FrameType, KEEPALIVE_MS, MAX_CHUNK_BYTES,
  WINDOW_FRAMES, type Frame,
} from './streaming-protocol.js';

/** The little of NATS a session needs; lib/nats/stream-transport.ts adapts a NatsConnection. */
export interface FrameTransport {
  publish(subject: string, data: Uint8Array): void;
  /** Delivers every message on `subject`, in order; returns the unsubscribe function. */
  subscribe(subject: string, onMessage: (data: Uint8Array) => void): () => void;
}

export type SessionEnd =
  | { by: 'local'; reason?: string }
  | { by: 'peer'; reason?: string }
  | { by: 'timeout'; reason: string }
  | { by: 'gap'; reason: string }
  | { by: 'error'; reason: string };

export interface SessionOptions {
  receiveOn: string;
  sendTo?: string;
  keepaliveMs?: number;
  deadAfterMs?: number;
  window?: number;
  maxChunkBytes?: number;
}

export type FrameHandler = (frame: Frame) => void | Promise<void>;

export class SessionClosedError extends Error {
  constructor(readonly end: SessionEnd) {
    super(`stream session ended (${end.by}${end.reason ? `: ${end.reason}` : ''})`);
    this.name = 'SessionClosedError';
  }
}

const DATA_TYPES: ReadonlySet<number> = new Set([FrameType.STDIN, FrameType.STDOUT, FrameType.STDERR]);

export class StreamSession {
  readonly ended: Promise<SessionEnd>;
  private resolveEnded!: (end: SessionEnd) => void;
  private endedWith?: SessionEnd;
  private peer?: string;
  private readonly outbox: Uint8Array[] = [];
  private sentSeq = 0;
  private peerAcked = 0;
  private expectSeq = 1;
  private processed = 0;
  private ackedToPeer = 0;
  private readonly inbox: Frame[] = [];
  private handler?: FrameHandler;
  private draining = false;
  private waiters: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  private lastHeard = Date.now();
  private readonly timer: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  private readonly keepaliveMs: number;
  private readonly deadAfterMs: number;
  private readonly window: number;
  private readonly maxChunk: number;

  constructor(private readonly transport: FrameTransport, opts: SessionOptions) {
    this.keepaliveMs = opts.keepaliveMs ?? KEEPALIVE_MS;
    this.deadAfterMs = opts.deadAfterMs ?? DEAD_AFTER_MS;
    this.window = opts.window ?? WINDOW_FRAMES;
    this.maxChunk = opts.maxChunkBytes ?? MAX_CHUNK_BYTES;
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
    this.unsubscribe = transport.subscribe(opts.receiveOn, (data) => this.receive(data));
    this.timer = setInterval(() => this.tick(), this.keepaliveMs);
    if (opts.sendTo) this.setPeer(opts.sendTo);
  }

  get isEnded(): boolean {
    return this.endedWith !== undefined;
  }

  /** Where frames go; until it is known, numbered frames wait in order. */
  setPeer(subject: string): void {
    this.peer = subject;
    for (const data of this.outbox.splice(0)) this.transport.publish(subject, data);
  }

  /** Starts delivering frames (those that arrived earlier first). */
  onFrame(handler: FrameHandler): void {
    this.handler = handler;
    void this.drain();
  }

  /** Sends a frame; data frames larger than a chunk go as several. Rejects once the session is over. */
  async send(type: FrameType, payload: Uint8Array = new Uint8Array(0)): Promise<void> {
    if (!DATA_TYPES.has(type) || payload.length <= this.maxChunk) return this.sendOne(type, payload);
    for (let off = 0; off < payload.length; off += this.maxChunk) {
      await this.sendOne(type, payload.subarray(off, off + this.maxChunk));
    }
  }

  /** Ends the session from this side: END to the peer (it bypasses the window), then closes. */
  end(reason?: string): void {
    if (this.isEnded) return;
    this.publishNumbered(FrameType.END, new TextEncoder().encode(reason ?? ''));
    this.close({ by: 'local', ...(reason ? { reason } : {}) });
  }

  private async sendOne(type: FrameType, payload: Uint8Array): Promise<void> {
    while (!this.isEnded && this.sentSeq - this.peerAcked >= this.window) {
      await new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    }
    if (this.endedWith) throw new SessionClosedError(this.endedWith);
    this.publishNumbered(type, payload);
  }

  private publishNumbered(type: FrameType, payload: Uint8Array): void {
    const data = encodeFrame(type, ++this.sentSeq, payload);
    if (this.peer) this.transport.publish(this.peer, data);
    else this.outbox.push(data);
  }

  private sendAck(): void {
    if (!this.peer || this.isEnded) return;
    this.ackedToPeer = this.processed;
    this.transport.publish(this.peer, encodeFrame(FrameType.ACK, 0, encodeUint32(this.processed)));
  }

  private receive(data: Uint8Array): void {
    if (this.isEnded) return;
    this.lastHeard = Date.now();
    const frame = decodeFrame(data);
    if (!frame) return this.fail({ by: 'error', reason: 'malformed frame' });
    if (frame.type === FrameType.ACK) return this.onAck(frame.payload);
    if (frame.seq !== this.expectSeq) {
      return this.fail({ by: 'gap', reason: `frame ${this.expectSeq} was lost (got ${frame.seq})` });
    }
    this.expectSeq++;
    this.inbox.push(frame);
    void this.drain();
  }

  private onAck(payload: Uint8Array): void {
    const acked = decodeUint32(payload);
    if (acked === undefined) return this.fail({ by: 'error', reason: 'malformed ACK' });
    if (acked <= this.peerAcked) return;
    this.peerAcked = acked;
    for (const w of this.waiters.splice(0)) w.resolve();
  }

  /** Hands queued frames to the consumer one at a time; an END closes after the frames before it. */
  private async drain(): Promise<void> {
    if (this.draining || !this.handler) return;
    this.draining = true;
    try {
      while (this.inbox.length && !this.isEnded) {
        const frame = this.inbox.shift()!;
        if (frame.type === FrameType.END) {
          const reason = new TextDecoder().decode(frame.payload);
          return this.close({ by: 'peer', ...(reason ? { reason } : {}) });
        }
        await this.handler(frame);
        this.processed = frame.seq;
        if (this.processed - this.ackedToPeer >= this.window / 2) this.sendAck();
      }
    } catch (err) {
      this.fail({ by: 'error', reason: err instanceof Error ? err.message : String(err) });
    } finally {
      this.draining = false;
    }
  }

  private tick(): void {
    if (Date.now() - this.lastHeard > this.deadAfterMs) {
      return this.fail({ by: 'timeout', reason: `no frame from the peer for ${this.deadAfterMs} ms` });
    }
    this.sendAck();
  }

  /** Ends on a fault: tells the peer why (it may still be listening), then closes. */
  private fail(end: SessionEnd): void {
    if (this.isEnded) return;
    this.publishNumbered(FrameType.END, new TextEncoder().encode(end.reason ?? ''));
    this.close(end);
  }

  private close(end: SessionEnd): void {
    if (this.endedWith) return;
    this.endedWith = end;
    clearInterval(this.timer);
    this.unsubscribe();
    this.inbox.length = 0;
    for (const w of this.waiters.splice(0)) w.reject(new SessionClosedError(end));
    this.resolveEnded(end);
  }
}
