import { describe, expect, it } from 'vitest';
import { nsToMs, percentile, ratio, summarize } from './stats.js';

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100
  it.each([
    { samples: hundred, p: 50, want: 50 },
    { samples: hundred, p: 99, want: 99 },
    { samples: hundred, p: 100, want: 100 },
    { samples: hundred, p: 0.5, want: 1 },
    { samples: [7], p: 50, want: 7 },
    { samples: [7], p: 99, want: 7 },
    { samples: [1, 2, 3, 4], p: 50, want: 2 }, // rank ceil(2) = 2: an observed value, no interpolation
    { samples: [1, 2, 3, 4], p: 51, want: 3 },
    { samples: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 99, want: 10 }, // fewer than 100 samples: p99 is the max
  ])('p$p of $samples.length samples is $want', ({ samples, p, want }) => {
    expect(percentile(samples, p)).toBe(want);
  });

  it('is NaN without samples and refuses percentiles outside (0, 100]', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe('summarize', () => {
  it('sorts unsorted samples, and computes the rate over the whole phase', () => {
    const s = summarize([5, 1, 4, 2, 3], { elapsedMs: 500, errors: 2 });
    expect(s).toMatchObject({ n: 5, errors: 2, p50: 3, p99: 5, max: 5, mean: 3, opsPerSec: 10 });
  });

  it('reports NaN, not zero, for an empty phase', () => {
    const s = summarize([], { elapsedMs: 1000, errors: 3 });
    expect(s.n).toBe(0);
    expect(s.p50).toBeNaN();
    expect(s.max).toBeNaN();
    expect(s.opsPerSec).toBe(0);
  });
});

describe('ratio', () => {
  it.each([
    { value: 10, baseline: 2, want: 5 },
    { value: 1, baseline: 4, want: 0.25 },
  ])('$value / $baseline = $want', ({ value, baseline, want }) => expect(ratio(value, baseline)).toBe(want));

  it.each([
    { value: NaN, baseline: 1 },
    { value: 1, baseline: 0 },
    { value: -0.2, baseline: 1 }, // a watch event seen before the write's answer
    { value: 1, baseline: NaN },
  ])('is NaN for $value / $baseline', ({ value, baseline }) => expect(ratio(value, baseline)).toBeNaN());
});

it('nsToMs converts hrtime differences', () => {
  expect(nsToMs(1_000_000n, 3_500_000n)).toBe(2.5);
});
