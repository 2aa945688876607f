/**
 * `kubectl logs` on the node: reading a container's CRI log file (log-select.ts decides what is shown).
 *
 *   readLogs(logPath, opts)    → the bytes `kubectl logs` prints (tail, since, timestamps, limitBytes,
 *                                previous: the log of the instance before, `<restartCount - 1>.log`)
 *   followLogs(logPath, opts)  → hands new output to `onData` as it is written, until the container is no
 *                                longer running and the file is drained, or `signal` aborts
 *
 * Like the kubelet, only the current file is read (rotated `.log.N` files are not), and a follower that
 * sees the file replaced by rotation finishes the old file and continues with the new one.
 */
import { open, readFile, stat, type FileHandle } from 'node:fs/promises';
import { LogRenderer, selectLogs, splitLines, tailLines, type LogChunk, type LogReadOptions } from './log-select.js';
import { previousLogPath } from './spec.js';

export type { LogChunk, LogReadOptions } from './log-select.js';

export class LogNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LogNotFoundError';
  }
}

function logPathFor(logPath: string, opts: LogReadOptions): string {
  if (!opts.previous) return logPath;
  const prev = previousLogPath(logPath);
  if (!prev) throw new LogNotFoundError(`no previous log for ${logPath}`);
  return prev;
}

async function readWhole(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new LogNotFoundError(`log file ${path} does not exist`);
    throw err;
  }
}

export async function readLogs(logPath: string, opts: LogReadOptions = {}, nowMs = Date.now()): Promise<Buffer> {
  const { lines } = splitLines(await readWhole(logPathFor(logPath, opts)));
  return Buffer.concat(selectLogs(lines, opts, nowMs).map((c) => c.data));
}

export interface FollowOptions extends LogReadOptions {
  /** Whether the container still runs; once it does not and the file is drained, following ends. */
  isRunning: () => boolean | Promise<boolean>;
  onData: (chunk: LogChunk) => void | Promise<void>;
  signal?: AbortSignal;
  pollIntervalMs?: number;
}

/** An open log file and how far it has been read; `rest` is a line still being written. */
interface Cursor {
  fh: FileHandle;
  ino: number;
  pos: number;
  rest: Buffer;
}

async function openCursor(path: string): Promise<Cursor> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new LogNotFoundError(`log file ${path} does not exist`);
    throw err;
  }
  return { fh, ino: (await fh.stat()).ino, pos: 0, rest: Buffer.alloc(0) };
}

/** Complete lines written since the last read. */
async function readNewLines(c: Cursor): Promise<Buffer[]> {
  const size = (await c.fh.stat()).size;
  if (size <= c.pos) return [];
  const buf = Buffer.alloc(size - c.pos);
  const { bytesRead } = await c.fh.read(buf, 0, buf.length, c.pos);
  c.pos += bytesRead;
  const { lines, rest } = splitLines(Buffer.concat([c.rest, buf.subarray(0, bytesRead)]));
  c.rest = Buffer.from(rest);
  return lines;
}

async function replaced(path: string, c: Cursor): Promise<boolean> {
  const st = await stat(path).catch(() => undefined);
  return st !== undefined && st.ino !== c.ino;
}

export async function followLogs(logPath: string, opts: FollowOptions): Promise<void> {
  const path = logPathFor(logPath, opts);
  const renderer = new LogRenderer(opts, Date.now());
  let cursor = await openCursor(path);
  const emit = async (lines: Buffer[]): Promise<boolean> => {
    for (const line of lines) {
      const chunk = renderer.render(line);
      if (chunk) await opts.onData(chunk);
      if (renderer.done) return false;
    }
    return true;
  };
  try {
    if (!(await emit(tailLines(await readNewLines(cursor), opts.tailLines)))) return;
    for (;;) {
      if (opts.signal?.aborted) return;
      const lines = await readNewLines(cursor);
      if (!(await emit(lines))) return;
      if (lines.length > 0) continue;
      if (await replaced(path, cursor)) {
        // Rotated: what was written to the old file before the rename is still to be read.
        if (!(await emit(await readNewLines(cursor)))) return;
        await cursor.fh.close();
        cursor = await openCursor(path);
        continue;
      }
      if (!(await opts.isRunning())) {
        await emit(await readNewLines(cursor));
        return;
      }
      await new Promise((r) => setTimeout(r, opts.pollIntervalMs ?? 100));
    }
  } finally {
    await cursor.fh.close().catch(() => undefined);
  }
}
