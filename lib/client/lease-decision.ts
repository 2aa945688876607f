/**
 * The decision at the heart of leader election, as a pure function: given the Lease as read now, may this
 * candidate acquire or renew it? (client-go leaderelection's tryAcquireOrRenew, without the I/O.)
 *
 *   decideLease({ current, identity, leaseDurationSeconds, now, observedAt }) → create | update | wait
 *
 * Why `observedAt` and not the Lease's renewTime: clocks on different machines disagree, so a candidate
 * judges expiry by its own clock, from the moment it first saw the current record. A holder that stops
 * renewing is therefore replaced leaseDurationSeconds after the others last saw the record change, and a
 * candidate that just started waits one full lease duration before taking over from a silent holder.
 *
 * Invariants: a lease held by someone else is never taken before it expired by that rule; a renewal keeps
 * acquireTime and leaseTransitions; every change of holder increments leaseTransitions.
 */

/** coordination.k8s.io/v1 LeaseSpec (times are metav1.MicroTime strings). */
export interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

/** What a candidate saw of the lease, and when by its own clock it last saw the record change. */
export interface LeaseObservation {
  record: string;
  holderIdentity: string;
  observedAt: number;
}

export type LeaseDecision =
  | { action: 'create'; spec: LeaseSpec }
  | { action: 'update'; spec: LeaseSpec; renewal: boolean }
  | { action: 'wait'; holder: string; expiresAt: number };

export interface LeaseDecisionInput {
  /** The lease's spec, or undefined when no Lease exists. */
  current: LeaseSpec | undefined;
  identity: string;
  leaseDurationSeconds: number;
  /** Milliseconds since the epoch, by the candidate's clock. */
  now: number;
  /** When the candidate first observed `current` (see observeLease). */
  observedAt: number;
}

export function decideLease(input: LeaseDecisionInput): LeaseDecision {
  const { current, identity, leaseDurationSeconds, now } = input;
  const fresh: LeaseSpec = { holderIdentity: identity, leaseDurationSeconds, renewTime: formatMicroTime(now) };
  if (!current) {
    return { action: 'create', spec: { ...fresh, acquireTime: formatMicroTime(now), leaseTransitions: 0 } };
  }
  const holder = current.holderIdentity ?? '';
  const expiresAt = input.observedAt + (current.leaseDurationSeconds ?? leaseDurationSeconds) * 1000;
  if (holder !== '' && holder !== identity && expiresAt > now) return { action: 'wait', holder, expiresAt };
  if (holder === identity) {
    const spec = { ...fresh, acquireTime: current.acquireTime ?? formatMicroTime(now), leaseTransitions: current.leaseTransitions ?? 0 };
    return { action: 'update', spec, renewal: true };
  }
  // Free (released or never held) or expired: take it over, counting the change of holder.
  const spec = { ...fresh, acquireTime: formatMicroTime(now), leaseTransitions: (current.leaseTransitions ?? 0) + 1 };
  return { action: 'update', spec, renewal: false };
}

/**
 * The observation after reading `current` at `now`: the time is kept while the record is unchanged and
 * restarts when it changes (any renewal changes renewTime), as client-go compares raw records.
 */
export function observeLease(prev: LeaseObservation | undefined, current: LeaseSpec | undefined, now: number): LeaseObservation {
  const record = JSON.stringify(current ?? null);
  if (prev && prev.record === record) return prev;
  return { record, holderIdentity: current?.holderIdentity ?? '', observedAt: now };
}

/**
 * The spec that gives a lease up on a clean shutdown, as client-go's release writes it: no holder and a
 * one-second duration, so a standby takes over at its next retry instead of after a full lease duration.
 */
export function releasedLeaseSpec(current: LeaseSpec, now: number): LeaseSpec {
  const t = formatMicroTime(now);
  return { holderIdentity: '', leaseDurationSeconds: 1, acquireTime: t, renewTime: t, leaseTransitions: current.leaseTransitions ?? 0 };
}

export interface LeaderElectionTiming {
  leaseDurationSeconds: number;
  renewDeadlineMs: number;
  retryPeriodMs: number;
}

/** client-go's JitterFactor: retries may come up to 1.2 × retryPeriod apart. */
const JITTER_FACTOR = 1.2;

/** The error client-go's NewLeaderElector would report for these timings, or undefined when valid. */
export function validateTiming(t: LeaderElectionTiming): string | undefined {
  const leaseMs = t.leaseDurationSeconds * 1000;
  if (leaseMs <= t.renewDeadlineMs) return 'leaseDuration must be greater than renewDeadline';
  if (t.renewDeadlineMs <= JITTER_FACTOR * t.retryPeriodMs) return 'renewDeadline must be greater than retryPeriod*JitterFactor';
  if (leaseMs < 1) return 'leaseDuration must be greater than zero';
  if (t.renewDeadlineMs < 1) return 'renewDeadline must be greater than zero';
  if (t.retryPeriodMs < 1) return 'retryPeriod must be greater than zero';
  return undefined;
}

/** metav1.MicroTime: RFC 3339 in UTC with exactly six fractional digits. */
export function formatMicroTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
