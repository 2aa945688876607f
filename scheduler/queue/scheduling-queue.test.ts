import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SchedulingQueue } from './scheduling-queue.js';

describe('SchedulingQueue', () => {
  let q: SchedulingQueue;
  beforeEach(() => {
    vi.useFakeTimers();
    q = new SchedulingQueue({ initialBackoffMs: 1000, maxBackoffMs: 10_000 });
  });
  afterEach(() => {
    q.close();
    vi.useRealTimers();
  });

  /** Pops whatever is ready now, without leaving a waiting pop behind. */
  async function drain(): Promise<string[]> {
    const out: string[] = [];
    while (q.stats().active > 0) out.push((await q.pop())!);
    return out;
  }

  it('hands out the highest priority first, then first come first served, each key once', async () => {
    q.add('ns/a');
    q.add('ns/b', 10);
    q.add('ns/c');
    q.add('ns/a');
    expect(await drain()).toEqual(['ns/b', 'ns/a', 'ns/c']);
  });

  it('waits in pop until a key arrives, and resolves undefined when closed', async () => {
    const first = q.pop();
    q.add('ns/a');
    expect(await first).toBe('ns/a');
    const second = q.pop();
    q.close();
    expect(await second).toBeUndefined();
  });

  it('stops a waiting pop on abort without losing the next key', async () => {
    const ac = new AbortController();
    const waiting = q.pop(ac.signal);
    ac.abort();
    expect(await waiting).toBeUndefined();
    q.add('ns/a');
    expect(await q.pop()).toBe('ns/a');
  });

  it('backs off 1 s, 2 s, 4 s, 8 s, 10 s, 10 s on consecutive failures', async () => {
    q.add('ns/a');
    let key = await q.pop();
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      q.done(key!, 'retry');
      const start = Date.now();
      const next = q.pop();
      await vi.advanceTimersToNextTimerAsync();
      key = await next;
      expect(key).toBe('ns/a');
      waits.push(Date.now() - start);
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('starts over after a success', async () => {
    q.add('ns/a');
    q.done((await q.pop())!, 'retry');
    q.moveAllToActive();
    q.done((await q.pop())!, 'scheduled');
    expect(q.attemptsOf('ns/a')).toBe(0);
    expect(q.has('ns/a')).toBe(false);
  });

  it('ends every backoff at once on a cluster event', async () => {
    q.add('ns/a');
    q.add('ns/b');
    q.done((await q.pop())!, 'retry');
    q.done((await q.pop())!, 'retry');
    expect(q.stats()).toEqual({ active: 0, backoff: 2, inFlight: 0 });
    expect(q.moveAllToActive()).toBe(2);
    expect(await drain()).toEqual(['ns/a', 'ns/b']);
  });

  it('retries at once a pod that failed while a cluster event happened', async () => {
    q.add('ns/a');
    const key = (await q.pop())!;
    q.moveAllToActive();
    q.done(key, 'retry');
    expect(await drain()).toEqual(['ns/a']);
  });

  it('queues again a key added while it was being scheduled', async () => {
    q.add('ns/a');
    const key = (await q.pop())!;
    q.add('ns/a');
    expect(await drain()).toEqual([]);
    q.done(key, 'scheduled');
    expect(await drain()).toEqual(['ns/a']);
  });

  it('forgets deleted keys, even in flight', async () => {
    q.add('ns/a');
    q.add('ns/b');
    const key = (await q.pop())!;
    q.delete(key);
    q.delete('ns/b');
    q.done(key, 'retry');
    expect(q.stats()).toEqual({ active: 0, backoff: 0, inFlight: 0 });
    await vi.advanceTimersByTimeAsync(20_000);
    expect(await drain()).toEqual([]);
  });
});
