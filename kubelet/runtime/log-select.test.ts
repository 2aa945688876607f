import { describe, expect, it } from 'vitest';
import { formatCriLine, type LogStream } from './cri-log.js';
import { selectLogs, sinceNs, splitLines, tailLines, type LogReadOptions } from './log-select.js';

const SEC = 1_000_000_000n;
const T0 = 1_780_000_000n * SEC;

/** Log lines at T0 + i seconds: [stream, tag, text]. */
function log(...entries: [LogStream, 'F' | 'P', string][]): Buffer[] {
  return entries.map(([stream, tag, text], i) => {
    const line = formatCriLine(T0 + BigInt(i) * SEC, { stream, partial: tag === 'P', content: Buffer.from(text) });
    return line.subarray(0, line.length - 1);
  });
}

const LINES = log(['stdout', 'F', 'one'], ['stderr', 'F', 'two'], ['stdout', 'P', 'thr'], ['stdout', 'F', 'ee'], ['stdout', 'F', 'four']);
const NOW_MS = Number((T0 + 10n * SEC) / 1_000_000n);
const show = (opts: LogReadOptions, lines = LINES) => Buffer.concat(selectLogs(lines, opts, NOW_MS).map((c) => c.data)).toString();

describe('selectLogs (kubectl logs)', () => {
  it.each<[string, LogReadOptions, string]>([
    ['everything, partial lines joined', {}, 'one\ntwo\nthree\nfour\n'],
    ['tail counts raw lines', { tailLines: 2 }, 'ee\nfour\n'],
    ['tail 0', { tailLines: 0 }, ''],
    ['tail beyond the file', { tailLines: 99 }, 'one\ntwo\nthree\nfour\n'],
    ['negative tail is all', { tailLines: -1 }, 'one\ntwo\nthree\nfour\n'],
    ['since a time', { sinceTime: '2026-05-28T20:26:42Z' }, 'three\nfour\n'],
    ['since seconds', { sinceSeconds: 7 }, 'ee\nfour\n'],
    ['the later of the two', { sinceSeconds: 9, sinceTime: '2026-05-28T20:26:44Z' }, 'four\n'],
    ['the later of the two, the other way', { sinceSeconds: 7, sinceTime: '2026-05-28T20:26:41Z' }, 'ee\nfour\n'],
    ['limit bytes cuts mid-line', { limitBytes: 6 }, 'one\ntw'],
    ['limit 0', { limitBytes: 0 }, ''],
    ['tail first, then since', { tailLines: 2, sinceTime: '2026-05-28T20:26:44Z' }, 'four\n'],
    ['since does not widen the tail', { tailLines: 1, sinceTime: '2026-05-28T20:26:40Z' }, 'four\n'],
  ])('%s', (_name, opts, out) => {
    expect(show(opts)).toBe(out);
  });

  it('prefixes timestamps with nine digits, on every piece', () => {
    expect(show({ timestamps: true, tailLines: 3 })).toBe(
      '2026-05-28T20:26:42.000000000Z thr2026-05-28T20:26:43.000000000Z ee\n2026-05-28T20:26:44.000000000Z four\n',
    );
  });

  it('counts the timestamp against the byte limit', () => {
    expect(show({ timestamps: true, limitBytes: 35 })).toBe('2026-05-28T20:26:40.000000000Z one\n');
  });

  it('keeps the stream of every chunk and skips lines it cannot parse', () => {
    const lines = [Buffer.from('garbage'), ...LINES.slice(0, 2)];
    expect(selectLogs(lines, {}, NOW_MS).map((c) => c.stream)).toEqual(['stdout', 'stderr']);
  });
});

describe('helpers', () => {
  it('splits a file into complete lines and the rest', () => {
    const { lines, rest } = splitLines(Buffer.from('a\nb\npartial'));
    expect(lines.map(String)).toEqual(['a', 'b']);
    expect(rest.toString()).toBe('partial');
  });

  it('tails', () => {
    expect(tailLines([1, 2, 3], 2)).toEqual([2, 3]);
    expect(tailLines([1, 2, 3], undefined)).toEqual([1, 2, 3]);
  });

  it('has no since without options', () => {
    expect(sinceNs({}, NOW_MS)).toBeUndefined();
    expect(sinceNs({ sinceTime: 'bad' }, NOW_MS)).toBeUndefined();
  });
});
