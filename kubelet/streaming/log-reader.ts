/**
 * Reads one container's log file for `kubectl logs`, as the kubelet's ReadLogs does: only the current
 * file (rotated `.log.1`... are history kubectl does not show), `tailLines` counted from its end, then
 * with `follow` everything appended later until the container has stopped and the file is read to its
 * end. A rotation while following (the shim renames the file and starts a new one) is noticed by the
 * inode changing: the old file is finished, then the new one read from its start.
 *
 * Output is batched into chunks of up to CHUNK_BYTES, and `sink` is awaited, so a slow reader slows
 * this loop instead of piling up memory.
 */
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { LogOptions } from '../../lib/nats/streaming-protocol.js';
import { LineSplitter, LogSelector, tailStart } from './cri-log.js';

const CHUNK_BYTES = 32 * 1024;
const READ_BYTES = 256 * 1024;
const POLL_MS = 100;

export interface FollowControl {
  /** Whether the container may still write: following stops once it is not and the file is read out. */
  isRunning(): Promise<boolean>;
  signal: AbortSignal;
  pollMs?: number;
}

export type LogSink = (chunk: Uint8Array) => Promise<void>;

class Batcher {
  private parts: Uint8Array[] = [];
  private size = 0;

  constructor(private readonly sink: LogSink) {}

  async add(bytes: Uint8Array | undefined): Promise<void> {
    if (!bytes?.length) return;
    this.parts.push(bytes);
    this.size += bytes.length;
    if (this.size >= CHUNK_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.size) return;
    const chunk = Buffer.concat(this.parts);
    this.parts = [];
    this.size = 0;
    await this.sink(chunk);
  }
}

/** Throws (ENOENT...) before sending anything when the file cannot be opened. */
export async function readContainerLog(path: string, opts: LogOptions, sink: LogSink, follow: FollowControl): Promise<void> {
  let fh = await open(path, 'r');
  try {
    const selector = new LogSelector(opts);
    const out = new Batcher(sink);
    const splitter = new LineSplitter();
    let offset = 0;
    const readMore = async (): Promise<string[]> => {
      const { bytes, next } = await readFrom(fh, offset);
      offset = next;
      return bytes.length ? splitter.push(bytes) : [];
    };
    const first = await readMore();
    for (const line of first.slice(tailStart(first.length, opts.tailLines))) await out.add(selector.take(line));
    await out.flush();
    if (!opts.follow) return;
    for (;;) {
      if (selector.done || follow.signal.aborted) return;
      const running = await follow.isRunning();
      const lines = await readMore();
      for (const line of lines) await out.add(selector.take(line));
      await out.flush();
      if (lines.length) continue;
      if (await rotated(path, fh)) {
        await fh.close();
        fh = await open(path, 'r');
        offset = 0;
        continue;
      }
      // Stopped, and nothing was left after it stopped: the log is complete.
      if (!running) return;
      await sleep(follow.pollMs ?? POLL_MS, follow.signal);
    }
  } finally {
    await fh.close().catch(() => undefined);
  }
}

async function readFrom(fh: FileHandle, offset: number): Promise<{ bytes: Uint8Array; next: number }> {
  const chunks: Buffer[] = [];
  let next = offset;
  for (;;) {
    const buf = Buffer.alloc(READ_BYTES);
    const { bytesRead } = await fh.read(buf, 0, READ_BYTES, next);
    if (bytesRead === 0) break;
    chunks.push(buf.subarray(0, bytesRead));
    next += bytesRead;
  }
  return { bytes: Buffer.concat(chunks), next };
}

/** True when the path now names another file than the one open (the shim rotated it). */
async function rotated(path: string, fh: FileHandle): Promise<boolean> {
  try {
    const [now, open] = await Promise.all([stat(path), fh.stat()]);
    return now.ino !== open.ino;
  } catch {
    return false; // between the rename and the new file: look again next time
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
