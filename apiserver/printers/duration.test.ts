import { describe, expect, it } from 'vitest';
import { humanDuration, parseTime, translateTimestampSince } from './duration.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

describe('humanDuration', () => {
  // The boundary table of apimachinery's duration_test.go, in milliseconds.
  it.each([
    [-2 * S, '<invalid>'],
    [-2 * S + 1, '0s'],
    [0, '0s'],
    [S - 1, '0s'],
    [S, '1s'],
    [70 * S, '70s'],
    [2 * M - 1, '119s'],
    [2 * M, '2m'],
    [2 * M + S, '2m1s'],
    [190 * S, '3m10s'],
    [10 * M - 1, '9m59s'],
    [10 * M, '10m'],
    [10 * M + S, '10m'],
    [70 * M, '70m'],
    [3 * H - 1, '179m'],
    [3 * H, '3h'],
    [3 * H + M, '3h1m'],
    [8 * H - 1, '7h59m'],
    [8 * H, '8h'],
    [8 * H + 59 * M, '8h'],
    [47 * H, '47h'],
    [2 * D - 1, '47h'],
    [2 * D, '2d'],
    [2 * D + H, '2d1h'],
    [49 * H, '2d1h'],
    [8 * D - 1, '7d23h'],
    [8 * D, '8d'],
    [8 * D + 23 * H, '8d'],
    [367 * D, '367d'],
    [2 * Y - 1, '729d'],
    [2 * Y, '2y'],
    [2 * Y + 23 * H + 59 * M, '2y'],
    [2 * Y + D - 1, '2y'],
    [2 * Y + D, '2y1d'],
    [2 * Y + 25 * H, '2y1d'],
    [3 * Y, '3y'],
    [7 * Y, '7y'],
    [8 * Y - 1, '7y364d'],
    [8 * Y, '8y'],
    [8 * Y + 364 * D, '8y'],
    [9 * Y, '9y'],
  ])('%d ms is %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe('translateTimestampSince', () => {
  const now = new Date('2024-06-01T12:00:00Z');

  it.each([
    ['2024-06-01T11:55:00Z', '5m'],
    ['2024-06-01T11:59:59.500Z', '0s'],
    ['2024-06-01T12:00:01Z', '0s'],
    ['2024-06-01T12:00:05Z', '<invalid>'],
    ['2024-05-30T10:00:00Z', '2d2h'],
  ])('%s at noon is %s', (ts, want) => {
    expect(translateTimestampSince(ts, now)).toBe(want);
  });

  it.each([[undefined], [null], [''], ['0001-01-01T00:00:00Z'], ['not a time'], [42]])('%s is <unknown>', (ts) => {
    expect(translateTimestampSince(ts, now)).toBe('<unknown>');
  });

  it('parses micro-time timestamps (events.k8s.io eventTime)', () => {
    expect(parseTime('2024-06-01T11:00:00.123456Z')).toBe(Date.parse('2024-06-01T11:00:00.123Z'));
  });
});
