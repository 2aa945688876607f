import { describe, expect, it } from 'vitest';
import { WatchProbe } from './watch-probe.js';

const ms = (n: number) => BigInt(Math.round(n * 1e6));

describe('WatchProbe', () => {
  it('measures each watcher from the send and from the acknowledgement', () => {
    const p = new WatchProbe();
    p.sent('a@1', ms(100));
    p.acked('a@1', ms(103));
    p.seen('informer', 'a@1', ms(105));
    p.seen('http-watch', 'a@1', ms(102)); // before the writer had its answer: negative, as measured
    expect(p.delays('informer')).toEqual({ fromSendMs: [5], afterAckMs: [2], missing: 0 });
    expect(p.delays('http-watch')).toEqual({ fromSendMs: [2], afterAckMs: [-1], missing: 0 });
  });

  it('counts only the first sighting, ignores unknown keys, and skips writes that failed', () => {
    const p = new WatchProbe();
    p.sent('a@1', ms(0));
    p.acked('a@1', ms(1));
    p.sent('b@2', ms(0)); // never acknowledged: the write failed
    p.seen('informer', 'a@1', ms(4));
    p.seen('informer', 'a@1', ms(9)); // a resync or a duplicate
    p.seen('informer', 'zzz@0', ms(3));
    p.seen('informer', undefined, ms(3));
    expect(p.delays('informer')).toEqual({ fromSendMs: [4], afterAckMs: [3], missing: 0 });
  });

  it('reports acknowledged writes a watcher never saw', () => {
    const p = new WatchProbe();
    for (const k of ['a@1', 'b@2', 'c@3']) {
      p.sent(k, ms(0));
      p.acked(k, ms(1));
    }
    p.seen('informer', 'b@2', ms(2));
    expect(p.outstanding('informer')).toBe(2);
    expect(p.delays('informer').missing).toBe(2);
    expect(p.outstanding('http-watch')).toBe(3);
  });
});
