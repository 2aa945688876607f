/**
 * Transport: the few NATS operations the client library needs, behind an interface so that the watch and
 * informer logic can be tested against an in-memory bus (testing/fake-bus.ts) as well as the real
 * connection (nats-transport.ts). This is the "port" of a ports-and-adapters split, as nats.js itself
 * separates its core from the Node socket transport.
 *
 * Contract, which every implementation keeps:
 * - Bodies are JSON values; serialisation is the transport's business.
 * - `request` resolves with the first reply. It rejects only with `ServiceUnavailableError` (nobody
 *   subscribed, connection down or closed) or `TimeoutError` (no reply in time), both from lib/errors.ts,
 *   so that callers can tell "retry later" from an API answer without knowing NATS.
 * - `publish` never throws: a lost publish is indistinguishable from a lost message, which the watch
 *   protocol already detects (sequence gaps, missing heartbeats).
 * - `subscribe` delivers messages in the order the server sent them; a message that is not valid JSON
 *   is dropped (again: the sequence check notices).
 * - `onReconnect` listeners run after the connection to the NATS server was lost and re-established:
 *   anything in flight during the blip may have been lost.
 */

export interface TransportSubscription {
  unsubscribe(): void;
}

export interface Transport {
  request(subject: string, body: unknown, timeoutMs: number): Promise<unknown>;
  publish(subject: string, body: unknown): void;
  subscribe(subject: string, onMessage: (body: unknown) => void): TransportSubscription;
  /** A fresh subject that only this connection listens on. */
  inbox(): string;
  /** Registers a listener for reconnects; returns the function that removes it. */
  onReconnect(listener: () => void): () => void;
}
