/**
 * Connecting a component to NATS.
 *
 *   const creds = await readCredentials(path);                      // {"nats":{"url","user","pass"}}
 *   const nc = await connectNats({ ...creds, name: 'scheduler', log });
 *
 * The connection never gives up: `maxReconnectAttempts: -1` with a short wait, and by default it also
 * waits for a server that is not up yet, so components may start in any order and survive a NATS
 * restart. What was in flight during a blip is lost (NATS core is at-most-once); the watch protocol
 * detects that and resumes (lib/client/watch.ts). Disconnects and reconnects are logged.
 */
import { readFile } from 'node:fs/promises';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '../log.js';

export interface NatsCredentials {
  url: string;
  user: string;
  pass: string;
}

export interface ConnectNatsOptions {
  url: string;
  user?: string;
  pass?: string;
  /** The client name the NATS server shows in its connection list, e.g. "kubelet-node-1". */
  name: string;
  log: Logger;
  reconnectTimeWaitMs?: number;
  /** Keep retrying when the server is not up at start instead of failing. Default true. */
  waitOnFirstConnect?: boolean;
  /** How often to ping the server: a paused server is noticed after about two missed pings. */
  pingIntervalMs?: number;
  inboxPrefix?: string;
}

/** Short, because a component that lost NATS is blind: 250 ms keeps a restart of nats-server a blip. */
const RECONNECT_TIME_WAIT_MS = 250;
const PING_INTERVAL_MS = 10_000;

export async function connectNats(opts: ConnectNatsOptions): Promise<NatsConnection> {
  const nc = await connect({
    servers: opts.url,
    user: opts.user,
    pass: opts.pass,
    name: opts.name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: opts.reconnectTimeWaitMs ?? RECONNECT_TIME_WAIT_MS,
    waitOnFirstConnect: opts.waitOnFirstConnect ?? true,
    pingInterval: opts.pingIntervalMs ?? PING_INTERVAL_MS,
    ...(opts.inboxPrefix ? { inboxPrefix: opts.inboxPrefix } : {}),
  });
  opts.log.info('connected to NATS', { server: nc.getServer(), name: opts.name });
  void logStatus(nc, opts.log);
  return nc;
}

async function logStatus(nc: NatsConnection, log: Logger): Promise<void> {
  for await (const s of nc.status()) {
    switch (s.type) {
      case 'disconnect':
        log.warn('disconnected from NATS', { server: s.server });
        break;
      case 'reconnect':
        log.info('reconnected to NATS', { server: s.server });
        break;
      case 'error':
        log.warn('NATS error', { error: s.error.message });
        break;
      case 'close':
        log.info('NATS connection closed');
        break;
      default:
        log.debug('NATS status', { type: s.type });
    }
  }
}

/** Reads a component credentials file: `{"nats": {"url": ..., "user": ..., "pass": ...}}`. */
export async function readCredentials(path: string): Promise<NatsCredentials> {
  return parseCredentials(await readFile(path, 'utf8'), path);
}

/** Validates the text of a credentials file; `source` names it in error messages. */
export function parseCredentials(text: string, source: string): NatsCredentials {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new Error(`${source}: not valid JSON`);
  }
  const nats = (doc as { nats?: unknown } | null)?.nats as Record<string, unknown> | undefined;
  if (!nats || typeof nats !== 'object') throw new Error(`${source}: missing the "nats" object`);
  for (const field of ['url', 'user', 'pass'] as const) {
    if (typeof nats[field] !== 'string' || nats[field] === '') throw new Error(`${source}: nats.${field} must be a non-empty string`);
  }
  return { url: nats.url as string, user: nats.user as string, pass: nats.pass as string };
}
