/**
 * The CRI log format, as containerd writes container logs and the kubelet reads them:
 *   `2016-10-06T00:17:09.669794202Z stdout F log content`
 * one entry per line: timestamp, stream, tag (F a full line, P part of a longer one), content.
 * A line longer than `maxLineBytes` (containerd: 16 KiB) is cut into P entries ending with an F entry;
 * text with no newline yet waits for one, and is written as F when the stream ends.
 *
 * Interface: timestamps (`nowNs`, `formatTimestamp`, `parseTimestamp`), `formatCriLine`, `parseCriLine`,
 * and `LineSplitter`, which turns a stream's chunks into entries. Pure, but for the clock in nowNs.
 */

export type LogStream = 'stdout' | 'stderr';

export interface CriEntry {
  stream: LogStream;
  /** True for a P entry: the line continues in the next entry of the same stream. */
  partial: boolean;
  /** The content without the line's newline. */
  content: Buffer;
}

export interface ParsedCriLine extends CriEntry {
  timestamp: string;
  timeNs: bigint;
}

export const DEFAULT_MAX_LINE_BYTES = 16 * 1024;

// Wall-clock nanoseconds at an hrtime origin: hrtime gives resolution and order, Date.now() the epoch.
const EPOCH_OFFSET_NS = BigInt(Date.now()) * 1_000_000n - process.hrtime.bigint();
let lastNs = 0n;
/** Nanoseconds since the epoch, strictly increasing within this process. */
export function nowNs(): bigint {
  const ns = EPOCH_OFFSET_NS + process.hrtime.bigint();
  lastNs = ns > lastNs ? ns : lastNs + 1n;
  return lastNs;
}

/** RFC 3339 with exactly nine fractional digits, in UTC (the kubelet's RFC3339NanoFixed). */
export function formatTimestamp(ns: bigint): string {
  const seconds = ns / 1_000_000_000n;
  const frac = (ns % 1_000_000_000n).toString().padStart(9, '0');
  return new Date(Number(seconds) * 1000).toISOString().slice(0, 19) + `.${frac}Z`;
}

const TS_RE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** Parses an RFC 3339 timestamp with any number of fractional digits; undefined when malformed. */
export function parseTimestamp(text: string): bigint | undefined {
  const m = TS_RE.exec(text);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}${m[3] === 'Z' ? 'Z' : m[3]}`);
  if (Number.isNaN(ms)) return undefined;
  return BigInt(ms) * 1_000_000n + BigInt((m[2] ?? '').padEnd(9, '0') || '0');
}

export function formatCriLine(ns: bigint, e: CriEntry): Buffer {
  const head = `${formatTimestamp(ns)} ${e.stream} ${e.partial ? 'P' : 'F'} `;
  return Buffer.concat([Buffer.from(head), e.content, Buffer.from('\n')]);
}

/** Parses one log line (without its newline); undefined when it is not in CRI format. */
export function parseCriLine(line: Buffer): ParsedCriLine | undefined {
  const sp1 = line.indexOf(0x20);
  const sp2 = sp1 < 0 ? -1 : line.indexOf(0x20, sp1 + 1);
  const sp3 = sp2 < 0 ? -1 : line.indexOf(0x20, sp2 + 1);
  if (sp3 < 0) return undefined;
  const timestamp = line.subarray(0, sp1).toString();
  const timeNs = parseTimestamp(timestamp);
  const stream = line.subarray(sp1 + 1, sp2).toString();
  if (timeNs === undefined || (stream !== 'stdout' && stream !== 'stderr')) return undefined;
  // Tags may carry more after a ':' (forward compatibility); the first one says full or partial.
  const tag = line.subarray(sp2 + 1, sp3).toString().split(':')[0];
  return { timestamp, timeNs, stream, partial: tag === 'P', content: line.subarray(sp3 + 1) };
}

/** Cuts one stream's output into CRI entries: complete lines at once, long lines in pieces. */
export class LineSplitter {
  private pending: Buffer = Buffer.alloc(0);

  constructor(readonly stream: LogStream, private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES) {}

  push(chunk: Buffer): CriEntry[] {
    const out: CriEntry[] = [];
    let data = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    for (let nl = data.indexOf(0x0a); nl >= 0; nl = data.indexOf(0x0a)) {
      this.cut(data.subarray(0, nl), out);
      data = data.subarray(nl + 1);
    }
    while (data.length > this.maxLineBytes) {
      out.push({ stream: this.stream, partial: true, content: Buffer.from(data.subarray(0, this.maxLineBytes)) });
      data = data.subarray(this.maxLineBytes);
    }
    this.pending = Buffer.from(data);
    return out;
  }

  /** The stream ended: what is left is a full line, as containerd writes it at EOF. */
  flush(): CriEntry[] {
    if (this.pending.length === 0) return [];
    const out: CriEntry[] = [{ stream: this.stream, partial: false, content: this.pending }];
    this.pending = Buffer.alloc(0);
    return out;
  }

  private cut(line: Buffer, out: CriEntry[]): void {
    let rest = line;
    while (rest.length > this.maxLineBytes) {
      out.push({ stream: this.stream, partial: true, content: Buffer.from(rest.subarray(0, this.maxLineBytes)) });
      rest = rest.subarray(this.maxLineBytes);
    }
    out.push({ stream: this.stream, partial: false, content: Buffer.from(rest) });
  }
}
