import { describe, expect, it } from 'vitest';
import { callsDue, closedLoop, dueAtNs, openLoop } from './load.js';

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('closedLoop', () => {
  it('makes exactly `count` calls with never more than `concurrency` in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const seen: number[] = [];
    const r = await closedLoop({ concurrency: 4, count: 25 }, async (i) => {
      seen.push(i);
      peak = Math.max(peak, ++inFlight);
      await tick();
      inFlight--;
    });
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(peak).toBe(4);
    expect(r.latenciesMs).toHaveLength(25);
    expect(r.errors).toBe(0);
  });

  it('counts failures as errors, not as latency samples, and keeps the first message', async () => {
    const r = await closedLoop({ concurrency: 2, count: 6 }, async (i) => {
      await tick();
      if (i % 3 === 0) throw new Error(`boom ${i}`);
    });
    expect(r.errors).toBe(2);
    expect(r.latenciesMs).toHaveLength(4);
    expect(r.firstError).toMatch(/^boom [03]$/);
  });

  it('stops starting calls once the duration has passed', async () => {
    const r = await closedLoop({ concurrency: 2, durationMs: 30 }, () => new Promise((res) => setTimeout(res, 5)));
    expect(r.elapsedMs).toBeGreaterThanOrEqual(30);
    expect(r.latenciesMs.length).toBeGreaterThan(0);
    expect(r.latenciesMs.length).toBeLessThan(40); // 2 workers × 30 ms / 5 ms, with slack for slow timers
  });

  it('needs a count or a duration', async () => {
    await expect(closedLoop({ concurrency: 1 }, async () => {})).rejects.toThrow(/count or durationMs/);
  });
});

describe('open-loop schedule', () => {
  it.each([
    { elapsedMs: 0, want: 1 }, // call 0 is due at once
    { elapsedMs: 4.9, want: 1 },
    { elapsedMs: 5, want: 2 },
    { elapsedMs: 999, want: 200 },
    { elapsedMs: 5000, want: 400 }, // never more than the total
  ])('at 200/s, $want calls are due after $elapsedMs ms', ({ elapsedMs, want }) => {
    expect(callsDue(BigInt(Math.round(elapsedMs * 1e6)), 200, 400)).toBe(want);
  });

  it('is due before the start: nothing', () => expect(callsDue(-1n, 200, 10)).toBe(0));

  it('spaces calls 1/rate apart', () => {
    expect(dueAtNs(0, 200)).toBe(0n);
    expect(dueAtNs(3, 200)).toBe(15_000_000n);
    expect(dueAtNs(1, 3)).toBe(333_333_333n);
  });
});

describe('openLoop', () => {
  it('sends rate × duration calls without waiting for answers, and measures from when each was due', async () => {
    const started: number[] = [];
    let inFlight = 0;
    let peak = 0;
    const r = await openLoop({ ratePerSec: 500, durationMs: 40 }, async (i) => {
      started.push(i);
      peak = Math.max(peak, ++inFlight);
      await new Promise((res) => setTimeout(res, 15)); // slower than the 2 ms spacing: calls overlap
      inFlight--;
    });
    expect(started).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(r.latenciesMs).toHaveLength(20);
    expect(peak).toBeGreaterThan(1); // a closed loop of one would never overlap
    expect(Math.min(...r.latenciesMs)).toBeGreaterThanOrEqual(14); // each waited its 15 ms, counted from when due
  });
});
