/**
 * The Transport (transport.ts) over a real NATS connection from @nats-io/transport-node.
 *
 *   new NatsTransport(nc, { log, inboxPrefix? })
 *
 * NATS failures are translated here, once, into the API errors callers already handle: "nobody is
 * listening" and "connection down" become 503 ServiceUnavailableError, a request timeout becomes 504
 * TimeoutError. Both mean "try again later"; neither means the request was refused.
 */
import { createInbox, errors, type NatsConnection } from '@nats-io/transport-node';
import { InternalError, ServiceUnavailableError, TimeoutError, type ApiError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Transport, TransportSubscription } from './transport.js';

export interface NatsTransportOptions {
  log: Logger;
  /** Must match the connection's `inboxPrefix` when NATS permissions restrict reply subjects. */
  inboxPrefix?: string;
}

export class NatsTransport implements Transport {
  private readonly reconnectListeners = new Set<() => void>();

  constructor(private readonly nc: NatsConnection, private readonly opts: NatsTransportOptions) {
    void this.followStatus();
  }

  async request(subject: string, body: unknown, timeoutMs: number): Promise<unknown> {
    let reply;
    try {
      reply = await this.nc.request(subject, JSON.stringify(body), { timeout: timeoutMs });
    } catch (err) {
      throw toTransportError(err, subject, timeoutMs);
    }
    try {
      return reply.json<unknown>();
    } catch (err) {
      throw new InternalError(`reply on ${subject} is not JSON`, { cause: err });
    }
  }

  publish(subject: string, body: unknown): void {
    try {
      this.nc.publish(subject, JSON.stringify(body));
    } catch (err) {
      // Closed or draining connection: the message is lost, as any message may be (see transport.ts).
      this.opts.log.debug('publish failed', { subject, error: String(err) });
    }
  }

  subscribe(subject: string, onMessage: (body: unknown) => void): TransportSubscription {
    const log = this.opts.log;
    const sub = this.nc.subscribe(subject, {
      callback: (err, msg) => {
        if (err) {
          log.warn('subscription failed', { subject, error: String(err) });
          return;
        }
        let body: unknown;
        try {
          body = msg.json<unknown>();
        } catch {
          log.warn('dropping a message that is not JSON', { subject });
          return;
        }
        onMessage(body);
      },
    });
    return { unsubscribe: () => sub.unsubscribe() };
  }

  inbox(): string {
    return createInbox(this.opts.inboxPrefix);
  }

  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  private async followStatus(): Promise<void> {
    for await (const s of this.nc.status()) {
      if (s.type !== 'reconnect') continue;
      for (const listener of [...this.reconnectListeners]) {
        try {
          listener();
        } catch (err) {
          this.opts.log.error('reconnect listener failed', { error: String(err) });
        }
      }
    }
  }
}

/** Maps whatever a NATS request rejected with onto ServiceUnavailableError or TimeoutError. */
export function toTransportError(err: unknown, subject: string, timeoutMs: number): ApiError {
  if (err instanceof errors.TimeoutError) {
    return new TimeoutError(`no reply on ${subject} within ${timeoutMs}ms`);
  }
  const noResponders =
    err instanceof errors.NoRespondersError ||
    (err instanceof errors.RequestError && err.isNoResponders());
  if (noResponders) return new ServiceUnavailableError(`no apiserver is listening on ${subject}`);
  const why = err instanceof Error ? err.message : String(err);
  return new ServiceUnavailableError(`NATS request on ${subject} failed: ${why}`);
}
