/**
 * LeaderElector: leader election on a coordination.k8s.io/v1 Lease, as client-go's leaderelection does it,
 * so that two replicas of the scheduler or controller-manager can run and the standby takes over.
 *
 *   const le = new LeaderElector({ client: api, namespace: 'kube-system', name: 'kube-scheduler',
 *     identity: 'scheduler-1', callbacks: { onStartedLeading: (signal) => run(signal), onStoppedLeading } });
 *   le.start();  ...  await le.stop();   // releases the lease if held
 *
 * The loop: every retryPeriod, read the Lease and let the pure decideLease (lease-decision.ts) say whether
 * to create, take over, renew or wait; writes carry the resourceVersion just read, so of two candidates
 * racing for an expired lease exactly one wins (the other gets 409 Conflict and waits).
 * Once leading, the elector renews every retryPeriod. If no renewal succeeds for renewDeadline, or the
 * lease is seen held by another, leadership is lost: the AbortSignal given to onStartedLeading fires,
 * onStoppedLeading runs, and the elector becomes a candidate again. The renew deadline is enforced by a
 * timer, so a request hanging on a paused apiserver cannot stretch a leadership past it.
 *
 * Callbacks are called synchronously and must not throw (errors are logged). onNewLeader reports every
 * change of the observed holder, this candidate included.
 */
import type { KubeObject } from '../api/types.js';
import { ConflictError, NotFoundError, AlreadyExistsError } from '../errors.js';
import { silentLogger, type Logger } from '../log.js';
import type { ApiClient } from './api-client.js';
import { LEASE_DURATION_SECONDS, RENEW_DEADLINE_MS, RETRY_PERIOD_MS } from './defaults.js';
import { decideLease, observeLease, releasedLeaseSpec, validateTiming, type LeaseObservation, type LeaseSpec } from './lease-decision.js';
import { LEASES } from './resource-refs.js';

export interface Lease extends KubeObject {
  spec?: LeaseSpec;
}

export interface LeaderCallbacks {
  /** This candidate now leads; `signal` aborts when it stops leading. */
  onStartedLeading(signal: AbortSignal): void;
  onStoppedLeading(): void;
  onNewLeader?(identity: string): void;
}

export interface LeaderElectionConfig {
  client: Pick<ApiClient, 'get' | 'create' | 'update'>;
  namespace: string;
  name: string;
  identity: string;
  callbacks: LeaderCallbacks;
  leaseDurationSeconds?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
  /** Give the lease up on stop() so a standby takes over at once (client-go's ReleaseOnCancel). Default true. */
  releaseOnStop?: boolean;
  log?: Logger;
  /** The clock, in milliseconds since the epoch; tests replace it. */
  now?: () => number;
}

export class LeaderElector {
  private readonly timing: { leaseDurationSeconds: number; renewDeadlineMs: number; retryPeriodMs: number };
  private readonly log: Logger;
  private readonly now: () => number;
  private observed?: LeaseObservation;
  private lease?: Lease;
  private reportedLeader = '';
  private leading?: AbortController;
  private deadlineTimer?: NodeJS.Timeout;
  private sleepTimer?: NodeJS.Timeout;
  private wake?: () => void;
  private stopped = false;
  private loop?: Promise<void>;

  constructor(private readonly cfg: LeaderElectionConfig) {
    this.timing = {
      leaseDurationSeconds: cfg.leaseDurationSeconds ?? LEASE_DURATION_SECONDS,
      renewDeadlineMs: cfg.renewDeadlineMs ?? RENEW_DEADLINE_MS,
      retryPeriodMs: cfg.retryPeriodMs ?? RETRY_PERIOD_MS,
    };
    const invalid = validateTiming(this.timing);
    if (invalid) throw new Error(invalid);
    this.log = (cfg.log ?? silentLogger()).child({ lease: `${cfg.namespace}/${cfg.name}`, identity: cfg.identity });
    this.now = cfg.now ?? Date.now;
  }

  isLeader(): boolean {
    return this.leading !== undefined;
  }

  /** The holder this candidate last observed ("" when none). */
  getLeader(): string {
    return this.observed?.holderIdentity ?? '';
  }

