import { describe, expect, it } from 'vitest';
import { backoffDelay } from './defaults.js';
import { isNewer, maxResourceVersion } from './resource-version.js';

describe('isNewer', () => {
  it.each([
    ['2', '1', true],
    ['1', '2', false],
    ['5', '5', false],
    ['10', '9', true], // numeric, not lexical
    ['9', '10', false],
    ['123456789012345678901', '123456789012345678900', true], // beyond Number's exact range
    ['1', '', true],
    ['1', '0', true],
    ['abc', '5', true], // incomparable: deliver rather than drop
  ])('isNewer(%s, %s) = %s', (candidate, last, expected) => {
    expect(isNewer(candidate, last)).toBe(expected);
  });
});

describe('maxResourceVersion', () => {
  it.each([
    ['1', '2', '2'],
    ['2', '1', '2'],
    ['', '7', '7'],
    ['7', 'x', '7'],
  ])('max(%s, %s) = %s', (a, b, expected) => {
    expect(maxResourceVersion(a, b)).toBe(expected);
  });
});

describe('backoffDelay', () => {
  it.each([
    [0, 0],
    [1, 200],
    [2, 400],
    [3, 800],
    [6, 5000],
    [1000, 5000],
  ])('after %i failures waits %i ms', (failures, ms) => {
    expect(backoffDelay(failures, 200, 5000)).toBe(ms);
  });
});
