/**
 * EventFeed: this apiserver's view of the watch history. It follows the Redis history stream with a
 * blocking XREAD, keeps the newest `capacity` changes in memory (the watch cache), and tells listeners
 * about each committed change in resourceVersion order.
 *
 * Because every apiserver reads the same stream, several apiservers serve the same watches, and a
 * restarted apiserver starts with the history it had (it reloads the tail on start).
 *
 * Invariant: every change with rv > compactedRv is in `ring`, in order; older ones are gone (410).
 */
import type { Redis } from 'ioredis';
import type { KubeObject } from '../../lib/api/types.js';
import type { Logger } from '../../lib/log.js';
import type { StoreKeys } from './keys.js';
import { decodeStored, withVersion } from './stored-value.js';

export interface ChangeEvent {
  rv: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  /** "<group>/<resource>" */
  resource: string;
  object: KubeObject;
  /** The state before a MODIFIED change, for selector transitions. */
  prev?: KubeObject;
}

type Listener = (e: ChangeEvent) => void;
type StreamEntry = [id: string, fields: string[]];

export class EventFeed {
  private ring: ChangeEvent[] = [];
  private listeners = new Set<Listener>();
  private lastId = '0-0';
  private stopped = false;
  private loop?: Promise<void>;
  compactedRv = 0;
  latestRv = 0;

  constructor(
    private readonly redis: Redis, // a dedicated connection: XREAD BLOCK holds it
    private readonly keys: StoreKeys,
    private readonly capacity: number,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    await this.loadTail();
    this.loop = this.follow();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.redis.disconnect();
    await this.loop?.catch(() => undefined);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Changes after `rv`, or undefined when some of them are no longer kept (the caller answers 410). */
  since(rv: number): ChangeEvent[] | undefined {
    if (rv < this.compactedRv) return undefined;
    let lo = 0;
    let hi = this.ring.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ring[mid]!.rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    return this.ring.slice(lo);
  }

  private async loadTail(): Promise<void> {
    const entries = (await this.redis.xrevrange(this.keys.history, '+', '-', 'COUNT', this.capacity)) as StreamEntry[];
    entries.reverse();
    const counter = Number((await this.redis.get(this.keys.rv)) ?? '0');
    this.ring = entries.map(decodeEntry);
    // Every resourceVersion has exactly one history entry, so the kept tail is complete after its first.
    this.compactedRv = this.ring.length === 0 ? counter : this.ring[0]!.rv - 1;
    this.latestRv = this.ring.at(-1)?.rv ?? counter;
    this.lastId = `0-${this.latestRv}`;
    this.log.info('watch history loaded', { events: this.ring.length, compactedRv: this.compactedRv, latestRv: this.latestRv });
  }

  private async follow(): Promise<void> {
    while (!this.stopped) {
      try {
        const reply = (await this.redis.xread('COUNT', 1000, 'BLOCK', 5000, 'STREAMS', this.keys.history, this.lastId)) as
          | [string, StreamEntry[]][]
          | null;
        for (const [, entries] of reply ?? []) for (const entry of entries) this.apply(decodeEntry(entry), entry[0]);
      } catch (err) {
        if (this.stopped) return;
        // Redis is down or restarting: keep the history we have and try again shortly.
        this.log.warn('watch history read failed', { error: String(err) });
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  private apply(event: ChangeEvent, id: string): void {
    this.lastId = id;
    if (event.rv <= this.latestRv) return;
    this.latestRv = event.rv;
    this.ring.push(event);
    if (this.ring.length > this.capacity * 1.1) {
      const drop = this.ring.length - this.capacity;
      this.compactedRv = this.ring[drop - 1]!.rv;
      this.ring.splice(0, drop);
    }
    for (const listener of this.listeners) listener(event);
  }
}

function decodeEntry([id, fields]: StreamEntry): ChangeEvent {
  const f: Record<string, string> = {};
  for (let i = 0; i < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
  const rv = Number(id.split('-')[1]);
  const event: ChangeEvent = {
    rv,
    type: f.t as ChangeEvent['type'],
    resource: f.r!,
    object: withVersion(f.o!, String(rv)),
  };
  if (f.p) event.prev = decodeStored(f.p);
  return event;
}
