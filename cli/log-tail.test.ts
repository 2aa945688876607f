import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileSize, LogTail } from './log-tail.js';

// LogTail reads files; it is exercised on a temporary directory, polled by hand (no timers).
describe('LogTail', () => {
  let dir: string;
  let lines: string[];
  const collect = (name: string, line: string) => lines.push(`${name}: ${line}`);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kubelab-tail-test-'));
    lines = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('hands over whole lines as they are appended, from the given offset', () => {
    const f = join(dir, 'a.log');
    writeFileSync(f, 'old\n');
    const tail = new LogTail([{ name: 'a', path: f, offset: fileSize(f) }], collect);
    appendFileSync(f, 'one\ntw');
    tail.poll();
    expect(lines).toEqual(['a: one']);
    appendFileSync(f, 'o\n');
    tail.poll();
    expect(lines).toEqual(['a: one', 'a: two']);
  });

  it('keeps a multi-byte character split across two writes whole', () => {
    const f = join(dir, 'u.log');
    writeFileSync(f, '');
    const tail = new LogTail([{ name: 'u', path: f, offset: 0 }], collect);
    const bytes = Buffer.from('größe ✓\n');
    appendFileSync(f, bytes.subarray(0, 3));
    tail.poll();
    appendFileSync(f, bytes.subarray(3));
    tail.poll();
    expect(lines).toEqual(['u: größe ✓']);
  });

  it('starts over on a truncated file, waits for a missing one, and flushes the last partial line on stop', () => {
    const f = join(dir, 'b.log');
    const missing = join(dir, 'later.log');
    writeFileSync(f, 'first\n');
    const tail = new LogTail([{ name: 'b', path: f, offset: 0 }, { name: 'later', path: missing, offset: 0 }], collect);
    tail.poll();
    writeFileSync(f, 'new\n');
    tail.poll();
    writeFileSync(missing, 'hello');
    tail.stop();
    expect(lines).toEqual(['b: first', 'b: new', 'later: hello']);
  });
});
