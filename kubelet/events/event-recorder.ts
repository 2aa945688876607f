/**
 * EventRecorder: the kubelet's Events, so that `kubectl describe pod` and `kubectl get events` read as
 * on a real node:
 *
 *   const recorder = new EventRecorder(api, { component: 'kubelet', host: 'node-1', instance: 'node-1' });
 *   recorder.event(containerRef(pod, 'nginx'), 'Normal', 'Pulling', 'Pulling image "nginx"');
 *
 * What an Event looks like and how repeats are counted is lib/client/event-writer.ts; this file adds
 * the kubelet's queueing: events are written one at a time in the order they were recorded, off the
 * caller's path — `event()` never throws and never blocks the caller; its promise settles once written.
 */
import type { KubeObject } from '../../lib/api/types.js';
import type { ApiClient } from '../../lib/client/api-client.js';
import { buildEvent, EventWriter, type EventSource, type EventType, type ObjectReference } from '../../lib/client/event-writer.js';
import { silentLogger, type Logger } from '../../lib/log.js';

export { objectRef, truncateMessage, type EventSource, type EventType, type ObjectReference } from '../../lib/client/event-writer.js';

/** The Event object for one occurrence (pure). */
export function newEvent(ref: ObjectReference, type: EventType, reason: string, message: string, source: EventSource, nowMs: number, seq: number): KubeObject {
  return buildEvent({ ref, type, reason, message }, source, nowMs, seq);
}

export class EventRecorder {
  private readonly writer: EventWriter;
  private tail: Promise<void> = Promise.resolve();
  private readonly now: () => number;

  constructor(api: Pick<ApiClient, 'create' | 'patch'>, source: EventSource, opts: { log?: Logger; now?: () => number } = {}) {
    this.writer = new EventWriter(api, source, opts.log ?? silentLogger());
    this.now = opts.now ?? Date.now;
  }

  /** Records one occurrence; the returned promise settles once it is written (or given up). */
  event(ref: ObjectReference, type: EventType, reason: string, message: string): Promise<void> {
    const at = this.now();
    this.tail = this.tail.then(() => this.writer.write({ ref, type, reason, message }, at));
    return this.tail;
  }

  /** Resolves once every event recorded so far is written. */
  flush(): Promise<void> {
    return this.tail;
  }
}
