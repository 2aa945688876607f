/**
 * Readiness probes: one per kind of check in the component table. A probe resolves when the component
 * answers as a client would use it (the apiserver's /readyz says 200 over TLS verified against the
 * cluster CA, Redis answers PING for the apiserver user, NATS accepts a login, a scheduler replica
 * publishes its heartbeat, a kubelet's Node is Ready and its Lease renewed since it started), and
 * rejects with the reason otherwise. Thin I/O; what counts as a Ready node is node-readiness.ts.
 *
 * `waitReady` polls a probe until it passes, the deadline passes, or the process has exited: a
 * component that died while starting is reported at once rather than after the whole timeout.
 */
import { readFileSync } from 'node:fs';
import { get } from 'node:https';
import { connect } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import type { Readiness } from './components.js';
import { nodeReadiness } from './node-readiness.js';

const PROBE_TIMEOUT_MS = 1_000;
const POLL_INTERVAL_MS = 150;

interface HttpsResponse {
  status: number;
  body: string;
}

/**
 * GET over HTTPS trusting only the cluster CA, like kubectl: a certificate from anywhere else, or one
 * that does not name 127.0.0.1, fails with Node's reason (e.g. DEPTH_ZERO_SELF_SIGNED_CERT,
 * ERR_TLS_CERT_ALTNAME_INVALID). node:https rather than fetch, whose options take no CA.
 */
function httpsGet(url: string, caFile: string, token?: string): Promise<HttpsResponse> {
  const ca = readFileSync(caFile);
  const headers = token ? { authorization: `Bearer ${token}`, accept: 'application/json' } : {};
  return new Promise((resolve, reject) => {
    const fail = (err: NodeJS.ErrnoException) => reject(new Error(`GET ${url}: ${err.code ?? err.message}`));
    // agent: false: a fresh connection per probe, never a pooled socket of an apiserver since restarted.
    const req = get(url, { ca, headers, agent: false, timeout: PROBE_TIMEOUT_MS }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('error', fail);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', fail);
  });
}

async function probeHttps(c: Extract<Readiness, { kind: 'https' }>): Promise<void> {
  const res = await httpsGet(c.url, c.caFile);
  if (res.status !== 200) throw new Error(`GET ${c.url} answered ${res.status}`);
}

/** GETs a JSON object as the admin; a 404 is undefined (not there yet), any other failure throws. */
async function getObject(server: string, path: string, c: { caFile: string; token: string }): Promise<unknown> {
  const res = await httpsGet(server + path, c.caFile, c.token);
  if (res.status === 404) return undefined;
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
  return JSON.parse(res.body) as unknown;
}

async function probeNode(c: Extract<Readiness, { kind: 'node-ready' }>): Promise<void> {
  const node = await getObject(c.server, `/api/v1/nodes/${c.node}`, c);
  const lease = await getObject(c.server, `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${c.node}`, c);
  const verdict = nodeReadiness(node, lease, c.since);
  if (!verdict.ready) throw new Error(verdict.reason);
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

/**
 * Waits for one heartbeat from replica `id`: a message on the subject whose `id` field is it. Our own
 * timer, not the subscription's `timeout` option: that one is cancelled by the first message, which
 * may be another replica's heartbeat.
 */
async function probeHeartbeat(c: Extract<Readiness, { kind: 'heartbeat' }>): Promise<void> {
  const nc = await connect({ servers: c.servers, user: c.user, pass: c.pass, reconnect: false, timeout: PROBE_TIMEOUT_MS });
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no heartbeat from ${c.id} on ${c.subject} within ${c.timeoutMs} ms`)), c.timeoutMs);
      nc.subscribe(c.subject, {
        callback: (err, msg) => {
          if (err) return reject(err);
          if (heartbeatId(msg) === c.id) resolve();
        },
      });
    });
  } finally {
    clearTimeout(timer);
    await nc.close();
  }
}

function heartbeatId(msg: { json(): unknown }): unknown {
  try {
    return (msg.json() as { id?: unknown } | null)?.id;
  } catch {
    return undefined; // not JSON: not anyone's heartbeat
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
    case 'heartbeat':
      return probeHeartbeat(check);
    case 'node-ready':
      return probeNode(check);
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
