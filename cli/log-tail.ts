/**
 * Following log files as they grow (`tail -f` for several files at once). Polls file sizes, reads what
 * was appended and hands over complete lines. A file that shrank was truncated or replaced: it is read
 * again from its start. Thin I/O; line splitting is log-format.ts's.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { splitLines } from './log-format.js';

export interface TailedFile {
  name: string;
  path: string;
  /** Byte offset to start from (0 = the whole file; fileSize() = only what comes next). */
  offset: number;
}

export function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

const CHUNK = 64 * 1024;

function readFrom(path: string, offset: number, size: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(Math.min(size - offset, CHUNK));
    const n = readSync(fd, buf, 0, buf.length, offset);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

export class LogTail {
  // The decoder keeps a multi-byte character split across two reads whole.
  private readonly files: Array<TailedFile & { pending: string; decoder: StringDecoder }>;
  private timer: NodeJS.Timeout | undefined;

  constructor(files: TailedFile[], private readonly onLine: (name: string, line: string) => void) {
    this.files = files.map((f) => ({ ...f, pending: '', decoder: new StringDecoder('utf8') }));
  }

  /** Reads everything appended since the last poll. */
  poll(): void {
    for (const f of this.files) {
      let size = fileSize(f.path);
      if (size < f.offset) f.offset = 0; // truncated: start over
      while (f.offset < size) {
        const bytes = readFrom(f.path, f.offset, size);
        if (bytes.length === 0) break;
        f.offset += bytes.length;
        const { lines, rest } = splitLines(f.pending, f.decoder.write(bytes));
        f.pending = rest;
        for (const line of lines) this.onLine(f.name, line);
        size = fileSize(f.path);
      }
    }
  }

  start(intervalMs = 200): void {
    this.poll();
    this.timer = setInterval(() => this.poll(), intervalMs);
  }

  /** Stops polling, first handing over what was written last, including an unfinished line. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.poll();
    for (const f of this.files) {
      if (f.pending) this.onLine(f.name, f.pending);
      f.pending = '';
    }
  }
}
