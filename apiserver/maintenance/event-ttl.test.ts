import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../lib/api/types.js';
import { expiredEvents, lastSeen } from './event-ttl.js';

const event = (name: string, fields: Record<string, unknown>, created = '2026-11-28T08:00:00Z'): KubeObject => ({
  apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: 'default', creationTimestamp: created }, ...fields,
});

describe('event expiry', () => {
  const now = new Date('2026-11-28T10:00:00Z');
  it.each([
    ['lastTimestamp', event('a', { lastTimestamp: '2026-11-28T09:30:00Z' }), '2026-11-28T09:30:00Z'],
    ['series.lastObservedTime wins when later', event('b', { lastTimestamp: '2026-11-28T08:10:00Z', series: { count: 3, lastObservedTime: '2026-11-28T09:50:00.000000Z' } }), '2026-11-28T09:50:00Z'],
    ['eventTime', event('c', { eventTime: '2026-11-28T09:00:00.123456Z' }), '2026-11-28T09:00:00.123Z'],
    ['only the creation time', event('d', {}), '2026-11-28T08:00:00Z'],
  ])('last seen from %s', (_name, e, expected) => {
    expect(lastSeen(e)).toBe(Date.parse(expected));
  });
  it('expires what was not updated within the TTL', () => {
    const events = [event('old', { lastTimestamp: '2026-11-28T08:59:59Z' }), event('fresh', { lastTimestamp: '2026-11-28T09:00:01Z' }), event('repeating', { lastTimestamp: '2026-11-28T08:00:00Z', series: { lastObservedTime: '2026-11-28T09:59:00Z' } })];
    expect(expiredEvents(events, now, 3600).map((e) => e.metadata.name)).toEqual(['old']);
  });
});
