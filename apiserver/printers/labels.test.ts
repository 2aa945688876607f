import { describe, expect, it } from 'vitest';
import { formatLabelSelector, formatLabels, labelSelectorString, type LabelSelector } from './labels.js';

describe('formatLabels', () => {
  it.each([
    [undefined, '<none>'],
    [{}, '<none>'],
    [{ app: 'web' }, 'app=web'],
    [{ tier: 'fe', app: 'web' }, 'app=web,tier=fe'],
    // Go sorts whole `k=v` strings, so '.' (0x2E) sorts before '=' (0x3D).
    [{ a: '1', 'a.b': '2' }, 'a.b=2,a=1'],
  ])('%j prints %s', (labels, want) => {
    expect(formatLabels(labels)).toBe(want);
  });
});

describe('label selectors', () => {
  const cases: [string, LabelSelector | undefined, string, string][] = [
    ['missing', undefined, '', '<none>'],
    ['empty', {}, '', '<none>'],
    ['matchLabels sorted by key', { matchLabels: { tier: 'fe', app: 'web' } }, 'app=web,tier=fe', 'app=web,tier=fe'],
    [
      'expressions, values sorted',
      { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }, { key: 'legacy', operator: 'DoesNotExist' }] },
      'env in (dev,prod),!legacy',
      'env in (dev,prod),!legacy',
    ],
    [
      'mixed, ordered by key',
      { matchLabels: { z: '1' }, matchExpressions: [{ key: 'b', operator: 'NotIn', values: ['x'] }, { key: 'a', operator: 'Exists' }] },
      'a,b notin (x),z=1',
      'a,b notin (x),z=1',
    ],
  ];
  it.each(cases)('%s', (_name, selector, asString, formatted) => {
    expect(labelSelectorString(selector)).toBe(asString);
    expect(formatLabelSelector(selector)).toBe(formatted);
  });

  it.each([
    [{ matchExpressions: [{ key: 'a', operator: 'Equals', values: ['x'] }] }],
    [{ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }],
    [{ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }],
  ])('invalid selector %j prints <error>', (selector) => {
    expect(() => labelSelectorString(selector)).toThrow();
    expect(formatLabelSelector(selector)).toBe('<error>');
  });
});
