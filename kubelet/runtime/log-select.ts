/**
 * Which log lines `kubectl logs` gets and how, as the kubelet's kuberuntime/logs ReadLogs decides:
 *   1. `tailLines` N keeps the last N lines of the file (raw CRI lines: each P piece counts as one);
 *   2. lines older than the since time (the later of sinceTime and now - sinceSeconds) are skipped;
 *   3. `timestamps` prefixes each entry with its time (nine fractional digits) and a space;
 *   4. a full (F) entry ends with a newline, a partial (P) one does not, so pieces join up again;
 *   5. `limitBytes` cuts the output after that many bytes, in the middle of a line if need be.
 * Lines not in CRI format are skipped, as the kubelet skips what it cannot parse. Pure.
 */
import { formatTimestamp, parseCriLine, parseTimestamp, type LogStream } from './cri-log.js';

export interface LogReadOptions {
  tailLines?: number;
  sinceTime?: string;
  sinceSeconds?: number;
  timestamps?: boolean;
  limitBytes?: number;
  /** Read the log of the previous instance of the container (`--previous`). */
  previous?: boolean;
}

export interface LogChunk {
  stream: LogStream;
  data: Buffer;
}

/** The since time in nanoseconds: the later of sinceTime and now - sinceSeconds; undefined for none. */
export function sinceNs(opts: LogReadOptions, nowMs: number): bigint | undefined {
  const fromSeconds = opts.sinceSeconds !== undefined ? BigInt(nowMs - opts.sinceSeconds * 1000) * 1_000_000n : undefined;
  const fromTime = opts.sinceTime !== undefined ? parseTimestamp(opts.sinceTime) : undefined;
  if (fromSeconds === undefined) return fromTime;
  if (fromTime === undefined) return fromSeconds;
  return fromTime > fromSeconds ? fromTime : fromSeconds;
}

/** The lines a tail of N keeps; all of them when N is undefined or negative. */
export function tailLines<T>(lines: T[], n: number | undefined): T[] {
  if (n === undefined || n < 0) return lines;
  return n === 0 ? [] : lines.slice(-n);
}

/** Splits file content into lines; a last line without its newline (still being written) is left out. */
export function splitLines(content: Buffer): { lines: Buffer[]; rest: Buffer } {
  const lines: Buffer[] = [];
  let start = 0;
  for (let nl = content.indexOf(0x0a); nl >= 0; nl = content.indexOf(0x0a, start)) {
    lines.push(content.subarray(start, nl));
    start = nl + 1;
  }
  return { lines, rest: content.subarray(start) };
}

/** Renders lines one by one with the since filter, timestamps and the byte budget; `done` once the budget is spent. */
export class LogRenderer {
  private remaining: number;
  private readonly since: bigint | undefined;

  constructor(private readonly opts: LogReadOptions, nowMs: number) {
    this.remaining = opts.limitBytes !== undefined && opts.limitBytes >= 0 ? opts.limitBytes : Infinity;
    this.since = sinceNs(opts, nowMs);
  }

  get done(): boolean {
    return this.remaining <= 0;
  }

  render(line: Buffer): LogChunk | undefined {
    if (this.done) return undefined;
    const entry = parseCriLine(line);
    if (!entry || (this.since !== undefined && entry.timeNs < this.since)) return undefined;
    const parts = [entry.content, entry.partial ? Buffer.alloc(0) : Buffer.from('\n')];
    if (this.opts.timestamps) parts.unshift(Buffer.from(formatTimestamp(entry.timeNs) + ' '));
    let data = Buffer.concat(parts);
    if (data.length > this.remaining) data = data.subarray(0, this.remaining);
    this.remaining -= data.length;
    return { stream: entry.stream, data };
  }
}

/** What `kubectl logs` prints for a log's lines (no follow). */
export function selectLogs(lines: Buffer[], opts: LogReadOptions, nowMs: number): LogChunk[] {
  const renderer = new LogRenderer(opts, nowMs);
  const out: LogChunk[] = [];
  for (const line of tailLines(lines, opts.tailLines)) {
    const chunk = renderer.render(line);
    if (chunk) out.push(chunk);
    if (renderer.done) break;
  }
  return out;
}
