import { describe, expect, it } from 'vitest';
import { formatCpu, formatKi, parseQuantity } from './quantity.js';

describe('parseQuantity', () => {
  it.each([
    ['2', 2], ['500m', 0.5], ['1.5', 1.5], ['8Gi', 8 * 2 ** 30], ['512Mi', 512 * 2 ** 20], ['1G', 1e9],
    ['16318412Ki', 16318412 * 1024], ['1e3', 1000], ['128974848', 128974848], [4, 4],
  ])('%s → %s', (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value);
  });

  it.each(['', 'abc', '1Zi', '--1', undefined])('refuses %s', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });
});

describe('formatting', () => {
  it('prints memory in Ki and cpu in cores or millicores', () => {
    expect(formatKi(8 * 2 ** 30)).toBe('8388608Ki');
    expect(formatCpu(4)).toBe('4');
    expect(formatCpu(1.5)).toBe('1500m');
  });
});
