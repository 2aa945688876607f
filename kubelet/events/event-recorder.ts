/**
 * EventRecorder: core/v1 Events as client-go's legacy recorder writes them for the kubelet, so that
 * `kubectl describe pod` and `kubectl get events` read as on a real node:
 *
 *   const recorder = new EventRecorder(api, { component: 'kubelet', host: 'node-1', instance: 'node-1' });
 *   recorder.event(containerRef(pod, 'nginx'), 'Normal', 'Pulling', 'Pulling image "nginx"');
 *
 * It generalises scheduler/events/event-recorder.ts with what the kubelet needs: an ObjectReference
 * with `fieldPath` (`spec.containers{nginx}`, which kubectl shows as the sub-object) and `source.host`.
 * Nothing here is kubelet-specific; it could move to lib/ for every component.
 *
 * Correlation (client-go's EventCorrelator): the same event again (same source, object, fieldPath,
 * type, reason and message) bumps `count` and `lastTimestamp` of the existing Event with a merge patch
 * instead of creating one, which kubectl shows as `(x3 over 10s)`. An Event that expired (404) is
 * created anew. Events are written one at a time in the order they were recorded, off the caller's
 * path: `event()` never throws and never blocks the caller; its promise settles once written.
 */
import type { KubeObject } from '../../lib/api/types.js';
import type { ApiClient } from '../../lib/client/api-client.js';
import { EVENTS } from '../../lib/client/resource-refs.js';
import { NotFoundError } from '../../lib/errors.js';
import { silentLogger, type Logger } from '../../lib/log.js';
import { rfc3339 } from '../util/time.js';

export interface ObjectReference {
  kind: string;
  apiVersion?: string;
  namespace?: string;
  name: string;
  uid?: string;
  resourceVersion?: string;
  /** The part of the object the event is about, e.g. `spec.containers{nginx}`. */
  fieldPath?: string;
}

export interface EventSource {
  /** source.component and reportingComponent, e.g. "kubelet". */
  component: string;
  /** source.host, e.g. the node name. */
  host?: string;
  /** reportingInstance, e.g. the node name. */
  instance: string;
}

export type EventType = 'Normal' | 'Warning';

/** client-go's limit on event messages. */
const MAX_MESSAGE = 1024;
const MAX_CORRELATED = 4096;

interface Recorded {
  namespace: string;
  name: string;
  count: number;
}

export function truncateMessage(message: string): string {
  return message.length <= MAX_MESSAGE ? message : `${message.slice(0, MAX_MESSAGE - 3)}...`;
}

/** The reference to a whole object (a Pod, a Node). */
export function objectRef(obj: KubeObject): ObjectReference {
  return {
    kind: obj.kind, apiVersion: obj.apiVersion, namespace: obj.metadata.namespace, name: obj.metadata.name ?? '',
    uid: obj.metadata.uid, resourceVersion: obj.metadata.resourceVersion,
  };
}

/** The Event object for one occurrence, named `<object>.<hex nanoseconds>` as client-go names it (pure). */
export function newEvent(ref: ObjectReference, type: EventType, reason: string, message: string, source: EventSource, nowMs: number, seq: number): KubeObject {
  const nanos = BigInt(Math.trunc(nowMs)) * 1_000_000n + BigInt(seq % 1_000_000);
  const time = rfc3339(nowMs);
  const involvedObject = Object.fromEntries(Object.entries(ref).filter(([, v]) => v !== undefined && v !== ''));
  return {
    apiVersion: 'v1', kind: 'Event',
    metadata: { name: `${ref.name}.${nanos.toString(16)}`, namespace: ref.namespace || 'default' },
    involvedObject, reason, message: truncateMessage(message), type,
    source: { component: source.component, ...(source.host ? { host: source.host } : {}) },
    firstTimestamp: time, lastTimestamp: time, count: 1,
    reportingComponent: source.component, reportingInstance: source.instance,
  };
}

export class EventRecorder {
  private readonly recent = new Map<string, Recorded>();
  private seq = 0;
  private tail: Promise<void> = Promise.resolve();
  private readonly log: Logger;
  private readonly now: () => number;

  constructor(
    private readonly api: Pick<ApiClient, 'create' | 'patch'>,
    private readonly source: EventSource,
    opts: { log?: Logger; now?: () => number } = {},
  ) {
    this.log = opts.log ?? silentLogger();
    this.now = opts.now ?? Date.now;
  }

  /** Records one occurrence; the returned promise settles once it is written (or given up). */
  event(ref: ObjectReference, type: EventType, reason: string, message: string): Promise<void> {
    const at = this.now();
    this.tail = this.tail.then(() => this.write(ref, type, reason, message, at));
    return this.tail;
  }

  /** Resolves once every event recorded so far is written. */
  flush(): Promise<void> {
    return this.tail;
  }

  private async write(ref: ObjectReference, type: EventType, reason: string, message: string, at: number): Promise<void> {
    const key = JSON.stringify([ref.kind, ref.namespace, ref.name, ref.uid, ref.fieldPath, type, reason, truncateMessage(message)]);
    try {
      const previous = this.recent.get(key);
      if (previous && (await this.bump(previous, at))) return;
      const ev = newEvent(ref, type, reason, message, this.source, at, this.seq++);
      await this.api.create(EVENTS, ev.metadata.namespace, ev);
      this.remember(key, { namespace: ev.metadata.namespace!, name: ev.metadata.name!, count: 1 });
    } catch (err) {
      // A lost event is logged and forgotten, as in client-go: events are best effort.
      this.log.warn('could not record an event', { reason, object: `${ref.namespace ?? ''}/${ref.name}`, error: err instanceof Error ? err.message : String(err) });
    }
  }

  /** Counts one more occurrence on the existing event; false when it no longer exists. */
  private async bump(previous: Recorded, at: number): Promise<boolean> {
    try {
      await this.api.patch(EVENTS, previous.namespace, previous.name, 'merge', { count: previous.count + 1, lastTimestamp: rfc3339(at) });
      previous.count++;
      return true;
    } catch (err) {
      if (err instanceof NotFoundError) return false;
      throw err;
    }
  }

  private remember(key: string, rec: Recorded): void {
    this.recent.delete(key);
    this.recent.set(key, rec);
    if (this.recent.size > MAX_CORRELATED) this.recent.delete(this.recent.keys().next().value!);
  }
}
