import { describe, expect, it } from 'vitest';
import { formatCriLine, formatTimestamp, LineSplitter, nowNs, parseCriLine, parseTimestamp, type CriEntry } from './cri-log.js';

const T = 1_780_000_000_123_456_789n; // 2026-05-28T...

describe('timestamps', () => {
  it('formats with exactly nine fractional digits in UTC', () => {
    expect(formatTimestamp(0n)).toBe('1970-01-01T00:00:00.000000000Z');
    expect(formatTimestamp(1_000_000_001n)).toBe('1970-01-01T00:00:01.000000001Z');
    expect(formatTimestamp(T)).toBe('2026-05-28T20:26:40.123456789Z');
  });

  it.each([
    ['2026-05-28T20:26:40.123456789Z', T],
    ['2026-05-28T20:26:40.1234567891Z', undefined],
    ['2026-05-28T20:26:40.123Z', T - 456_789n],
    ['2026-05-28T20:26:40Z', T - 123_456_789n],
    ['2026-05-28T22:26:40.123456789+02:00', T],
    ['2026-05-28 20:26:40Z', undefined],
    ['yesterday', undefined],
  ])('parses %s', (text, ns) => {
    expect(parseTimestamp(text)).toBe(ns);
  });

  it('round-trips', () => {
    expect(parseTimestamp(formatTimestamp(T))).toBe(T);
  });

  it('never goes backwards and is close to the wall clock', () => {
    const a = nowNs();
    const b = nowNs();
    expect(b > a).toBe(true);
    expect(Number(a / 1_000_000n) - Date.now()).toBeLessThan(50);
  });
});

describe('CRI lines', () => {
  const entry = (stream: 'stdout' | 'stderr', partial: boolean, text: string): CriEntry => ({ stream, partial, content: Buffer.from(text) });

  it('formats as containerd writes them', () => {
    expect(formatCriLine(T, entry('stdout', false, 'hello world')).toString()).toBe('2026-05-28T20:26:40.123456789Z stdout F hello world\n');
    expect(formatCriLine(T, entry('stderr', true, '')).toString()).toBe('2026-05-28T20:26:40.123456789Z stderr P \n');
  });

  it('parses what it formats, spaces in the content included', () => {
    const line = formatCriLine(T, entry('stderr', true, ' two  spaces '));
    const parsed = parseCriLine(line.subarray(0, line.length - 1))!;
    expect(parsed).toMatchObject({ stream: 'stderr', partial: true, timeNs: T });
    expect(parsed.content.toString()).toBe(' two  spaces ');
  });

  it.each([
    ['2016-10-06T00:17:09.669794202Z stdout F:x log', 'log'],
    ['2016-10-06T00:17:09.669794202Z stdout P', undefined],
    ['2016-10-06T00:17:09.669794202Z stdin F x', undefined],
    ['not-a-time stdout F x', undefined],
    ['{"log":"docker json"}', undefined],
  ])('parses %j', (text, content) => {
    const parsed = parseCriLine(Buffer.from(text));
    expect(parsed?.content.toString()).toBe(content);
  });
});

describe('LineSplitter', () => {
  const run = (chunks: string[], max = 16 * 1024, flush = true): string[] => {
    const s = new LineSplitter('stdout', max);
    const out = chunks.flatMap((c) => s.push(Buffer.from(c)));
    if (flush) out.push(...s.flush());
    return out.map((e) => `${e.partial ? 'P' : 'F'}:${e.content.toString()}`);
  };

  it.each<[string[], number, string[]]>([
    [['one\ntwo\n'], 100, ['F:one', 'F:two']],
    [['on', 'e\nt', 'wo\n'], 100, ['F:one', 'F:two']],
    [['\n\n'], 100, ['F:', 'F:']],
    [['no newline'], 100, ['F:no newline']],
    [['abcdefghij\n'], 4, ['P:abcd', 'P:efgh', 'F:ij']],
    [['abcdefgh\n'], 4, ['P:abcd', 'F:efgh']],
    [['abcde', 'fgh', 'ij\n'], 4, ['P:abcd', 'P:efgh', 'F:ij']],
    [['crlf\r\n'], 100, ['F:crlf\r']],
  ])('%j (max %d)', (chunks, max, expected) => {
    expect(run(chunks, max)).toEqual(expected);
  });

  it('holds a line without newline until the stream ends', () => {
    expect(run(['prompt$ '], 100, false)).toEqual([]);
  });
});
