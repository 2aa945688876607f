import { describe, expect, it } from 'vitest';
import { decideLease, formatMicroTime, observeLease, releasedLeaseSpec, validateTiming, type LeaseSpec } from './lease-decision.js';

const T0 = Date.parse('2025-01-01T00:00:00Z');
const s = (sec: number) => T0 + sec * 1000;
const held = (holder: string, extra: Partial<LeaseSpec> = {}): LeaseSpec => ({
  holderIdentity: holder, leaseDurationSeconds: 15, acquireTime: formatMicroTime(s(-100)), renewTime: formatMicroTime(s(-1)), leaseTransitions: 3, ...extra,
});

describe('decideLease', () => {
  it.each([
    {
      name: 'no lease: create it, holding it, with no transitions',
      current: undefined, now: s(0), observedAt: s(0),
      expected: { action: 'create', spec: { holderIdentity: 'me', leaseDurationSeconds: 15, acquireTime: formatMicroTime(s(0)), renewTime: formatMicroTime(s(0)), leaseTransitions: 0 } },
    },
    {
      name: 'held by another, observed 14.999 s ago: wait',
      current: held('other'), now: s(14.999), observedAt: s(0),
      expected: { action: 'wait', holder: 'other', expiresAt: s(15) },
    },
    {
      name: 'held by another, unchanged for a full lease duration: take over, one more transition',
      current: held('other'), now: s(15), observedAt: s(0),
      expected: { action: 'update', renewal: false, spec: { holderIdentity: 'me', acquireTime: formatMicroTime(s(15)), renewTime: formatMicroTime(s(15)), leaseTransitions: 4 } },
    },
    {
      name: 'an old renewTime does not matter: expiry counts from when we observed the record',
      current: held('other', { renewTime: formatMicroTime(s(-3600)) }), now: s(1), observedAt: s(0),
      expected: { action: 'wait', holder: 'other' },
    },
    {
      name: 'held by us: renew, keeping acquireTime and transitions',
      current: held('me'), now: s(2), observedAt: s(0),
      expected: { action: 'update', renewal: true, spec: { holderIdentity: 'me', acquireTime: formatMicroTime(s(-100)), renewTime: formatMicroTime(s(2)), leaseTransitions: 3 } },
    },
    {
      name: 'released (no holder): take it at once',
      current: held('', { leaseDurationSeconds: 1 }), now: s(0), observedAt: s(0),
      expected: { action: 'update', renewal: false, spec: { holderIdentity: 'me', leaseTransitions: 4 } },
    },
    {
      name: "the record's own duration decides expiry",
      current: held('other', { leaseDurationSeconds: 1 }), now: s(1), observedAt: s(0),
      expected: { action: 'update', renewal: false },
    },
  ])('$name', ({ current, now, observedAt, expected }) => {
    expect(decideLease({ current, identity: 'me', leaseDurationSeconds: 15, now, observedAt })).toMatchObject(expected);
  });
});

describe('observeLease', () => {
  it('keeps the observation time while the record is unchanged, restarts it on any change', () => {
    const first = observeLease(undefined, held('a'), s(0));
    expect(first).toMatchObject({ holderIdentity: 'a', observedAt: s(0) });
    expect(observeLease(first, held('a'), s(5)).observedAt).toBe(s(0));
    expect(observeLease(first, held('a', { renewTime: formatMicroTime(s(4)) }), s(5)).observedAt).toBe(s(5));
    expect(observeLease(first, undefined, s(6))).toMatchObject({ holderIdentity: '', observedAt: s(6) });
  });
});

describe('releasedLeaseSpec', () => {
  it('clears the holder, shortens the duration to 1 s and keeps the transition count', () => {
    expect(releasedLeaseSpec(held('me'), s(0))).toEqual({
      holderIdentity: '', leaseDurationSeconds: 1, acquireTime: formatMicroTime(s(0)), renewTime: formatMicroTime(s(0)), leaseTransitions: 3,
    });
  });
});

describe('validateTiming', () => {
  it.each([
    [15, 10_000, 2_000, undefined],
    [10, 10_000, 2_000, 'leaseDuration must be greater than renewDeadline'],
    [15, 2_400, 2_000, 'renewDeadline must be greater than retryPeriod*JitterFactor'],
    [15, 10_000, 0, 'retryPeriod must be greater than zero'],
  ])('lease %i s, renew %i ms, retry %i ms → %s', (leaseDurationSeconds, renewDeadlineMs, retryPeriodMs, error) => {
    expect(validateTiming({ leaseDurationSeconds, renewDeadlineMs, retryPeriodMs })).toBe(error);
  });
});

describe('formatMicroTime', () => {
  it('writes RFC 3339 with six fractional digits, as metav1.MicroTime', () => {
    expect(formatMicroTime(Date.parse('2025-03-04T05:06:07.089Z'))).toBe('2025-03-04T05:06:07.089000Z');
  });
});
