/**
 * One probe of one container instance, on a timer (prober/worker.go): every periodSeconds from the
 * moment it starts it runs the handler, skipping ticks until initialDelaySeconds have passed since the
 * container started, and liveness/readiness ticks until the startup probe has succeeded. Outcomes go
 * through the threshold arithmetic (probe-state.ts); a reported result is handed to `report`. Every
 * failed attempt is an `Unhealthy` Warning event (`Readiness probe failed: HTTP probe failed with
 * statuscode: 503`). A startup probe stops once it succeeded; liveness/startup stop after reporting
 * a failure (the container is about to be restarted and gets new workers).
 */
import type { Probe } from '../pods/types.js';
import type { ProbeResult } from '../pods/pod-memory.js';
import type { ProbeOutcome } from './prober.js';
import { observeResult, probeTiming, type ProbeCounter, type ProbeKind, type ProbeTiming } from './probe-state.js';

export interface ProbeWorkerDeps {
  run(probe: Probe, timeoutMs: number): Promise<ProbeOutcome>;
  report(kind: ProbeKind, result: ProbeResult): void;
  unhealthy(kind: ProbeKind, output: string): void;
  /** Has the container passed its startup probe (or has none)? */
  started(): boolean;
  now(): number;
}

export class ProbeWorker {
  private readonly timing: ProbeTiming;
  private counter: ProbeCounter = { run: 0, onHold: false };
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(readonly kind: ProbeKind, private readonly probe: Probe, private readonly containerStartedMs: number, private readonly deps: ProbeWorkerDeps) {
    this.timing = probeTiming(probe);
  }

  start(): void {
    void this.tick();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    const keepGoing = await this.doProbe();
    if (keepGoing && !this.stopped) this.timer = setTimeout(() => void this.tick(), this.timing.periodMs);
  }

  /** One tick; false when this worker is done. */
  private async doProbe(): Promise<boolean> {
    if (this.counter.onHold) return false;
    if (this.deps.now() - this.containerStartedMs < this.timing.initialDelayMs) return true;
    if (this.kind !== 'startup' && !this.deps.started()) return true;
    const outcome = await this.deps.run(this.probe, this.timing.timeoutMs);
    if (this.stopped) return false;
    if (outcome.result === 'failure') this.deps.unhealthy(this.kind, outcome.output);
    const step = observeResult(this.counter, outcome.result, this.kind, this.timing);
    this.counter = step.counter;
    if (step.report) this.deps.report(this.kind, step.report);
    if (this.kind === 'startup' && step.report === 'success') return false;
    return !this.counter.onHold;
  }
}
