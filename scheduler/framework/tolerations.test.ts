import { describe, expect, it } from 'vitest';
import { findUntoleratedTaint, toleratesTaint } from './tolerations.js';
import type { Taint, Toleration } from './types.js';

const taint: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };

describe('toleratesTaint', () => {
  it.each<[Toleration, boolean]>([
    [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }, true],
    [{ key: 'dedicated', value: 'gpu' }, true],
    [{ key: 'dedicated', operator: 'Equal', value: 'cpu' }, false],
    [{ key: 'dedicated', operator: 'Exists' }, true],
    [{ operator: 'Exists' }, true],
    [{ key: 'other', operator: 'Exists' }, false],
    [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }, false],
    [{ key: 'dedicated', operator: 'Gt', value: 'gpu' }, false],
  ])('%o → %s', (t, want) => {
    expect(toleratesTaint(t, taint)).toBe(want);
  });

  it('finds the first taint of the given effects that nothing tolerates', () => {
    const taints: Taint[] = [{ key: 'soft', effect: 'PreferNoSchedule' }, { key: 'a', effect: 'NoSchedule' }, { key: 'b', effect: 'NoExecute' }];
    expect(findUntoleratedTaint(taints, [], ['NoSchedule', 'NoExecute'])?.key).toBe('a');
    expect(findUntoleratedTaint(taints, [{ key: 'a', operator: 'Exists' }], ['NoSchedule', 'NoExecute'])?.key).toBe('b');
    expect(findUntoleratedTaint(taints, [{ operator: 'Exists' }], ['NoSchedule', 'NoExecute'])).toBeUndefined();
  });
});
