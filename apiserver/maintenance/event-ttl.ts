/**
 * Event expiry, as kube-apiserver's `--event-ttl` (1 h by default) does through etcd leases: an Event
 * that has not been updated for the TTL is deleted. Every apiserver sweeps; deleting an Event that
 * another apiserver already removed is harmless (NotFound is absorbed).
 *
 *   expiredEvents(events, now, ttlSeconds)  pure: the events to delete
 *   startEventSweeper(...)                   the timer that lists, picks and deletes
 */
import type { KubeObject } from '../../lib/api/types.js';
import { NotFoundError } from '../../lib/errors.js';
import type { Logger } from '../../lib/log.js';
import type { Registry } from '../registry/registry.js';

/** The last time an Event changed: lastTimestamp, series.lastObservedTime, eventTime, else creation. */
export function lastSeen(event: KubeObject): number {
  const candidates = [event.lastTimestamp, event.series?.lastObservedTime, event.eventTime, event.metadata.creationTimestamp];
  const times = candidates.filter((t): t is string => typeof t === 'string').map((t) => Date.parse(t)).filter((t) => !Number.isNaN(t));
  return times.length ? Math.max(...times) : 0;
}

export function expiredEvents(events: KubeObject[], now: Date, ttlSeconds: number): KubeObject[] {
  const cutoff = now.getTime() - ttlSeconds * 1000;
  return events.filter((e) => lastSeen(e) < cutoff);
}

export function startEventSweeper(registry: Registry, opts: { ttlSeconds: number; intervalMs: number; log: Logger }): () => void {
  const sweep = async () => {
    const list = (await registry.handle({ verb: 'list', group: '', version: 'v1', resource: 'events', query: {}, user: 'system:apiserver' })).body as { items: KubeObject[] };
    for (const e of expiredEvents(list.items, new Date(), opts.ttlSeconds)) {
      try {
        await registry.handle({ verb: 'delete', group: '', version: 'v1', resource: 'events', namespace: e.metadata.namespace, name: e.metadata.name, query: {}, user: 'system:apiserver' });
      } catch (err) {
        if (!(err instanceof NotFoundError)) throw err; // another apiserver swept it first
      }
    }
  };
  const timer = setInterval(() => {
    sweep().catch((err) => opts.log.warn('event expiry sweep failed', { error: String(err) }));
  }, opts.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
