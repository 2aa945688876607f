/**
 * How the foreground `kubelab up` shows component logs: each line prefixed with its component, padded
 * so that messages line up, in the component's colour on a terminal. Components log JSON lines
 * (winston, `--log-format json`); those are turned into `12:03:04.512 info  message key=value ...`.
 * Anything else (redis-server, nats-server, kubelab's own start markers) passes through unchanged.
 * Pure.
 */

const COLORS = [36, 33, 32, 35, 34, 91, 92, 93, 94, 95, 96] as const;
const RESET = '\x1b[0m';

/** A stable colour per component: its position in the start order. */
export function componentColor(index: number): number {
  return COLORS[index % COLORS.length]!;
}

function formatValue(v: unknown): string {
  if (typeof v === 'string') return /^[^\s"=]+$/.test(v) ? v : JSON.stringify(v);
  return JSON.stringify(v) ?? String(v);
}

/** Renders one winston JSON line readably; returns the line unchanged if it is not one. */
export function formatLogLine(line: string): string {
  if (!line.startsWith('{')) return line;
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  if (typeof entry.message !== 'string' || typeof entry.level !== 'string') return line;
  const { level, message, timestamp, component: _component, ...meta } = entry;
  // The prefix already names the component; an ISO timestamp's date adds nothing within one session.
  const time = typeof timestamp === 'string' ? (/T(\d\d:\d\d:\d\d(?:\.\d+)?)/.exec(timestamp)?.[1] ?? timestamp) : undefined;
  const fields = Object.entries(meta).map(([k, v]) => `${k}=${formatValue(v)}`);
  return [time, (level as string).padEnd(5), message, ...fields].filter((s) => s !== undefined && s !== '').join(' ');
}

export interface PrefixOptions {
  width: number;
  color?: number;
}

export function prefixLine(component: string, text: string, opts: PrefixOptions): string {
  const label = `${component.padEnd(opts.width)} |`;
  return opts.color === undefined ? `${label} ${text}` : `\x1b[${opts.color}m${label}${RESET} ${text}`;
}

/**
 * Splits appended bytes into complete lines, keeping an unfinished last line for the next chunk, so a
 * line written in two parts is still printed once and whole.
 */
export function splitLines(pending: string, chunk: string): { lines: string[]; rest: string } {
  const parts = (pending + chunk).split('\n');
  const rest = parts.pop() ?? '';
  return { lines: parts.map((l) => l.replace(/\r$/, '')), rest };
}
