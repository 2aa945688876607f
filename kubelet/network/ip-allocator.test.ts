import { describe, expect, it } from 'vitest';
import { allocate, nextFreeIP, release, type AllocationState } from './ip-allocator.js';

describe('pod IP allocation', () => {
  it('starts at .2 and goes round-robin', () => {
    let s: AllocationState = { pods: {} };
    for (const uid of ['a', 'b', 'c']) s = allocate('127.244.1.0/24', s, uid)!;
    expect(s.pods).toEqual({ a: '127.244.1.2', b: '127.244.1.3', c: '127.244.1.4' });
    s = release(s, 'a');
    expect(allocate('127.244.1.0/24', s, 'd')!.pods.d).toBe('127.244.1.5');
  });

  it('keeps a pod\'s IP when asked again', () => {
    const s = allocate('127.244.1.0/24', { pods: {} }, 'a')!;
    expect(allocate('127.244.1.0/24', s, 'a')).toBe(s);
  });

  it('wraps around to free addresses and skips the node IP and the broadcast address', () => {
    expect(nextFreeIP('127.244.1.0/24', { pods: { a: '127.244.1.3' }, last: '127.244.1.254' }, ['127.244.1.2'])).toBe('127.244.1.4');
  });

  it('reports a full range', () => {
    const s: AllocationState = { pods: { a: '10.0.0.2' }, last: '10.0.0.2' };
    expect(nextFreeIP('10.0.0.0/30', s)).toBeUndefined();
    expect(allocate('10.0.0.0/30', s, 'b')).toBeUndefined();
  });
});
