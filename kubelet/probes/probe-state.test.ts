import { describe, expect, it } from 'vitest';
import type { ProbeResult } from '../pods/pod-memory.js';
import { initialResult, observeResult, probeTiming, type ProbeCounter, type ProbeKind } from './probe-state.js';

function feed(kind: ProbeKind, results: ProbeResult[], probe = {}): (ProbeResult | '-')[] {
  const timing = probeTiming(probe);
  let counter: ProbeCounter = { run: 0, onHold: false };
  return results.map((r) => {
    const step = observeResult(counter, r, kind, timing);
    counter = step.counter;
    return step.report ?? '-';
  });
}

const S = 'success' as const;
const F = 'failure' as const;

describe('probe thresholds', () => {
  it('reports a liveness failure on the third one in a row, then holds', () => {
    expect(feed('liveness', [F, F, S, F, F, F])).toEqual(['-', '-', S, '-', '-', F]);
  });

  it('reports readiness each time the threshold is met, and keeps probing after failure', () => {
    expect(feed('readiness', [S, F, F, F, F, S], { failureThreshold: 3 })).toEqual([S, '-', '-', F, F, S]);
  });

  it('needs successThreshold successes in a row', () => {
    expect(feed('readiness', [S, S, F, S, S], { successThreshold: 2, failureThreshold: 1 })).toEqual(['-', S, F, '-', S]);
  });

  it('puts liveness and startup on hold after reporting a failure', () => {
    const timing = probeTiming({ failureThreshold: 1 });
    expect(observeResult({ run: 0, onHold: false }, F, 'startup', timing)).toEqual({ counter: { last: F, run: 0, onHold: true }, report: F });
  });

  it('applies the API defaults', () => {
    expect(probeTiming({})).toEqual({ initialDelayMs: 0, periodMs: 10_000, timeoutMs: 1000, successThreshold: 1, failureThreshold: 3 });
  });

  it.each([['readiness', F], ['liveness', S], ['startup', undefined]] as const)('%s starts as %s', (kind, value) => {
    expect(initialResult(kind)).toBe(value);
  });
});
