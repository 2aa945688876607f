/**
 * SchedulingQueue: the pods waiting for a node, by key (`namespace/name`), after kube-scheduler's
 * PriorityQueue (activeQ, backoffQ, unschedulable pods) in a simpler form. Its guarantees:
 *
 * - one entry per key: adding a key already waiting only updates its priority;
 * - order: the highest spec.priority first, then the longest waiting (PrioritySort);
 * - a key being scheduled (popped, not yet done) is never handed out twice; if it is added meanwhile
 *   (the pod changed), it is queued again as soon as it is done;
 * - a pod that failed to schedule waits initial × 2^(attempts−1), capped at max, then is tried again
 *   (kube: 1 s doubling to 10 s);
 * - moveAllToActive() (a node appeared or changed, a bound pod went away) ends every wait at once: the
 *   pods may fit now. A pod that was being scheduled while this happened is retried at once too,
 *   because its failure may predate the change;
 * - delete() forgets a key for good (the pod was deleted or bound by someone else).
 *
 *   const q = new SchedulingQueue({ initialBackoffMs: 1000, maxBackoffMs: 10000 });
 *   q.add('default/hello');
 *   const key = await q.pop();        // undefined once closed
 *   ... q.done(key, 'retry');          // or 'scheduled' / 'gone'
 */
import { backoffDelay } from '../../lib/client/defaults.js';

export interface QueueOptions {
  initialBackoffMs: number;
  maxBackoffMs: number;
}

export type Outcome = 'scheduled' | 'retry' | 'gone';

interface Waiting {
  priority: number;
  /** Arrival order, for first-come first-served among equal priorities. */
  seq: number;
}

export interface QueueStats {
  active: number;
  backoff: number;
  inFlight: number;
}

export class SchedulingQueue {
  private readonly active = new Map<string, Waiting>();
  private readonly backoff = new Map<string, { timer: NodeJS.Timeout; priority: number }>();
  private readonly inFlight = new Map<string, number>();
  /** Keys added while in flight, with their newest priority. */
  private readonly dirty = new Map<string, number>();
  /** In-flight keys that saw a moveAllToActive: their failure may predate the change. */
  private readonly moved = new Set<string>();
  /** In-flight keys deleted meanwhile: not to be retried. */
  private readonly deleted = new Set<string>();
  private readonly attempts = new Map<string, number>();
  private waiters: ((key: string | undefined) => void)[] = [];
  private seq = 0;
  private closed = false;

  constructor(private readonly opts: QueueOptions) {}

  /** A new or changed pod: schedule it as soon as possible. */
  add(key: string, priority = 0): void {
    if (this.closed) return;
    if (this.inFlight.has(key)) {
      this.dirty.set(key, priority);
      return;
    }
    this.cancelBackoff(key);
    const waiting = this.active.get(key);
    if (waiting) waiting.priority = priority;
    else this.activate(key, priority);
  }

  /** Whether the queue knows the key at all (waiting, backing off or in flight). */
  has(key: string): boolean {
    return this.active.has(key) || this.backoff.has(key) || this.inFlight.has(key);
  }

  /** The next key to schedule; waits for one. Resolves undefined once the queue is closed or `signal` aborts. */
  pop(signal?: AbortSignal): Promise<string | undefined> {
    if (this.closed || signal?.aborted) return Promise.resolve(undefined);
    const key = this.takeBest();
    if (key !== undefined) return Promise.resolve(key);
    return new Promise((resolve) => {
      const waiter = (k: string | undefined) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(k);
      };
      // An aborted pop must stop waiting without swallowing a key: it leaves the waiters first.
      const onAbort = () => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(undefined);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** The end of one scheduling attempt of a popped key. */
  done(key: string, outcome: Outcome): void {
    const priority = this.inFlight.get(key) ?? 0;
    this.inFlight.delete(key);
    const dirty = this.dirty.get(key);
    const moved = this.moved.delete(key);
    const deleted = this.deleted.delete(key);
    this.dirty.delete(key);
    if (outcome === 'retry' && !deleted) this.attempts.set(key, (this.attempts.get(key) ?? 0) + 1);
    else this.attempts.delete(key);
    if (this.closed) return;
    if (dirty !== undefined) this.activate(key, dirty);
    else if (outcome === 'retry' && !deleted) {
      if (moved) this.activate(key, priority);
      else this.startBackoff(key, priority);
    }
  }

  /** Forgets a key: it is no longer waiting, and an attempt in flight will not be retried. */
  delete(key: string): void {
    this.active.delete(key);
    this.cancelBackoff(key);
    this.attempts.delete(key);
    if (this.inFlight.has(key)) {
      this.deleted.add(key);
      this.dirty.delete(key);
    }
  }

  /** A cluster event that may let waiting pods fit: they are all tried again now. Returns how many moved. */
  moveAllToActive(): number {
    const keys = [...this.backoff.entries()];
    for (const [key, { priority }] of keys) {
      this.cancelBackoff(key);
      this.activate(key, priority);
    }
    for (const key of this.inFlight.keys()) this.moved.add(key);
    return keys.length;
  }

  close(): void {
    this.closed = true;
    for (const key of [...this.backoff.keys()]) this.cancelBackoff(key);
    for (const resolve of this.waiters.splice(0)) resolve(undefined);
  }

  stats(): QueueStats {
    return { active: this.active.size, backoff: this.backoff.size, inFlight: this.inFlight.size };
  }

  /** How many failed attempts the key has behind it (for observers). */
  attemptsOf(key: string): number {
    return this.attempts.get(key) ?? 0;
  }

  private activate(key: string, priority: number): void {
    const waiter = this.waiters.shift();
    if (waiter) {
      this.inFlight.set(key, priority);
      waiter(key);
      return;
    }
    this.active.set(key, { priority, seq: this.seq++ });
  }

  private takeBest(): string | undefined {
    let best: [string, Waiting] | undefined;
    for (const entry of this.active) {
      const [, w] = entry;
      if (!best || w.priority > best[1].priority || (w.priority === best[1].priority && w.seq < best[1].seq)) best = entry;
    }
    if (!best) return undefined;
    this.active.delete(best[0]);
    this.inFlight.set(best[0], best[1].priority);
    return best[0];
  }

  private startBackoff(key: string, priority: number): void {
    const delay = backoffDelay(this.attempts.get(key) ?? 1, this.opts.initialBackoffMs, this.opts.maxBackoffMs);
    const timer = setTimeout(() => {
      this.backoff.delete(key);
      this.activate(key, priority);
    }, delay);
    this.backoff.set(key, { timer, priority });
  }

  private cancelBackoff(key: string): void {
    const entry = this.backoff.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.backoff.delete(key);
  }
}
