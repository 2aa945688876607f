import { describe, expect, it } from 'vitest';
import { formatGoDuration } from './go-duration.js';

describe('formatGoDuration', () => {
  it.each([
    [0, '0s'], [1, '1ms'], [812, '812ms'], [1000, '1s'], [1200, '1.2s'], [1234, '1.234s'], [1050, '1.05s'],
    [10_000, '10s'], [80_000, '1m20s'], [160_000, '2m40s'], [300_000, '5m0s'], [3_600_000, '1h0m0s'],
    [3_723_500, '1h2m3.5s'], [812.9, '812ms'], [-1500, '-1.5s'],
  ])('%s ms → %s', (ms, text) => {
    expect(formatGoDuration(ms)).toBe(text);
  });
});
