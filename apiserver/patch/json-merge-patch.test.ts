import { describe, expect, it } from 'vitest';
import { jsonMergePatch } from './json-merge-patch.js';
import { apiErrorOf, containsFrozen, deepFreeze } from './test-helpers.js';

// RFC 7386 Appendix A, every example.
const rfcExamples: [unknown, unknown, unknown][] = [
  [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
  [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
  [{ a: 'b' }, { a: null }, {}],
  [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
  [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
  [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
  [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
  [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
  [['a', 'b'], ['c', 'd'], ['c', 'd']],
  [{ a: 'b' }, ['c'], ['c']],
  [{ a: 'foo' }, null, null],
  [{ a: 'foo' }, 'bar', 'bar'],
  [{ e: null }, { a: 1 }, { e: null, a: 1 }],
  [[1, 2], { a: 'b', c: null }, { a: 'b' }],
  [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
];

describe('jsonMergePatch (RFC 7386)', () => {
  it.each(rfcExamples)('%j + %j = %j', (original, patch, expected) => {
    expect(jsonMergePatch(original, patch)).toEqual(expected);
  });

  it.each(rfcExamples)('does not mutate or share its inputs: %j + %j', (original, patch) => {
    const result = jsonMergePatch(deepFreeze(structuredClone(original)), deepFreeze(structuredClone(patch)));
    expect(containsFrozen(result)).toBe(false);
  });

  it('kubectl scale: {"spec":{"replicas":3}} on a Scale', () => {
    const scale = {
      kind: 'Scale', apiVersion: 'autoscaling/v1',
      metadata: { name: 'rolling', namespace: 'default', resourceVersion: '7' },
      spec: { replicas: 2 }, status: { replicas: 2, selector: 'app=rolling' },
    };
    expect(jsonMergePatch(scale, { spec: { replicas: 3 } })).toEqual({ ...scale, spec: { replicas: 3 } });
  });

  it('kubectl label / annotate: arrays are replaced, maps merged, null removes', () => {
    const pod = { metadata: { name: 'p', labels: { app: 'a', old: 'x' }, finalizers: ['a', 'b'] } };
    expect(jsonMergePatch(pod, { metadata: { labels: { old: null, new: 'y' }, finalizers: ['c'] } }))
      .toEqual({ metadata: { name: 'p', labels: { app: 'a', new: 'y' }, finalizers: ['c'] } });
  });

  it('keeps nulls inside arrays, as the RFC says', () => {
    expect(jsonMergePatch({}, { a: [null, { b: null }] })).toEqual({ a: [null, { b: null }] });
  });

  it('treats "__proto__" as an ordinary key', () => {
    const result = jsonMergePatch({}, JSON.parse('{"__proto__":{"polluted":true}}')) as object;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.keys(result)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses absurd nesting with a 400 instead of overflowing the stack', () => {
    let deep: any = 1;
    for (let i = 0; i < 50_000; i++) deep = { a: deep };
    expect(apiErrorOf(() => jsonMergePatch({}, deep)).code).toBe(400);
  });
});
