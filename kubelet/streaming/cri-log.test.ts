import { describe, expect, it } from 'vitest';
import { fixedNanoTimestamp, LineSplitter, LogSelector, parseCriLine, tailStart, timestampNanos } from './cri-log.js';

const text = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : undefined);

describe('parseCriLine', () => {
  it.each([
    ['2026-11-28T10:00:00.123456789Z stdout F hello world', { timestamp: '2026-11-28T10:00:00.123456789Z', stream: 'stdout', partial: false, content: 'hello world' }],
    ['2026-11-28T10:00:00Z stderr P part', { timestamp: '2026-11-28T10:00:00Z', stream: 'stderr', partial: true, content: 'part' }],
    ['2026-11-28T10:00:00.5+02:00 stdout F:x  two spaces', { timestamp: '2026-11-28T10:00:00.5+02:00', stream: 'stdout', partial: false, content: ' two spaces' }],
    ['2026-11-28T10:00:00Z stdout F', { timestamp: '2026-11-28T10:00:00Z', stream: 'stdout', partial: false, content: '' }],
  ])('%s', (line, want) => expect(parseCriLine(line)).toEqual(want));

  it.each([['plain text'], ['yesterday stdout F x'], ['2026-11-28T10:00:00Z stdin F x'], ['2026-11-28T10:00:00Z stdout X x']])('rejects %s', (line) =>
    expect(parseCriLine(line)).toBeUndefined());
});

describe('timestamps', () => {
  it.each([
    ['2026-11-28T10:00:00.1Z', '2026-11-28T10:00:00.100000000Z'],
    ['2026-11-28T10:00:00Z', '2026-11-28T10:00:00.000000000Z'],
    ['2026-11-28T10:00:00.123456789+01:00', '2026-11-28T10:00:00.123456789+01:00'],
  ])('fixes %s to nine fraction digits', (ts, want) => expect(fixedNanoTimestamp(ts)).toBe(want));

  it('compares to the nanosecond, across zones', () => {
    expect(timestampNanos('2026-11-28T10:00:00.000000001Z')! - timestampNanos('2026-11-28T10:00:00Z')!).toBe(1n);
    expect(timestampNanos('2026-11-28T11:00:00+01:00')).toBe(timestampNanos('2026-11-28T10:00:00Z'));
  });
});

describe('tailStart', () => {
  it.each([[10, undefined, 0], [10, 3, 7], [2, 5, 0], [10, 0, 10]])('%i lines, tail %s → %i', (count, n, want) => expect(tailStart(count, n)).toBe(want));
});

describe('LogSelector', () => {
  const lines = [
    '2026-11-28T10:00:00.000000001Z stdout F one',
    '2026-11-28T10:00:01Z stderr P tw',
    '2026-11-28T10:00:01.5Z stderr F o',
    '2026-11-28T10:00:02Z stdout F three',
  ];
  const run = (opts: ConstructorParameters<typeof LogSelector>[0]) => {
    const s = new LogSelector(opts);
    return lines.map((l) => text(s.take(l)) ?? '').join('');
  };

  it('writes contents, joining partial lines', () => expect(run({ timestamps: false })).toBe('one\ntwo\nthree\n'));

  it('prefixes each entry with its fixed-width timestamp', () =>
    expect(run({ timestamps: true })).toBe(
      '2026-11-28T10:00:00.000000001Z one\n2026-11-28T10:00:01.000000000Z tw2026-11-28T10:00:01.500000000Z o\n2026-11-28T10:00:02.000000000Z three\n',
    ));

  it('drops entries before sinceTime', () => expect(run({ timestamps: false, sinceTime: '2026-11-28T10:00:01.200Z' })).toBe('o\nthree\n'));

  it('cuts at limitBytes exactly, prefixes included, and then says it is done', () => {
    const s = new LogSelector({ timestamps: false, limitBytes: 6 });
    expect(text(s.take(lines[0]!))).toBe('one\n');
    expect(text(s.take(lines[3]!))).toBe('th');
    expect(s.done).toBe(true);
    expect(s.take(lines[3]!)).toBeUndefined();
  });

  it('skips lines that are not CRI lines', () => expect(text(new LogSelector({ timestamps: false }).take('garbage'))).toBeUndefined());
});

describe('LineSplitter', () => {
  it('holds a line back until its newline arrives, even across a split character', () => {
    const s = new LineSplitter();
    const bytes = new TextEncoder().encode('a\nbé\nc');
    expect(s.push(bytes.subarray(0, 4))).toEqual(['a']);
    expect(s.push(bytes.subarray(4))).toEqual(['bé']);
    expect(s.push(new TextEncoder().encode('\n'))).toEqual(['c']);
  });
});
