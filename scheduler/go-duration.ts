/**
 * Go's time.ParseDuration for command-line flags, as kube-scheduler reads `--leader-elect-lease-duration=15s`:
 * a sequence of unsigned decimal numbers with units ns, us (or µs), ms, s, m, h, e.g. "15s", "1m30s", "1.5s"
 * (a negative timing makes no sense here, so the sign Go accepts is refused).
 * "0" alone is allowed. Returns milliseconds; throws on anything else. Pure.
 */
const UNITS_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function parseGoDuration(text: string): number {
  if (text === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) throw new Error(`time: invalid duration "${text}"`);
    total += Number(m[1]) * UNITS_MS[m[2]!]!;
    pos = re.lastIndex;
  }
  if (pos === 0) throw new Error(`time: invalid duration "${text}"`);
  return total;
}
