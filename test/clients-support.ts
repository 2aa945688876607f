/**
 * What the clients-* and watch-* end-to-end tests share: a component's client over NATS, an informer
 * that records every handler call, a writer that keeps writing numbered objects through a failure,
 * the official JavaScript client pointed at any apiserver, polling, and `expectInformerSurvives`, the
 * pattern of every failure test (watch-support.ts has the HTTP watch and the extra apiserver).
 *
 *   const c = await componentClient(cluster, 'scheduler');           // NATS with DIR/credentials/scheduler.json
 *   const rec = await recordInformer(c.api, CONFIGMAPS, { namespace });  // rec.calls: every onAdd/onUpdate/onDelete
 *   const writer = startWriter((i) => createNumbered(i));            // retries transient failures
 *   ...inject a failure...
 *   const n = await writer.stop();
 *   await waitFor(() => rec.adds().length === n, 20_000, 'every write seen');
 *
 * Invariant: nothing here hides a lost or repeated event. The writer retries a write only when the
 * failure says nothing about whether it was applied (no apiserver, timeout, connection reset); it
 * treats AlreadyExists on such a retry as "the earlier attempt was applied", never as an error.
 */
import { join } from 'node:path';
import { Writable } from 'node:stream';
import * as k8s from '@kubernetes/client-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { expect } from 'vitest';
import winston from 'winston';
import type { NatsUser } from '../cli/credentials.js';
import type { KubeObject } from '../lib/api/types.js';
import { ApiClient, CONFIGMAPS, Informer, NatsTransport, metaNamespaceKey, type InformerOptions, type ResourceRef } from '../lib/client/index.js';
import { AlreadyExistsError, ServiceUnavailableError, TimeoutError } from '../lib/errors.js';
import { silentLogger, type Logger } from '../lib/log.js';
import { connectNats, readCredentials } from '../lib/nats/connection.js';
import type { Cluster } from './harness/cluster.js';

export interface ComponentClient {
  nc: NatsConnection;
  api: ApiClient;
  close(): Promise<void>;
}

/** A logger that keeps the message of every record, so a test can tell a resume from a re-list. */
export function capturingLogger(): { log: Logger; messages: string[] } {
  const messages: string[] = [];
  const stream = new Writable({
    objectMode: true,
    write(info: { message?: unknown }, _enc, done) {
      messages.push(String(info.message));
      done();
    },
  });
  return { log: winston.createLogger({ level: 'debug', transports: [new winston.transports.Stream({ stream })] }), messages };
}

/** An ApiClient over its own NATS connection, authenticated as `component`. */
export async function componentClient(
  cluster: Pick<Cluster, 'dir'>, component: NatsUser, opts: { requestTimeoutMs?: number; log?: Logger } = {},
): Promise<ComponentClient> {
  const log = opts.log ?? silentLogger();
  const requestTimeoutMs = opts.requestTimeoutMs ?? 3_000;
  const creds = await readCredentials(join(cluster.dir, 'credentials', `${component}.json`));
  const nc = await connectNats({ ...creds, name: `e2e-${component}`, log, waitOnFirstConnect: false });
  const api = new ApiClient({ transport: new NatsTransport(nc, { log }), user: component, requestTimeoutMs, log });
  return { nc, api, close: () => nc.close() };
}

export type HandlerCall = { type: 'add' | 'update' | 'delete'; key: string; resourceVersion: string };

export interface RecordedInformer<T extends KubeObject> {
  informer: Informer<T>;
  /** Every handler call, in the order the handlers ran. */
  calls: HandlerCall[];
  /** Keys of the onAdd calls, in order. */
  adds(): string[];
  /** key → resourceVersion of the informer's cache. */
  cache(): Map<string, string>;
}

/** Starts an informer whose one handler records every call; resolves once it has synced. */
export async function recordInformer<T extends KubeObject>(api: ApiClient, ref: ResourceRef, opts: InformerOptions<T> = {}): Promise<RecordedInformer<T>> {
  const informer = new Informer<T>(api, ref, { retryInitialMs: 100, retryMaxMs: 1_000, ...opts });
  const calls: HandlerCall[] = [];
  const record = (type: HandlerCall['type']) => (obj: T) =>
    calls.push({ type, key: metaNamespaceKey(obj), resourceVersion: obj.metadata.resourceVersion ?? '' });
  informer.addEventHandler({ onAdd: record('add'), onUpdate: (_old, obj) => record('update')(obj), onDelete: record('delete') });
  informer.start();
  if (!(await informer.waitForSync())) throw new Error('informer stopped before it synced');
  return {
    informer,
    calls,
    adds: () => calls.filter((c) => c.type === 'add').map((c) => c.key),
    cache: () => versionsByKey(informer.store.list()),
  };
}

export function versionsByKey(items: KubeObject[]): Map<string, string> {
  return new Map(items.map((o) => [metaNamespaceKey(o), o.metadata.resourceVersion ?? '']));
}

