/**
 * An in-memory FrameTransport for unit tests of stream sessions: messages are delivered asynchronously
 * and in publish order, as NATS core does; `drop` loses chosen messages, to test gap detection.
 */
import type { FrameTransport } from '../stream-session.js';

export class MemoryFrameTransport implements FrameTransport {
  private readonly subs = new Map<string, Set<(data: Uint8Array) => void>>();
  readonly published: Array<{ subject: string; data: Uint8Array }> = [];
  /** Return true to lose this message. */
  drop: (subject: string, data: Uint8Array) => boolean = () => false;

  publish(subject: string, data: Uint8Array): void {
    this.published.push({ subject, data });
    if (this.drop(subject, data)) return;
    const copy = new Uint8Array(data);
    queueMicrotask(() => {
      for (const fn of this.subs.get(subject) ?? []) fn(copy);
    });
  }

  subscribe(subject: string, onMessage: (data: Uint8Array) => void): () => void {
    const set = this.subs.get(subject) ?? new Set();
    set.add(onMessage);
    this.subs.set(subject, set);
    return () => set.delete(onMessage);
  }

  subscribers(subject: string): number {
    return this.subs.get(subject)?.size ?? 0;
  }
}
