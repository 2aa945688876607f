import { describe, expect, it } from 'vitest';
import { canonicalQuantity, compareQuantity, parseQuantity } from './quantity.js';

describe('quantities', () => {
  it.each([
    ['0.5', '500m'],
    ['1000m', '1'],
    ['1500m', '1500m'],
    ['2000', '2k'],
    ['1500', '1500'],
    [1, '1'],
    ['1Gi', '1Gi'],
    ['1024Mi', '1Gi'],
    ['1.5Gi', '1536Mi'],
    ['512Ki', '512Ki'],
    ['0.5Ki', '512'],
    ['1000M', '1G'],
    ['1e3', '1e3'],
    ['0.1m', '100u'],
    ['-1', '-1'],
    ['0', '0'],
  ])('%j prints as %s', (input, want) => expect(canonicalQuantity(input)).toBe(want));

  it.each(['', 'abc', '1.2.3', '1Zi', '.', '1e'])('rejects %j', (input) => expect(parseQuantity(input)).toBeUndefined());

  it('compares by value across formats', () => {
    const q = (s: string) => parseQuantity(s)!;
    expect(compareQuantity(q('1'), q('1000m'))).toBe(0);
    expect(compareQuantity(q('1Gi'), q('1G'))).toBe(1);
    expect(compareQuantity(q('250m'), q('0.3'))).toBe(-1);
  });
});
