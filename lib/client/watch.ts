/**
 * The client side of the NATS watch protocol (lib/nats/protocol.ts): one logical watch that survives lost
 * messages, apiserver restarts and NATS reconnects.
 *
 *   const w = startWatch(deps, PODS, { namespace, labelSelector, fieldSelector, resourceVersion }, onEvent);
 *   w.stop(); await w.done;
 *
 * Each attempt subscribes to a fresh inbox, then sends a WatchStartRequest for the last resourceVersion
 * seen (from events or heartbeats). An attempt is abandoned and a new one started, after a backoff, when:
 * a `seq` is skipped (a message was lost), nothing arrives for 3 × heartbeatMs (dead stream), an `end`
 * arrives that is not a 410, the NATS connection reconnects, or the start request fails for a reason
 * worth retrying (no apiserver, timeout, 429, 5xx).
 *
 * Invariants for the caller (`onEvent`):
 * - no gap and no duplicate: after a resume, an event whose resourceVersion is not newer than the last
 *   one delivered is dropped; a repeated `seq` is dropped;
 * - a 410 Expired (start reply or `end`), or any other refusal of the watch (400, 403, 404...), is delivered
 *   as one ERROR event whose object is the Status, after which the watch is over (the informer re-lists);
 * - a watch from resourceVersion "" or "0" begins with the current state as ADDED events, which are not in
 *   resourceVersion order; until the first heartbeat confirms that state is complete there is no safe
 *   point to resume from, so a break after part of it was delivered is delivered as a 410 too;
 * - `onEvent` is called synchronously, one event at a time; if it throws, the error is logged.
 */
import type { Status, WatchEvent } from '../api/types.js';
import { ApiError, GoneError } from '../errors.js';
import type { Logger } from '../log.js';
import type { WatchMessage, WatchStartReply, WatchStartRequest } from '../nats/protocol.js';
import type { Subjects } from '../nats/subjects.js';
import { backoffDelay, DEAD_STREAM_HEARTBEATS, WATCH_START_TIMEOUT_MS } from './defaults.js';
import type { ResourceRef } from './resource-refs.js';
import { isNewer, maxResourceVersion } from './resource-version.js';
import type { Transport, TransportSubscription } from './transport.js';

export interface WatchOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Deliver changes after this version; "" or "0" (the default) starts with the current state. */
  resourceVersion?: string;
}

export type WatchHandler = (event: WatchEvent) => void;

export interface Watcher {
  /** Cancels the watch; no event is delivered after it returns. */
  stop(): void;
  /** Resolves once the watch is over: stopped, or ended by an ERROR event. */
  readonly done: Promise<void>;
  /** The newest resourceVersion up to which every event has been delivered ("" before the first). */
  readonly resourceVersion: string;
}

export interface WatchDeps {
  transport: Transport;
  subjects: Subjects;
  user: string;
  log: Logger;
  startTimeoutMs?: number;
}

/** One try at a stream: its inbox, the control subject the apiserver gave it, and its timers. */
interface Attempt {
  inbox: string;
  sub?: TransportSubscription;
  control?: string;
  heartbeatMs?: number;
  expectedSeq: number;
  deadTimer?: NodeJS.Timeout;
  keepaliveTimer?: NodeJS.Timeout;
  closed: boolean;
}

export function startWatch(deps: WatchDeps, ref: ResourceRef, opts: WatchOptions, onEvent: WatchHandler): Watcher {
  const w = new WatchStream(deps, ref, opts, onEvent);
  w.begin();
  return w;
}

class WatchStream implements Watcher {
  resourceVersion: string;
  readonly done: Promise<void>;
  private resolveDone!: () => void;
  /** False while a watch from "" / "0" is still sending the initial state. */
  private resumable: boolean;
  /** Whether any event of that initial state has been delivered (then it cannot simply start over). */
  private deliveredInitialState = false;
  private attempt?: Attempt;
  private failures = 0;
  private retryTimer?: NodeJS.Timeout;
  private stopped = false;
  private readonly removeReconnectListener: () => void;

  constructor(
    private readonly deps: WatchDeps,
    private readonly ref: ResourceRef,
    private readonly opts: WatchOptions,
    private readonly onEvent: WatchHandler,
  ) {
    this.resourceVersion = opts.resourceVersion ?? '';
    this.resumable = this.resourceVersion !== '' && this.resourceVersion !== '0';
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    this.removeReconnectListener = deps.transport.onReconnect(() => this.onReconnect());
  }

  stop(): void {
    if (this.stopped) return;
    this.finish();
  }

  /** Starts one attempt: subscribe first, so that no message sent after the start reply can be missed. */
  begin(): void {
    this.retryTimer = undefined;
    if (this.stopped) return;
    // From "" or "0" the stream starts with the current state again (nothing was delivered yet, or
    // resourceVersion would have moved): its events are not in version order, so no filtering.
    if (this.resourceVersion === '' || this.resourceVersion === '0') this.resumable = false;
    const { transport, subjects, user } = this.deps;
    const attempt: Attempt = { inbox: transport.inbox(), expectedSeq: 1, closed: false };
    attempt.sub = transport.subscribe(attempt.inbox, (m) => this.onMessage(attempt, m));
    this.attempt = attempt;
    const req: WatchStartRequest = {
      group: this.ref.group, version: this.ref.version, resource: this.ref.resource,
      namespace: this.opts.namespace, labelSelector: this.opts.labelSelector, fieldSelector: this.opts.fieldSelector,
      resourceVersion: this.resourceVersion, deliverTo: attempt.inbox, user,
    };
    transport.request(subjects.apiWatch, req, this.deps.startTimeoutMs ?? WATCH_START_TIMEOUT_MS).then(
      (reply) => this.onStartReply(attempt, reply as WatchStartReply),
      (err: unknown) => {
        if (attempt.closed) return;
        this.restart('watch start failed', { error: err instanceof Error ? err.message : String(err) });
      },
    );
  }