/** `e2e-0007`: zero-padded, so name order, list order and write order agree. */
export function numberedName(i: number, prefix = 'e2e'): string {
  return `${prefix}-${String(i).padStart(4, '0')}`;
}

export function configMap(namespace: string, name: string, data: Record<string, string> = {}): KubeObject & { data: Record<string, string> } {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace, name }, data };
}

/** True for failures that leave it unknown whether a write was applied: try it again. */
export function isTransient(err: unknown): boolean {
  if (err instanceof ServiceUnavailableError || err instanceof TimeoutError) return true;
  const code = (err as { code?: unknown; cause?: { code?: unknown } } | null)?.cause?.code ?? (err as { code?: unknown } | null)?.code;
  if (typeof code === 'number') return code === 503 || code === 504;
  return typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|UND_ERR_SOCKET)$/.test(code);
}

function isAlreadyExists(err: unknown): boolean {
  if (err instanceof AlreadyExistsError) return true;
  const e = err as { code?: unknown; body?: unknown } | null;
  return e?.code === 409 && typeof e.body === 'string' && e.body.includes('"reason":"AlreadyExists"');
}

/** Runs `create` until it succeeds; after a transient failure, AlreadyExists means the first try won. */
export async function createOnce(create: () => Promise<unknown>, retryMs = 100): Promise<void> {
  let retried = false;
  for (;;) {
    try {
      await create();
      return;
    } catch (err) {
      if (retried && isAlreadyExists(err)) return;
      if (!isTransient(err)) throw err;
      retried = true;
      await sleep(retryMs);
    }
  }
}

export interface Writer {
  /** How many writes have completed so far. */
  written(): number;
  /** Lets the write in progress finish, stops, and returns how many writes completed. */
  stop(): Promise<number>;
}

/** Calls `write(0)`, `write(1)`, ... one after the other, every `intervalMs`, until stopped. */
export function startWriter(write: (i: number) => Promise<void>, intervalMs = 20): Writer {
  let count = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      await write(count);
      count++;
      await sleep(intervalMs);
    }
  })();
  return {
    written: () => count,
    stop: async () => {
      stopped = true;
      await loop;
      return count;
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `cond` every 50 ms; throws with `what` (and its current value) when it stays false. */
export async function waitFor(cond: () => boolean | Promise<boolean>, timeoutMs: number, what: string | (() => string)): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${typeof what === 'string' ? what : what()}`);
    await sleep(50);
  }
}

/** The official client's KubeConfig from the cluster's kubeconfig file, optionally aimed at another apiserver. */
export function officialKubeConfig(cluster: Pick<Cluster, 'kubeconfig'>, server?: string): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(cluster.kubeconfig);
  if (!server) return kc;
  const other = new k8s.KubeConfig();
  other.loadFromOptions({
    clusters: kc.clusters.map((c) => ({ ...c, server })),
    users: kc.users,
    contexts: kc.contexts,
    currentContext: kc.getCurrentContext(),
  });
  return other;
}

/**
 * The failure-test pattern: an informer on the ConfigMaps of `ns` (its own NATS client, as `proxy`, with
 * a log that records resumes and re-lists) while `write(i)` keeps creating `numberedName(i)` through
 * another client and `failure()` runs. Then: the handler saw every write once, in write order, and
 * nothing else; the cache equals a fresh list; the watch was broken and resumed without a re-list.
 * Returns the informer's log messages for further checks.
 */
export async function expectInformerSurvives(
  cluster: Pick<Cluster, 'dir'>, ns: string, write: (i: number) => Promise<void>, failure: () => Promise<void>,
): Promise<string[]> {
  const capture = capturingLogger();
  const watcher = await componentClient(cluster, 'proxy', { log: capture.log });
  const rec = await recordInformer<KubeObject>(watcher.api, CONFIGMAPS, { namespace: ns, log: capture.log });
  try {
    const writes = startWriter(write);
    await waitFor(() => writes.written() >= 10, 20_000, 'ten writes before the failure');
    await failure();
    const atRecovery = writes.written();
    await waitFor(() => writes.written() >= atRecovery + 10, 30_000, 'ten writes after the recovery');
    const n = await writes.stop();
    const expected = Array.from({ length: n }, (_, i) => `${ns}/${numberedName(i)}`);
    await waitFor(() => rec.calls.length >= n, 20_000, () => `${n} adds, saw ${rec.calls.length}`);
    expect(rec.adds()).toEqual(expected);
    expect(rec.calls.filter((c) => c.type !== 'add')).toEqual([]);
    expect(rec.cache()).toEqual(versionsByKey((await watcher.api.list(CONFIGMAPS, { namespace: ns })).items));
    expect(capture.messages).toContain('re-watching'); // the failure did break the watch...
    expect(capture.messages).not.toContain('watch ended, listing again'); // ...and it resumed from the history
    return capture.messages;
  } finally {
    await rec.informer.stop();
    await watcher.close();
  }
}
