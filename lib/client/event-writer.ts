/**
 * Writing core/v1 Events as client-go's legacy recorder does, shared by every component that records
 * them (the scheduler, the kubelets, later the controllers). Each component keeps only its own
 * queueing (scheduler/events, kubelet/events); what an Event looks like and how repeats are counted
 * lives here.
 *
 *   buildEvent(ref, ...)  pure: the Event for one occurrence, named `<object>.<hex nanoseconds>`
 *   EventWriter.write     correlation (client-go's EventCorrelator): the same event again (same object,
 *                         sub-object, type, reason and message) bumps `count` and `lastTimestamp` of the
 *                         existing Event with a merge patch, which kubectl shows as `(x3 over 10s)`; an
 *                         Event that expired (404) is created anew. Never throws: a lost event is logged.
 */
import type { KubeObject } from '../api/types.js';
import { NotFoundError } from '../errors.js';
import { silentLogger, type Logger } from '../log.js';
import type { ApiClient } from './api-client.js';
import { EVENTS } from './resource-refs.js';

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
  /** source.component and reportingComponent, e.g. "kubelet" or "default-scheduler". */
  component: string;
  /** source.host, e.g. the node name (kubelets only). */
  host?: string;
  /** reportingInstance. */
  instance: string;
}

export type EventType = 'Normal' | 'Warning';

/** client-go's limit on event messages. */
const MAX_MESSAGE = 1024;
/** How many recent events are remembered for counting repeats. */
const MAX_CORRELATED = 4096;

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

/** RFC 3339 with second precision, as metav1.Time is written. */
function eventTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface Occurrence {
  ref: ObjectReference;
  type: EventType;
  reason: string;
  message: string;
  /** The `action` field (the scheduler's "Binding", "Scheduling"); left out when absent. */
  action?: string;
}

/** The Event object for one occurrence (pure). `seq` makes names unique within one millisecond. */
export function buildEvent(o: Occurrence, source: EventSource, nowMs: number, seq: number): KubeObject {
  const nanos = BigInt(Math.trunc(nowMs)) * 1_000_000n + BigInt(seq % 1_000_000);
  const time = eventTime(nowMs);
  const involvedObject = Object.fromEntries(Object.entries(o.ref).filter(([, v]) => v !== undefined && v !== ''));
  return {
    apiVersion: 'v1', kind: 'Event',
    metadata: { name: `${o.ref.name}.${nanos.toString(16)}`, namespace: o.ref.namespace || 'default' },
    involvedObject, reason: o.reason, message: truncateMessage(o.message), type: o.type,
    ...(o.action ? { action: o.action } : {}),
    source: { component: source.component, ...(source.host ? { host: source.host } : {}) },
    firstTimestamp: time, lastTimestamp: time, count: 1,
    reportingComponent: source.component, reportingInstance: source.instance,
  };
}

interface Recorded {
  namespace: string;
  name: string;
  count: number;
}

export class EventWriter {
  private readonly recent = new Map<string, Recorded>();
  private seq = 0;

  constructor(
    private readonly api: Pick<ApiClient, 'create' | 'patch'>,
    private readonly source: EventSource,
    private readonly log: Logger = silentLogger(),
  ) {}

  /** Creates the Event, or counts one more occurrence of the same one. Never throws. */
  async write(o: Occurrence, atMs: number): Promise<void> {
    const r = o.ref;
    const key = JSON.stringify([r.kind, r.namespace, r.name, r.uid, r.fieldPath, o.type, o.reason, truncateMessage(o.message)]);
    try {
      const previous = this.recent.get(key);
      if (previous && (await this.bump(previous, atMs))) return;
      const ev = buildEvent(o, this.source, atMs, this.seq++);
      await this.api.create(EVENTS, ev.metadata.namespace, ev);
      this.remember(key, { namespace: ev.metadata.namespace!, name: ev.metadata.name!, count: 1 });
    } catch (err) {
      // Events are best effort, as in client-go.
      this.log.warn('could not record an event', { reason: o.reason, object: `${r.namespace ?? ''}/${r.name}`, error: err instanceof Error ? err.message : String(err) });
    }
  }

  /** Counts one more occurrence on the existing event; false when it no longer exists. */
  private async bump(previous: Recorded, atMs: number): Promise<boolean> {
    try {
      await this.api.patch(EVENTS, previous.namespace, previous.name, 'merge', { count: previous.count + 1, lastTimestamp: eventTime(atMs) });
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
