/**
 * Reading the CRI log format the container shim writes (kubelet/runtime/CONTRACT.md), the way the
 * kubelet's kuberuntime/logs does for `kubectl logs`. Pure: lines in, bytes out.
 *
 *   <RFC 3339 nano timestamp> <stdout|stderr> <F|P> <content>
 *   2026-11-28T10:00:00.123456789Z stdout F Server started
 *
 * `F` ends a line (a "\n" is added back), `P` is a piece of a longer one (written as is).
 * LogSelector applies PodLogOptions to entries in file order: `sinceTime` drops older entries,
 * `timestamps` puts the timestamp (fixed nine fraction digits, as upstream's RFC3339NanoFixed) and a
 * space before each entry, `limitBytes` cuts the output at exactly that many bytes, prefixes included.
 */

export interface CriEntry {
  /** As written in the file. */
  timestamp: string;
  stream: 'stdout' | 'stderr';
  partial: boolean;
  content: string;
}

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** One line of a CRI log file (without its "\n"), or undefined for a line that is not one. */
export function parseCriLine(line: string): CriEntry | undefined {
  const a = line.indexOf(' ');
  const b = line.indexOf(' ', a + 1);
  if (a < 0 || b < 0) return undefined;
  const c = line.indexOf(' ', b + 1);
  const timestamp = line.slice(0, a);
  const stream = line.slice(a + 1, b);
  const tags = line.slice(b + 1, c < 0 ? undefined : c);
  if (!TIMESTAMP.test(timestamp) || (stream !== 'stdout' && stream !== 'stderr')) return undefined;
  const tag = tags.split(':')[0];
  if (tag !== 'F' && tag !== 'P') return undefined;
  return { timestamp, stream, partial: tag === 'P', content: c < 0 ? '' : line.slice(c + 1) };
}

/** The timestamp with exactly nine fraction digits: 2026-11-28T10:00:00.1Z → 2026-11-28T10:00:00.100000000Z. */
export function fixedNanoTimestamp(ts: string): string {
  const m = TIMESTAMP.exec(ts);
  if (!m) return ts;
  return `${m[1]}.${(m[2] ?? '').padEnd(9, '0')}${m[3]}`;
}

/** Nanoseconds since the epoch, exact (a Date keeps only milliseconds). */
export function timestampNanos(ts: string): bigint | undefined {
  const m = TIMESTAMP.exec(ts);
  if (!m) return undefined;
  const seconds = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(seconds)) return undefined;
  return BigInt(seconds) * 1_000_000n + BigInt((m[2] ?? '').padEnd(9, '0'));
}

/** The index of the first of the last `n` lines (0 when there are fewer). */
export function tailStart(lineCount: number, n: number | undefined): number {
  if (n === undefined) return 0;
  return Math.max(0, lineCount - n);
}

export interface SelectOptions {
  timestamps: boolean;
  sinceTime?: string;
  limitBytes?: number;
}

export class LogSelector {
  private readonly since?: bigint;
  private remaining: number;
  private readonly encoder = new TextEncoder();

  constructor(private readonly opts: SelectOptions) {
    this.since = opts.sinceTime ? timestampNanos(opts.sinceTime) : undefined;
    this.remaining = opts.limitBytes ?? Infinity;
  }

  /** True once limitBytes have been given out: the reader should stop. */
  get done(): boolean {
    return this.remaining <= 0;
  }

  /** The bytes to send for one file line, or undefined when it is skipped (unparsable, too old, past the limit). */
  take(line: string): Uint8Array | undefined {
    if (this.done) return undefined;
    const entry = parseCriLine(line);
    if (!entry) return undefined;
    if (this.since !== undefined && (timestampNanos(entry.timestamp) ?? 0n) < this.since) return undefined;
    const text = (this.opts.timestamps ? `${fixedNanoTimestamp(entry.timestamp)} ` : '') + entry.content + (entry.partial ? '' : '\n');
    let bytes = this.encoder.encode(text);
    if (bytes.length > this.remaining) bytes = bytes.subarray(0, this.remaining);
    this.remaining -= bytes.length;
    return bytes;
  }
}

/**
 * Splits a growing file into lines: feed it chunks, get back the complete lines; a last line without
 * its "\n" waits for the next chunk (the shim may be half way through writing it).
 */
export class LineSplitter {
  private rest = '';
  private readonly decoder = new TextDecoder();

  push(chunk: Uint8Array): string[] {
    const text = this.rest + this.decoder.decode(chunk, { stream: true });
    const lines = text.split('\n');
    this.rest = lines.pop()!;
    return lines;
  }
}
