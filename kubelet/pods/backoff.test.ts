import { describe, expect, it } from 'vitest';
import { isInBackOffSince, isInBackOffSinceUpdate, nextBackoff, type BackoffEntry } from './backoff.js';

const policy = { initialMs: 10_000, maxMs: 300_000 };

describe('nextBackoff', () => {
  it('starts at the initial delay and doubles up to the maximum', () => {
    let entry: BackoffEntry | undefined;
    const delays: number[] = [];
    let t = 0;
    for (let i = 0; i < 7; i++) {
      entry = nextBackoff(entry, t, policy);
      delays.push(entry.durationMs);
      t += entry.durationMs + 1000;
    }
    expect(delays).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
  });

  it('starts over after 2 × max without a failure (a container that ran 10 minutes)', () => {
    const entry = { durationMs: 300_000, lastUpdateMs: 0 };
    expect(nextBackoff(entry, 600_000, policy).durationMs).toBe(300_000);
    expect(nextBackoff(entry, 600_001, policy).durationMs).toBe(10_000);
  });
});

describe('isInBackOffSince', () => {
  const entry = { durationMs: 20_000, lastUpdateMs: 1_000 };
  it.each([
    ['no entry', undefined, 5_000, 6_000, false],
    ['within the delay after the event', entry, 5_000, 24_999, true],
    ['once the delay has passed', entry, 5_000, 25_000, false],
    ['when the entry expired', entry, 5_000, 601_001 + 1_000, false],
  ])('%s', (_name, e, eventMs, nowMs, expected) => {
    expect(isInBackOffSince(e, eventMs, nowMs, policy)).toBe(expected);
  });

  it('measures from the last update for image pulls', () => {
    expect(isInBackOffSinceUpdate(entry, 20_999, policy)).toBe(true);
    expect(isInBackOffSinceUpdate(entry, 21_000, policy)).toBe(false);
    expect(isInBackOffSinceUpdate(undefined, 0, policy)).toBe(false);
  });
});
