/**
 * FakeBus: an in-memory stand-in for a NATS server, for unit tests of anything built on Transport.
 *
 *   const bus = new FakeBus();
 *   const transport = bus.connect();               // a Transport, as NatsTransport is
 *   bus.respond('kubelab.api.request', handler);   // a responder (what a fake apiserver registers)
 *
 * It keeps NATS core's semantics that the client library depends on: delivery is asynchronous and in
 * publish order, a request with no responder fails at once (503), an unanswered one times out (504),
 * `*` and `>` wildcards match as in NATS. Faults are injected explicitly:
 * - `bus.filter(subject, body)` returns how many copies of a published message to deliver
 *   (0 loses it, 2 repeats it);
 * - `transport.disconnect()` / `transport.reconnect()`: while disconnected nothing is sent or received
 *   and requests fail; `reconnect()` then runs the onReconnect listeners, as a real client does.
 * `bus.published` records every publish, for assertions.
 */
import { ServiceUnavailableError, TimeoutError } from '../../errors.js';
import type { Transport, TransportSubscription } from '../transport.js';

type Handler = (body: unknown, reply: string | undefined, subject: string) => void;
type Responder = (body: unknown) => unknown;

interface Sub {
  pattern: string;
  handler: Handler;
  owner?: FakeTransport;
}

export function subjectMatches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return s.length > i;
    if (i >= s.length || (p[i] !== '*' && p[i] !== s[i])) return false;
  }
  return p.length === s.length;
}

export class FakeBus {
  private readonly subs = new Set<Sub>();
  private inboxes = 0;
  readonly published: { subject: string; body: unknown }[] = [];
  /** Copies of each published message to deliver: 0 drops it, 2 duplicates it. */
  filter: (subject: string, body: unknown) => number = () => 1;

  connect(): FakeTransport {
    return new FakeTransport(this);
  }

  /** Serves requests on `subject`; the handler's (awaited) return value is the reply. Returns unsubscribe. */
  respond(subject: string, responder: Responder): () => void {
    return this.subscribeRaw(subject, (body, reply) => {
      void Promise.resolve()
        .then(() => responder(body))
        .then((answer) => reply && this.publish(reply, answer, undefined, true));
    });
  }

  subscribeRaw(pattern: string, handler: Handler, owner?: FakeTransport): () => void {
    const sub: Sub = { pattern, handler, owner };
    this.subs.add(sub);
    return () => this.subs.delete(sub);
  }

  hasSubscriber(subject: string): boolean {
    return [...this.subs].some((s) => subjectMatches(s.pattern, subject) && !s.owner?.isDisconnected());
  }

  nextInbox(): string {
    return `_INBOX.fake.${++this.inboxes}`;
  }

  /** Delivers to every matching subscriber, asynchronously; `direct` skips the fault filter (replies). */
  publish(subject: string, body: unknown, reply?: string, direct = false): void {
    this.published.push({ subject, body });
    const copies = direct ? 1 : this.filter(subject, body);
    // Serialise as a real bus does, so a receiver can never share objects with the sender.
    const wire = JSON.stringify(body ?? null);
    const targets = [...this.subs].filter((s) => subjectMatches(s.pattern, subject));
    for (let i = 0; i < copies; i++) {
      for (const s of targets) {
        queueMicrotask(() => {
          if (this.subs.has(s) && !s.owner?.isDisconnected()) s.handler(JSON.parse(wire), reply, subject);
        });
      }
    }
  }
}

export class FakeTransport implements Transport {
  private disconnected = false;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly bus: FakeBus) {}

  isDisconnected(): boolean {
    return this.disconnected;
  }

  request(subject: string, body: unknown, timeoutMs: number): Promise<unknown> {
    if (this.disconnected) return Promise.reject(new ServiceUnavailableError(`NATS request on ${subject} failed: connection disconnected`));
    if (!this.bus.hasSubscriber(subject)) return Promise.reject(new ServiceUnavailableError(`no apiserver is listening on ${subject}`));
    return new Promise((resolve, reject) => {
      const inbox = this.bus.nextInbox();
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new TimeoutError(`no reply on ${subject} within ${timeoutMs}ms`));
      }, timeoutMs);
      const unsubscribe = this.bus.subscribeRaw(inbox, (answer) => {
        clearTimeout(timer);
        unsubscribe();
        resolve(answer);
      }, this);
      this.bus.publish(subject, body, inbox, true);
    });
  }

  publish(subject: string, body: unknown): void {
    if (!this.disconnected) this.bus.publish(subject, body);
  }

  subscribe(subject: string, onMessage: (body: unknown) => void): TransportSubscription {
    return { unsubscribe: this.bus.subscribeRaw(subject, (body) => onMessage(body), this) };
  }

  inbox(): string {
    return this.bus.nextInbox();
  }

  onReconnect(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  disconnect(): void {
    this.disconnected = true;
  }

  /** Ends a disconnection (or simulates a blip when connected) and tells the reconnect listeners. */
  reconnect(): void {
    this.disconnected = false;
    for (const l of [...this.listeners]) l();
  }
}
