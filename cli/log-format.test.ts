import { describe, expect, it } from 'vitest';
import { componentColor, formatLogLine, prefixLine, splitLines } from './log-format.js';

describe('formatLogLine', () => {
  it.each([
    [
      '{"level":"info","message":"listening","component":"apiserver-1","timestamp":"2026-11-28T09:03:32.152Z","port":6443}',
      '09:03:32.152 info  listening port=6443',
    ],
    [
      '{"level":"warn","message":"slow request","timestamp":"2026-11-28T09:03:32Z","path":"/api/v1/pods","note":"took a while","obj":{"a":1}}',
      '09:03:32 warn  slow request path=/api/v1/pods note="took a while" obj={"a":1}',
    ],
    ['{"level":"error","message":"no timestamp"}', 'error no timestamp'],
    // Not winston output: passed through as written.
    ['12605:M 28 Nov 2026 09:03:31.901 * Ready to accept connections', '12605:M 28 Nov 2026 09:03:31.901 * Ready to accept connections'],
    ['{"not":"a log entry"}', '{"not":"a log entry"}'],
    ['{broken json', '{broken json'],
    ['--- kubelab: 2026-11-28T09:03:31Z starting redis: redis-server x', '--- kubelab: 2026-11-28T09:03:31Z starting redis: redis-server x'],
  ])('%s', (line, want) => {
    expect(formatLogLine(line)).toBe(want);
  });
});

describe('prefixLine', () => {
  it('pads the component name so messages line up', () => {
    expect(prefixLine('redis', 'hi', { width: 11 })).toBe('redis       | hi');
    expect(prefixLine('apiserver-1', 'hi', { width: 11 })).toBe('apiserver-1 | hi');
  });

  it('colours only the label', () => {
    expect(prefixLine('nats', 'x', { width: 4, color: componentColor(0) })).toBe('\x1b[36mnats |\x1b[0m x');
  });
});

describe('splitLines', () => {
  it.each([
    ['', 'a\nb\n', ['a', 'b'], ''],
    ['', 'a\nb', ['a'], 'b'],
    ['par', 'tial\nnext', ['partial'], 'next'],
    ['', 'crlf\r\n', ['crlf'], ''],
    ['x', '', [], 'x'],
  ])('pending %j + %j', (pending, chunk, lines, rest) => {
    expect(splitLines(pending, chunk)).toEqual({ lines, rest });
  });
});
