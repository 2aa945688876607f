import { describe, expect, it } from 'vitest';
import { parseGoDuration } from './go-duration.js';

describe('parseGoDuration', () => {
  it.each([
    ['15s', 15_000], ['500ms', 500], ['1m30s', 90_000], ['1.5s', 1500], ['2h', 7_200_000], ['0', 0], ['100us', 0.1],
  ])('%s = %d ms', (text, ms) => {
    expect(parseGoDuration(text)).toBe(ms);
  });

  it.each(['', '15', 's', '15x', '1m 30s', '-1s'])('rejects %j', (text) => {
    expect(() => parseGoDuration(text)).toThrow(`time: invalid duration "${text}"`);
  });
});
