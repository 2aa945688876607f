/**
 * The server side of the NATS watch protocol (lib/nats/protocol.ts) for the fake apiserver: per-watch
 * sequence numbers, heartbeats carrying the latest resourceVersion, keepalive expiry, cancel, `end`.
 * It follows the real apiserver's WatchHub in what it sends: the initial state (or the backlog after the
 * requested resourceVersion) is published before the start reply, selector transitions become
 * ADDED/DELETED, and a version older than the kept history is answered with 410 Expired.
 *
 * Fault injection for tests: `silence()` (every message is lost from now on), `end(status)`,
 * `drop()` (a crashed apiserver: streams vanish without an `end`).
 */
import { findResource, type ResourceInfo } from '../../api/resources.js';
import type { KubeObject, Status, WatchEvent } from '../../api/types.js';
import { BadRequestError, GoneError, RouteNotFoundError } from '../../errors.js';
import type { WatchMessage, WatchStartReply, WatchStartRequest } from '../../nats/protocol.js';
import type { Subjects } from '../../nats/subjects.js';
import type { FakeBus } from './fake-bus.js';
import { matchesFields, matchesLabels } from './fake-selectors.js';

/** One committed change, as the watch history keeps it. */
export interface Change {
  rv: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  info: ResourceInfo;
  object: KubeObject;
  prev?: KubeObject;
}

/** What the watch server needs from the store behind it. */
export interface WatchSource {
  latestRv(): number;
  /** Changes after `rv`, or undefined when some are no longer kept. */
  since(rv: number): Change[] | undefined;
  compactedRv(): number;
  current(info: ResourceInfo): KubeObject[];
}

interface ServedWatch {
  id: string;
  req: WatchStartRequest;
  info: ResourceInfo;
  seq: number;
  lastKeepalive: number;
  timers: NodeJS.Timeout[];
}

export interface WatchTiming {
  heartbeatMs: number;
  keepaliveMs: number;
}

export class FakeWatchServer {
  private readonly watches = new Map<string, ServedWatch>();
  private nextId = 0;
  private silenced = false;

  constructor(
    private readonly bus: FakeBus,
    private readonly subjects: Subjects,
    private readonly serverId: string,
    private readonly source: WatchSource,
    private readonly timing: WatchTiming,
  ) {}

  get active(): number {
    return this.watches.size;
  }

  start(req: WatchStartRequest): WatchStartReply {
    const info = findResource(req.group, req.version, req.resource);
    if (!info) return { ok: false, status: new RouteNotFoundError().toStatus() };
    const rv = req.resourceVersion ?? '';
    let backlog: WatchEvent[];
    if (rv === '' || rv === '0') {
      backlog = this.source.current(info).filter((o) => this.matches(o, req)).map((object) => ({ type: 'ADDED', object }));
    } else {
      if (!/^\d+$/.test(rv)) return { ok: false, status: new BadRequestError(`invalid resource version: ${rv}`).toStatus() };
      const changes = this.source.since(Number(rv));
      if (!changes) return { ok: false, status: new GoneError(`too old resource version: ${rv} (${this.source.compactedRv() + 1})`).toStatus() };
      backlog = changes.map((c) => this.toEvent(c, req, info)).filter((e): e is WatchEvent => e !== undefined);
    }
    const w: ServedWatch = { id: String(++this.nextId), req, info, seq: 0, lastKeepalive: Date.now(), timers: [] };
    this.watches.set(w.id, w);
    for (const event of backlog) this.send(w, { event });
    w.timers.push(setInterval(() => this.send(w, { heartbeat: { resourceVersion: String(this.source.latestRv()) } }), this.timing.heartbeatMs));
    w.timers.push(setInterval(() => this.expireIfIdle(w), this.timing.keepaliveMs));
    return { ok: true, control: this.subjects.watchControl(this.serverId, w.id), ...this.timing };
  }

  /** Handles `<control>.keepalive` and `<control>.cancel`. */
  control(subject: string): void {
    const parts = subject.split('.');
    const w = this.watches.get(parts.at(-2) ?? '');
    if (!w) return;
    if (parts.at(-1) === 'keepalive') w.lastKeepalive = Date.now();
    if (parts.at(-1) === 'cancel') this.remove(w);
  }

  /** Fans a committed change out to every watch that sees it. */
  publish(change: Change): void {
    for (const w of this.watches.values()) {
      const event = this.toEvent(change, w.req, w.info);
      if (event) this.send(w, { event });
    }
  }

  end(status: Status): void {
    for (const w of [...this.watches.values()]) {
      this.send(w, { end: status });
      this.remove(w);
    }
  }

  /** Streams vanish without a word, as when the apiserver process dies. */
  drop(): void {
    for (const w of [...this.watches.values()]) this.remove(w);
  }

  silence(on = true): void {
    this.silenced = on;
  }

  private send(w: ServedWatch, body: { event: WatchEvent } | { heartbeat: { resourceVersion: string } } | { end: Status }): void {
    const msg = { seq: ++w.seq, ...body } as WatchMessage;
    // Silenced messages are numbered and lost, as messages are when the route to a client breaks.
    if (this.silenced) return;
    this.bus.publish(w.req.deliverTo, msg);
  }

  private expireIfIdle(w: ServedWatch): void {
    if (Date.now() - w.lastKeepalive > 3 * this.timing.keepaliveMs) this.remove(w);
  }

  private remove(w: ServedWatch): void {
    for (const t of w.timers) clearInterval(t);
    this.watches.delete(w.id);
  }

  private matches(obj: KubeObject, req: WatchStartRequest): boolean {
    if (req.namespace && obj.metadata.namespace !== req.namespace) return false;
    return matchesLabels(obj, req.labelSelector) && matchesFields(obj, req.fieldSelector);
  }

  private toEvent(c: Change, req: WatchStartRequest, info: ResourceInfo): WatchEvent | undefined {
    if (c.info !== info) return undefined;
    const now = this.matches(c.object, req);
    if (c.type !== 'MODIFIED') return now ? { type: c.type, object: c.object } : undefined;
    const before = c.prev ? this.matches(c.prev, req) : false;
    if (now) return { type: before ? 'MODIFIED' : 'ADDED', object: c.object };
    return before ? { type: 'DELETED', object: c.object } : undefined;
  }
}
