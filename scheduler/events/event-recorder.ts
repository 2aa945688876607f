/**
 * EventRecorder: core/v1 Events about the objects the scheduler acts on, as client-go's legacy event
 * recorder writes them (what `kubectl get events` and `kubectl describe pod` show):
 *
 *   const recorder = new EventRecorder(api, { component: 'default-scheduler', instance: 'default-scheduler-1' });
 *   await recorder.event(pod, 'Normal', 'Scheduled', 'Binding', 'Successfully assigned default/hello to node-1');
 *
 * An event is named `<object name>.<hex>` (the hex of a nanosecond timestamp) in the object's namespace,
 * with involvedObject, source.component, reportingComponent/Instance, firstTimestamp = lastTimestamp and
 * count 1. The same event again (same object, type, reason and message; client-go's EventCorrelator)
 * does not create a new object: the last one's count goes up and lastTimestamp moves, which kubectl
 * shows as `(x3 over 10s)`. If that event is gone (expired), a new one is created.
 *
 * Recording never throws: a lost event is logged and forgotten, as in client-go. emit() is the
 * fire-and-forget form the scheduler uses (client-go's broadcaster never blocks the caller): it returns
 * at once, and the events of one object are still written in the order they were emitted (a chain per
 * object), so `FailedScheduling` then `Scheduled` show in that order and a repeat is correlated.
 *
 *   recorder.emit(pod, 'Normal', 'Scheduled', 'Binding', 'Successfully assigned default/hello to node-1');
 *   await recorder.flush();   // tests and shutdown: every emitted event written or given up
 */
import type { KubeObject } from '../../lib/api/types.js';
import type { ApiClient } from '../../lib/client/api-client.js';
import { EVENTS } from '../../lib/client/resource-refs.js';
import { NotFoundError } from '../../lib/errors.js';
import { silentLogger, type Logger } from '../../lib/log.js';
import { rfc3339 } from '../pod-status.js';

export interface EventSource {
  /** source.component and reportingComponent, e.g. "default-scheduler". */
  component: string;
  /** reportingInstance, e.g. "default-scheduler-<id>". */
  instance: string;
}

export type EventType = 'Normal' | 'Warning';

/** Events' message limit in kube-scheduler (truncateMessage). */
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

/** The Event object for one occurrence (pure). */
export function newEvent(obj: KubeObject, type: EventType, reason: string, action: string, message: string, source: EventSource, now: Date, seq: number): KubeObject {
  const nanos = BigInt(now.getTime()) * 1_000_000n + BigInt(seq % 1_000_000);
  const namespace = obj.metadata.namespace || 'default';
  const time = rfc3339(now);
  return {
    apiVersion: 'v1', kind: 'Event',
    metadata: { name: `${obj.metadata.name}.${nanos.toString(16)}`, namespace },
    involvedObject: {
      kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name, uid: obj.metadata.uid,
      apiVersion: obj.apiVersion, resourceVersion: obj.metadata.resourceVersion,
    },
    reason, message: truncateMessage(message), type, action,
    source: { component: source.component },
    firstTimestamp: time, lastTimestamp: time, count: 1,
    reportingComponent: source.component, reportingInstance: source.instance,
  };
}

export class EventRecorder {
  private readonly recent = new Map<string, Recorded>();
  private seq = 0;
  /** The tail of each object's chain of emitted events, until it runs empty. */
  private readonly pending = new Map<string, Promise<void>>();
  private readonly log: Logger;
  private readonly now: () => Date;

  constructor(
    private readonly api: Pick<ApiClient, 'create' | 'patch'>,
    private readonly source: EventSource,
    opts: { log?: Logger; now?: () => Date } = {},
  ) {
    this.log = opts.log ?? silentLogger();
    this.now = opts.now ?? (() => new Date());
  }

  /** Records the event in the background, after the object's earlier emitted events. Never throws. */
  emit(obj: KubeObject, type: EventType, reason: string, action: string, message: string): void {
    const key = obj.metadata.uid ?? `${obj.metadata.namespace}/${obj.metadata.name}`;
    const tail = (this.pending.get(key) ?? Promise.resolve()).then(() => this.event(obj, type, reason, action, message));
    this.pending.set(key, tail);
    // The chain is dropped once its last event is written, so the map holds only objects with work left.
    void tail.then(() => {
      if (this.pending.get(key) === tail) this.pending.delete(key);
    });
  }

  /** Resolves once every event emitted so far is written or given up. */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending.values()]);
  }

  async event(obj: KubeObject, type: EventType, reason: string, action: string, message: string): Promise<void> {
    const key = JSON.stringify([obj.metadata.uid, obj.metadata.namespace, obj.metadata.name, type, reason, truncateMessage(message)]);
    const now = this.now();
    try {
      const previous = this.recent.get(key);
      if (previous && (await this.bump(previous, now))) return;
      const ev = newEvent(obj, type, reason, action, message, this.source, now, this.seq++);
      await this.api.create(EVENTS, ev.metadata.namespace, ev);
      this.remember(key, { namespace: ev.metadata.namespace!, name: ev.metadata.name!, count: 1 });
    } catch (err) {
      this.log.warn('could not record an event', { reason, object: `${obj.metadata.namespace}/${obj.metadata.name}`, error: err instanceof Error ? err.message : String(err) });
    }
  }

  /** Counts one more occurrence on the existing event; false when it no longer exists. */
  private async bump(previous: Recorded, now: Date): Promise<boolean> {
    try {
      await this.api.patch(EVENTS, previous.namespace, previous.name, 'merge', { count: previous.count + 1, lastTimestamp: rfc3339(now) });
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