  start(): void {
    if (!this.loop && !this.stopped) this.loop = this.run();
  }

  /** Stops campaigning; a leader releases the lease (unless releaseOnStop is false) and stops leading. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.sleepTimer);
    this.wake?.();
    await this.loop;
    // Release whenever the last write made us holder, even if stop() came before we started leading.
    if (this.cfg.releaseOnStop !== false) await this.release();
    this.loseLeadership('stopped');
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const renewed = await this.tryAcquireOrRenew();
      if (this.stopped) return;
      if (renewed) this.onRenewed();
      else if (this.leading && this.getLeader() !== this.cfg.identity) this.loseLeadership('lease taken by another');
      await this.sleep(this.timing.retryPeriodMs);
    }
  }

  private onRenewed(): void {
    clearTimeout(this.deadlineTimer);
    this.deadlineTimer = setTimeout(() => this.loseLeadership('renew deadline passed'), this.timing.renewDeadlineMs);
    if (this.leading) return;
    this.leading = new AbortController();
    this.log.info('started leading');
    this.callback('onStartedLeading', () => this.cfg.callbacks.onStartedLeading(this.leading!.signal));
  }

  private loseLeadership(why: string): void {
    clearTimeout(this.deadlineTimer);
    const leading = this.leading;
    if (!leading) return;
    this.leading = undefined;
    this.log.info('stopped leading', { why });
    leading.abort();
    this.callback('onStoppedLeading', () => this.cfg.callbacks.onStoppedLeading());
  }

  /** One round: read, decide, write. True when this candidate holds the lease afterwards. */
  private async tryAcquireOrRenew(): Promise<boolean> {
    const { client, namespace, name, identity } = this.cfg;
    let current: Lease | undefined;
    try {
      current = await client.get<Lease>(LEASES, namespace, name);
    } catch (err) {
      if (!(err instanceof NotFoundError)) return this.failedAttempt('reading the lease failed', err);
    }
    const now = this.now();
    this.observe(current, now);
    const decision = decideLease({ current: current?.spec, identity, leaseDurationSeconds: this.timing.leaseDurationSeconds, now, observedAt: this.observed!.observedAt });
    if (decision.action === 'wait') return false;
    try {
      const written = decision.action === 'create'
        ? await client.create<Lease>(LEASES, namespace, newLease(namespace, name, decision.spec))
        : await client.update<Lease>(LEASES, { ...current!, spec: decision.spec });
      this.observe(written, this.now());
      if (decision.action === 'update' && !decision.renewal) this.log.info('acquired the lease', { from: current?.spec?.holderIdentity });
      return true;
    } catch (err) {
      // Another candidate wrote first: it won this round.
      if (err instanceof ConflictError || err instanceof AlreadyExistsError) return false;
      return this.failedAttempt('writing the lease failed', err);
    }
  }

  private failedAttempt(what: string, err: unknown): false {
    this.log.warn(what, { error: err instanceof Error ? err.message : String(err) });
    return false;
  }

  private observe(lease: Lease | undefined, now: number): void {
    this.lease = lease;
    this.observed = observeLease(this.observed, lease?.spec, now);
    const holder = this.observed.holderIdentity;
    if (holder && holder !== this.reportedLeader) {
      this.reportedLeader = holder;
      this.log.info('new leader observed', { leader: holder });
      this.callback('onNewLeader', () => this.cfg.callbacks.onNewLeader?.(holder));
    }
  }

  private async release(): Promise<void> {
    const lease = this.lease;
    if (!lease?.spec || lease.spec.holderIdentity !== this.cfg.identity) return;
    try {
      await this.cfg.client.update<Lease>(LEASES, { ...lease, spec: releasedLeaseSpec(lease.spec, this.now()) });
      this.log.info('released the lease');
    } catch (err) {
      this.failedAttempt('releasing the lease failed', err);
    }
  }

  private callback(name: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.log.error('leader election callback failed', { callback: name, error: err instanceof Error ? err.message : String(err) });
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.sleepTimer = setTimeout(resolve, ms);
    });
  }
}

function newLease(namespace: string, name: string, spec: LeaseSpec): Lease {
  return { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name, namespace }, spec };
}
