/**
 * Readiness probes: one per kind of check in the component table. A probe resolves when the component
 * answers as a client would use it (the apiserver's /readyz says 200, Redis answers PING for the
 * apiserver user, NATS accepts a login), and rejects with the reason otherwise. Thin I/O.
 *
 * `waitReady` polls a probe until it passes, the deadline passes, or the process has exited: a
 * component that died while starting is reported at once rather than after the whole timeout.
 */
import { connect } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import type { Readiness } from './components.js';

const PROBE_TIMEOUT_MS = 1_000;
const POLL_INTERVAL_MS = 150;

async function probeHttp(url: string): Promise<void> {
  const res = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) }).catch((err: Error) => {
    // fetch says only "fetch failed"; the reason (ECONNREFUSED, ...) is in its cause.
    const cause = (err.cause as { code?: string; message?: string } | undefined) ?? {};
    throw new Error(`GET ${url}: ${cause.code ?? cause.message ?? err.message}`);
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
}

async function probeRedis(c: Extract<Readiness, { kind: 'redis' }>): Promise<void> {
  const client = new Redis({
    host: c.host,
    port: c.port,
    username: c.user,
    password: c.pass,
    lazyConnect: true,
    connectTimeout: PROBE_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null, // one attempt per probe; waitReady does the retrying
  });
  client.on('error', () => {}); // reported through the rejected promises below
  try {
    await client.connect();
    const pong = await client.ping();
    if (pong !== 'PONG') throw new Error(`PING answered ${pong}`);
  } finally {
    client.disconnect();
  }
}

async function probeNats(c: Extract<Readiness, { kind: 'nats' }>): Promise<void> {
  const nc = await connect({ servers: c.servers, user: c.user, pass: c.pass, reconnect: false, timeout: PROBE_TIMEOUT_MS });
  try {
    await nc.flush();
  } finally {
    await nc.close();
  }
}

export function probe(check: Readiness): Promise<void> {
  switch (check.kind) {
    case 'http':
      return probeHttp(check.url);
    case 'redis':
      return probeRedis(check);
    case 'nats':
      return probeNats(check);
  }
}

export type WaitResult = { ready: true } | { ready: false; reason: string };

export interface WaitOptions {
  timeoutMs: number;
  /** False once the process being waited for has exited. */
  alive: () => boolean;
  /** Aborted when the user interrupts `up`. */
  signal?: AbortSignal;
}

export async function waitReady(check: Readiness, opts: WaitOptions): Promise<WaitResult> {
  const deadline = Date.now() + opts.timeoutMs;
  let last = 'no answer yet';
  for (;;) {
    if (opts.signal?.aborted) return { ready: false, reason: 'interrupted' };
    if (!opts.alive()) return { ready: false, reason: 'the process exited' };
    try {
      await probe(check);
      return { ready: true };
    } catch (err) {
      last = (err as Error).message || String(err);
    }
    if (Date.now() >= deadline) return { ready: false, reason: `not ready after ${Math.round(opts.timeoutMs / 1000)}s (last check: ${last})` };
    await new Promise((r) => setTimeout(r, POLL_INTERVAL_MS));
  }
}
