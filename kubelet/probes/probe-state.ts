/**
 * The threshold arithmetic of one probe worker (prober/worker.go doProbe), as pure state:
 *
 *   - results of the same kind in a row are counted; a result is reported only once it has repeated
 *     successThreshold (success) or failureThreshold (failure) times: with failureThreshold 3, one
 *     or two failures change nothing, the third one reports failure;
 *   - a reported liveness or startup failure puts the worker on hold until the container is replaced
 *     (it is about to be killed), and the count starts over;
 *   - before its first report a probe reads as its initial value: readiness failure (not ready yet),
 *     liveness success (alive until proven otherwise), startup nothing (not started yet).
 *
 * Defaults, as the apiserver fills them in: period 10 s, timeout 1 s, success 1, failure 3.
 */
import type { ProbeResult } from '../pods/pod-memory.js';
import type { Probe } from '../pods/types.js';

export type ProbeKind = 'startup' | 'readiness' | 'liveness';

export interface ProbeCounter {
  last?: ProbeResult;
  run: number;
  onHold: boolean;
}

export interface ProbeTiming {
  initialDelayMs: number;
  periodMs: number;
  timeoutMs: number;
  successThreshold: number;
  failureThreshold: number;
}

export function probeTiming(p: Probe): ProbeTiming {
  return {
    initialDelayMs: (p.initialDelaySeconds ?? 0) * 1000,
    periodMs: Math.max(1, p.periodSeconds ?? 10) * 1000,
    timeoutMs: Math.max(1, p.timeoutSeconds ?? 1) * 1000,
    successThreshold: Math.max(1, p.successThreshold ?? 1),
    failureThreshold: Math.max(1, p.failureThreshold ?? 3),
  };
}

export function initialResult(kind: ProbeKind): ProbeResult | undefined {
  return kind === 'readiness' ? 'failure' : kind === 'liveness' ? 'success' : undefined;
}

/** One more probe outcome: the new counter and, when a threshold is reached, the result to report. */
export function observeResult(counter: ProbeCounter, result: ProbeResult, kind: ProbeKind, timing: ProbeTiming): { counter: ProbeCounter; report?: ProbeResult } {
  const run = counter.last === result ? counter.run + 1 : 1;
  const threshold = result === 'failure' ? timing.failureThreshold : timing.successThreshold;
  if (run < threshold) return { counter: { last: result, run, onHold: false } };
  if (result === 'failure' && kind !== 'readiness') return { counter: { last: result, run: 0, onHold: true }, report: result };
  return { counter: { last: result, run, onHold: false }, report: result };
}
