/**
 * The container log file, written by the shim in CRI format with size-based rotation: when the next line
 * would take `<n>.log` past `maxBytes`, it becomes `<n>.log.1` (older ones shift to .2, ...; at most
 * `maxFiles` files in all, the current one included) and a new `<n>.log` starts. A reader that follows
 * the log notices the new file by its inode.
 *
 * Writes are synchronous and whole lines: a reader never sees half an entry, and output written just
 * before the program exits is on disk before exit.json is.
 */
import { closeSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { formatCriLine, nowNs, type CriEntry } from './cri-log.js';
import { rotatedLogPath } from './spec.js';

export class CriLogWriter {
  private fd: number;
  private size: number;

  constructor(private readonly path: string, private readonly maxBytes: number, private readonly maxFiles: number) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'a');
    this.size = fstatSync(this.fd).size;
  }

  write(entries: CriEntry[]): void {
    for (const e of entries) {
      const line = formatCriLine(nowNs(), e);
      if (this.size > 0 && this.maxBytes > 0 && this.size + line.length > this.maxBytes) this.rotate();
      writeSync(this.fd, line);
      this.size += line.length;
    }
  }

  close(): void {
    closeSync(this.fd);
  }

  private rotate(): void {
    closeSync(this.fd);
    const keep = Math.max(this.maxFiles - 1, 0);
    if (keep === 0) {
      rmSync(this.path, { force: true });
    } else {
      for (let n = keep - 1; n >= 1; n--) {
        try {
          renameSync(rotatedLogPath(this.path, n), rotatedLogPath(this.path, n + 1));
        } catch {
          // That generation does not exist yet.
        }
      }
      renameSync(this.path, rotatedLogPath(this.path, 1));
    }
    this.fd = openSync(this.path, 'a');
    this.size = 0;
  }
}
