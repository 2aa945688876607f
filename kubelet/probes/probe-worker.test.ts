import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProbeResult } from '../pods/pod-memory.js';
import type { ProbeOutcome } from './prober.js';
import { ProbeWorker } from './probe-worker.js';
import type { ProbeKind } from './probe-state.js';

describe('ProbeWorker', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  function worker(kind: ProbeKind, outcomes: ProbeOutcome['result'][], probe = {}, started = () => true) {
    const reports: [number, ProbeResult][] = [];
    const events: string[] = [];
    let calls = 0;
    const w = new ProbeWorker(kind, { periodSeconds: 1, ...probe }, 0, {
      run: async () => ({ result: outcomes[Math.min(calls++, outcomes.length - 1)]!, output: 'HTTP probe failed with statuscode: 503' }),
      report: (_k, r) => reports.push([Date.now(), r]),
      unhealthy: (_k, output) => events.push(output),
      started, now: () => Date.now(),
    });
    return { w, reports, events, calls: () => calls };
  }

  it('reports a liveness failure after three failed attempts a period apart, then stops', async () => {
    const t = worker('liveness', ['failure']);
    t.w.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.reports).toEqual([[2000, 'failure']]);
    expect(t.events).toHaveLength(3);
    expect(t.calls()).toBe(3);
  });

  it('waits initialDelaySeconds before the first probe', async () => {
    const t = worker('readiness', ['success'], { initialDelaySeconds: 3 });
    t.w.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(t.reports[0]).toEqual([3000, 'success']);
  });

  it('stops a startup probe once it succeeded, and holds liveness until started', async () => {
    const startup = worker('startup', ['failure', 'success']);
    startup.w.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(startup.reports).toEqual([[1000, 'success']]);
    expect(startup.calls()).toBe(2);
    let started = false;
    const live = worker('liveness', ['success'], {}, () => started);
    live.w.start();
    await vi.advanceTimersByTimeAsync(2_500);
    expect(live.calls()).toBe(0);
    started = true;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(live.calls()).toBe(1);
    live.w.stop();
  });
});
