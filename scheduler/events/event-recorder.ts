/**
 * EventRecorder: Events about the objects the scheduler acts on (what `kubectl get events` and
 * `kubectl describe pod` show):
 *
 *   recorder.emit(pod, 'Normal', 'Scheduled', 'Binding', 'Successfully assigned default/hello to node-1');
 *   await recorder.flush();   // tests and shutdown: every emitted event written or given up
 *
 * What an Event looks like and how repeats are counted is lib/client/event-writer.ts; this file adds
 * the scheduler's queueing. emit() is fire-and-forget (client-go's broadcaster never blocks the
 * caller): it returns at once, and the events of one object are still written in the order they were
 * emitted (a chain per object), so `FailedScheduling` then `Scheduled` show in that order and a repeat
 * is correlated. Recording never throws.
 */
import type { KubeObject } from '../../lib/api/types.js';
import type { ApiClient } from '../../lib/client/api-client.js';
import { buildEvent, EventWriter, objectRef, type EventSource, type EventType } from '../../lib/client/event-writer.js';
import { silentLogger, type Logger } from '../../lib/log.js';

export { truncateMessage, type EventSource, type EventType } from '../../lib/client/event-writer.js';

/** The Event object for one occurrence (pure). */
export function newEvent(obj: KubeObject, type: EventType, reason: string, action: string, message: string, source: EventSource, now: Date, seq: number): KubeObject {
  return buildEvent({ ref: objectRef(obj), type, reason, message, action }, source, now.getTime(), seq);
}

export class EventRecorder {
  private readonly writer: EventWriter;
  /** The tail of each object's chain of emitted events, until it runs empty. */
  private readonly pending = new Map<string, Promise<void>>();
  private readonly now: () => Date;

  constructor(api: Pick<ApiClient, 'create' | 'patch'>, source: EventSource, opts: { log?: Logger; now?: () => Date } = {}) {
    this.writer = new EventWriter(api, source, opts.log ?? silentLogger());
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

  event(obj: KubeObject, type: EventType, reason: string, action: string, message: string): Promise<void> {
    return this.writer.write({ ref: objectRef(obj), type, reason, message, action }, this.now().getTime());
  }
}
