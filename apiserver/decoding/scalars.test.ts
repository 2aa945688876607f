import { describe, expect, it } from 'vitest';
import { parseGoTime } from './go-time.js';
import { addQuantity, cmpQuantity, ERR_FORMAT_WRONG, ERR_SUFFIX, formatQuantity, parseQuantity, roundUpQuantity } from './quantity.js';
import { base64ErrorIndex } from './go-unmarshal.js';

const q = (s: string) => {
  const r = parseQuantity(s);
  if (!r.ok) throw new Error(r.message);
  return r.q;
};

describe('quantities', () => {
  it.each([
    ['100m', '100m'], ['0.5', '500m'], ['1.5', '1500m'], ['1000m', '1'], ['1024Mi', '1Gi'], ['1Gi', '1Gi'],
    ['1536Mi', '1536Mi'], ['1.5Gi', '1536Mi'], ['2', '2'], ['1e3', '1e3'], ['1000', '1k'], ['128974848', '128974848'],
    ['0', '0'], ['-0', '0'], ['0.1n', '1n'], ['1E', '1E'], ['12Ki', '12Ki'], ['0.5Ki', '512'], ['+5', '+5'],
  ])('%s is stored as %s', (input, stored) => {
    expect(formatQuantity(q(input))).toBe(stored);
  });

  it.each([
    ['', ERR_FORMAT_WRONG], ['abc', ERR_FORMAT_WRONG], ['1Gb', ERR_FORMAT_WRONG], ['1 ', ERR_FORMAT_WRONG],
    ['1ii', ERR_SUFFIX], ['1e', ERR_SUFFIX], ['1m5', ERR_SUFFIX],
  ])('%j is rejected with %s', (input, message) => {
    expect(parseQuantity(input)).toEqual({ ok: false, message });
  });

  it('compares, adds and rounds exactly', () => {
    expect(cmpQuantity(q('1'), q('1000m'))).toBe(0);
    expect(cmpQuantity(q('1Gi'), q('1G'))).toBe(1);
    expect(cmpQuantity(q('-1'), q('0'))).toBe(-1);
    expect(formatQuantity(addQuantity(q('500m'), q('0.5')))).toBe('1');
    expect(formatQuantity(roundUpQuantity(q('100u'), -3))).toBe('1m');
  });
});

describe('metav1.Time and MicroTime parsing', () => {
  it.each([
    ['2024-01-02T03:04:05Z', false, '2024-01-02T03:04:05Z'],
    ['2024-01-02T03:04:05.123Z', false, '2024-01-02T03:04:05Z'],
    ['2024-01-02T03:04:05+02:00', false, '2024-01-02T01:04:05Z'],
    ['0099-01-02T03:04:05Z', false, '0099-01-02T03:04:05Z'],
    ['2024-01-02T03:04:05.123456Z', true, '2024-01-02T03:04:05.123456Z'],
  ])('%s (micro=%s) is stored as %s', (value, micro, canonical) => {
    expect(parseGoTime(value, micro)).toEqual({ ok: true, canonical });
  });

  it.each([
    ['yesterday', false, 'parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"'],
    ['2024-1-02T00:00:00Z', false, 'parsing time "2024-1-02T00:00:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse "1-02T00:00:00Z" as "01"'],
    ['2024-01-02 00:00:00Z', false, 'parsing time "2024-01-02 00:00:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse " 00:00:00Z" as "T"'],
    ['2024-13-02T00:00:00Z', false, 'parsing time "2024-13-02T00:00:00Z": month out of range'],
    ['2023-02-29T00:00:00Z', false, 'parsing time "2023-02-29T00:00:00Z": day out of range'],
    ['2024-01-02T00:00:00Zjunk', false, 'parsing time "2024-01-02T00:00:00Zjunk": extra text: "junk"'],
    ['2024-01-02T00:00:00', false, 'parsing time "2024-01-02T00:00:00" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00"'],
    ['2024-01-02T00:00:00Z', true, 'parsing time "2024-01-02T00:00:00Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse "Z" as ".000000"'],
    ['2024-01-02T00:00:00.000Z', true, 'parsing time "2024-01-02T00:00:00.000Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse ".000Z" as ".000000"'],
  ])('%s (micro=%s) fails: %s', (value, micro, message) => {
    expect(parseGoTime(value, micro)).toEqual({ ok: false, message });
  });
});

describe('base64 as Go StdEncoding reads it', () => {
  it.each([['aGVsbG8=', -1], ['aGVsbG8h', -1], ['aGV\nsbG8=', -1], ['aGVs*G8=', 4], ['aGVsbG8', 4], ['a===', 1], ['aGVsbG8=x', 7]])(
    '%j → %d', (s, index) => expect(base64ErrorIndex(s)).toBe(index),
  );
});
