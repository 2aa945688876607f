/**
 * WatchHub: turns the event feed into per-client watch streams, with the semantics of kube-apiserver's
 * watch cache:
 * - resourceVersion "" or "0": a synthetic ADDED for every current object, then every later change;
 * - resourceVersion N: every change after N, or 410 Expired when N is older than the kept history;
 * - a change that makes an object start (stop) matching the selectors is sent as ADDED (DELETED).
 * Events reach a stream in resourceVersion order, each once.
 */
import type { ResourceInfo } from '../../lib/api/resources.js';
import type { KubeObject, WatchEvent } from '../../lib/api/types.js';
import { BadRequestError, GoneError, TimeoutError } from '../../lib/errors.js';
import type { ChangeEvent, EventFeed } from '../storage/event-feed.js';
import type { RedisStore } from '../storage/redis-store.js';

export interface WatchRequest {
  info: ResourceInfo;
  namespace?: string;
  /** The selectors, already parsed by the caller. */
  matches: (obj: KubeObject) => boolean;
  resourceVersion?: string;
}

export type WatchSink = (event: WatchEvent, rv: number) => void;

export interface ActiveWatch {
  stop(): void;
}

export class WatchHub {
  constructor(private readonly feed: EventFeed, private readonly store: RedisStore) {}

  /** The newest resourceVersion this apiserver has seen: what bookmarks and heartbeats report. */
  latestResourceVersion(): number {
    return this.feed.latestRv;
  }

  async start(req: WatchRequest, sink: WatchSink): Promise<ActiveWatch> {
    const rv = req.resourceVersion;
    let base: number;
    if (rv === undefined || rv === '' || rv === '0') {
      const snapshot = await this.store.list(req.info, req.namespace);
      base = Number(snapshot.resourceVersion);
      for (const obj of snapshot.items) if (req.matches(obj)) sink({ type: 'ADDED', object: obj }, base);
    } else {
      base = parseResourceVersion(rv);
      await this.checkNotTooLarge(base);
    }
    const backlog = this.feed.since(base);
    if (!backlog) throw new GoneError(`too old resource version: ${base} (${this.feed.compactedRv + 1})`);
    let last = base;
    const deliver = (e: ChangeEvent) => {
      if (e.rv <= last) return;
      last = e.rv;
      const out = toWatchEvent(e, req);
      if (out) sink(out, e.rv);
    };
    for (const e of backlog) deliver(e);
    const unsubscribe = this.feed.subscribe(deliver);
    return { stop: unsubscribe };
  }

  private async checkNotTooLarge(rv: number): Promise<void> {
    if (rv <= this.feed.latestRv) return;
    const current = Number(await this.store.currentResourceVersion());
    if (rv > current) throw new TimeoutError(`Too large resource version: ${rv}, current: ${current}`);
  }
}

export function parseResourceVersion(rv: string): number {
  const n = Number(rv);
  if (!/^\d+$/.test(rv) || !Number.isSafeInteger(n)) throw new BadRequestError(`invalid resource version: ${rv}`);
  return n;
}

function inScope(obj: KubeObject, req: WatchRequest): boolean {
  return !req.namespace || !req.info.namespaced || obj.metadata.namespace === req.namespace;
}

/** The event a watcher sees for a change, or undefined when the change is invisible to it. */
export function toWatchEvent(e: ChangeEvent, req: WatchRequest): WatchEvent | undefined {
  if (e.resource !== `${req.info.group}/${req.info.resource}`) return undefined;
  if (!inScope(e.object, req)) return undefined;
  const now = req.matches(e.object);
  if (e.type !== 'MODIFIED') return now ? { type: e.type, object: e.object } : undefined;
  const before = e.prev ? req.matches(e.prev) : false;
  if (now && before) return { type: 'MODIFIED', object: e.object };
  if (now) return { type: 'ADDED', object: e.object };
  if (before) return { type: 'DELETED', object: e.object };
  return undefined;
}
