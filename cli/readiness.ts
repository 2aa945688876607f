/**
 * Readiness probes: one per kind of check in the component table. A probe resolves when the component
 * answers as a client would use it (the apiserver's /readyz says 200 over TLS verified against the
 * cluster CA, Redis answers PING for the apiserver user, NATS accepts a login), and rejects with the
 * reason otherwise. Thin I/O.
 *
 * `waitReady` polls a probe until it passes, the deadline passes, or the process has exited: a
 * component that died while starting is reported at once rather than after the whole timeout.
 */
import { readFileSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { connect } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import type { Readiness } from './components.js';

const PROBE_TIMEOUT_MS = 1_000;
const POLL_INTERVAL_MS = 150;

/**
 * GET over HTTPS trusting only the cluster CA, like kubectl: a certificate from anywhere else, or one
 * that does not name 127.0.0.1, fails the probe with Node's reason (e.g. DEPTH_ZERO_SELF_SIGNED_CERT,
 * ERR_TLS_CERT_ALTNAME_INVALID). node:https rather than fetch, whose options take no CA.
 */
function probeHttps(c: Extract<Readiness, { kind: 'https' }>): Promise<void> {
  const ca = readFileSync(c.caFile);
  return new Promise((resolve, reject) => {
    const fail = (err: NodeJS.ErrnoException) => reject(new Error(`GET ${c.url}: ${err.code ?? err.message}`));
    // agent: false: a fresh connection per probe, never a pooled socket of an apiserver since restarted.
    const req = httpsGet(c.url, { ca, agent: false, timeout: PROBE_TIMEOUT_MS }, (res) => {
      res.resume(); // drain the body so the socket is released
      res.on('error', fail);
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`GET ${c.url} answered ${res.statusCode}`))));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', fail);
  });
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
    case 'https':
      return probeHttps(check);
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