  private onStartReply(attempt: Attempt, reply: WatchStartReply): void {
    if (reply?.ok === true) {
      if (attempt.closed) return this.cancelRemote(reply.control);
      attempt.control = reply.control;
      attempt.heartbeatMs = reply.heartbeatMs;
      attempt.keepaliveTimer = setInterval(() => this.deps.transport.publish(`${reply.control}.keepalive`, {}), reply.keepaliveMs);
      this.armDeadTimer(attempt);
      return;
    }
    if (attempt.closed) return;
    const status = reply?.ok === false ? reply.status : undefined;
    if (!status || isRetryable(status.code)) return this.restart('watch start refused', { code: status?.code, error: status?.message });
    this.fail(status);
  }

  private onMessage(attempt: Attempt, raw: unknown): void {
    if (attempt.closed || attempt !== this.attempt) return; // a late message of an abandoned attempt
    const msg = raw as WatchMessage;
    const seq = typeof msg?.seq === 'number' ? msg.seq : NaN;
    if (seq < attempt.expectedSeq) {
      this.deps.log.debug('dropping a repeated watch message', { seq });
      return;
    }
    if (seq !== attempt.expectedSeq) return this.restart('watch message lost', { expected: attempt.expectedSeq, got: seq });
    attempt.expectedSeq++;
    this.failures = 0; // the stream works: the next break retries at once
    this.armDeadTimer(attempt);
    if ('heartbeat' in msg) return this.onBookmark(msg.heartbeat.resourceVersion);
    if ('end' in msg) return this.onEnd(msg.end);
    if ('event' in msg) return this.onWatchEvent(msg.event);
    this.restart('malformed watch message', { seq });
  }

  private onBookmark(rv: string): void {
    this.resumable = true;
    this.resourceVersion = maxResourceVersion(this.resourceVersion, rv);
  }

  private onEnd(status: Status): void {
    if (status.code === 410) return this.fail(status);
    this.restart('watch ended by the apiserver', { code: status.code, error: status.message });
  }

  private onWatchEvent(event: WatchEvent): void {
    if (event.type === 'ERROR') return this.onEnd(event.object as unknown as Status);
    const rv = event.object?.metadata?.resourceVersion ?? '';
    if (event.type === 'BOOKMARK') return this.onBookmark(rv);
    if (this.resumable) {
      // After a resume the apiserver replays from our version; anything not newer was already delivered.
      if (rv && !isNewer(rv, this.resourceVersion)) {
        this.deps.log.debug('dropping a replayed watch event', { rv });
        return;
      }
      if (rv) this.resourceVersion = maxResourceVersion(this.resourceVersion, rv);
    } else {
      this.deliveredInitialState = true;
    }
    this.deliver(event);
  }

  private deliver(event: WatchEvent): void {
    try {
      this.onEvent(event);
    } catch (err) {
      this.deps.log.error('watch event handler failed', { resource: this.ref.resource, error: String(err) });
    }
  }

  private armDeadTimer(attempt: Attempt): void {
    if (attempt.heartbeatMs === undefined) return; // not started yet: the start timeout covers this
    clearTimeout(attempt.deadTimer);
    const ms = attempt.heartbeatMs * DEAD_STREAM_HEARTBEATS;
    attempt.deadTimer = setTimeout(() => this.restart('watch stream silent', { silentMs: ms }), ms);
  }

  private onReconnect(): void {
    if (this.stopped) return;
    // Anything in flight during the blip may be lost, and our keepalives may have lapsed: resume now.
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.failures = 0;
    this.restart('NATS reconnected', {});
  }

  /** Abandons the current attempt and schedules the next one from the last resourceVersion delivered. */
  private restart(why: string, meta: Record<string, unknown>): void {
    if (this.stopped) return;
    this.closeAttempt();
    if (!this.resumable && this.deliveredInitialState) {
      return this.fail(new GoneError('watch interrupted before the initial state was complete; list again').toStatus());
    }
    const delay = backoffDelay(this.failures++);
    this.deps.log.info('re-watching', { resource: this.ref.resource, why, resourceVersion: this.resourceVersion, delay, ...meta });
    this.retryTimer = setTimeout(() => this.begin(), delay);
  }

  /** Ends the watch with an ERROR event carrying `status`. */
  private fail(status: Status): void {
    this.finish();
    this.deliver({ type: 'ERROR', object: status as never });
  }

  private finish(): void {
    this.stopped = true;
    this.closeAttempt();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.removeReconnectListener();
    this.resolveDone();
  }

  private closeAttempt(): void {
    const a = this.attempt;
    if (!a || a.closed) return;
    a.closed = true;
    a.sub?.unsubscribe();
    clearTimeout(a.deadTimer);
    clearInterval(a.keepaliveTimer);
    if (a.control) this.cancelRemote(a.control);
  }

  /** Tells the apiserver to drop a stream at once rather than after its keepalive lapses. */
  private cancelRemote(control: string): void {
    this.deps.transport.publish(`${control}.cancel`, {});
  }
}

/** Refusals that a later attempt may not meet: too many requests, apiserver errors and timeouts. */
function isRetryable(code: number): boolean {
  return code === 429 || code >= 500;
}

/** The Status an ERROR event carries, as an ApiError, for callers that prefer to throw it. */
export function watchError(event: WatchEvent): ApiError {
  return ApiError.fromStatus(event.object as unknown as Status);
}
