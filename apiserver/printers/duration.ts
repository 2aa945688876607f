/**
 * Ages as kubectl shows them: `45s`, `5m30s`, `95m`, `4h20m`, `30h`, `3d4h`, `120d`, `2y30d`.
 *
 * Interface:
 *   humanDuration(ms)                      apimachinery `util/duration.HumanDuration`, boundary for boundary
 *   translateTimestampSince(ts, now)       printers.go: `<unknown>` for a missing or zero timestamp
 *   translateMillisSince(ms, now)          the same for an already parsed time (undefined = unset)
 *   parseTime(ts)                          epoch milliseconds of an API timestamp, or undefined when unset
 *
 * Invariants: pure; the clock is always the caller's `now`. Go truncates every integer division toward
 * zero, so does this file (Math.trunc), which is what makes `119s` / `2m` / `9m59s` / `10m` line up.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * A duration in milliseconds with "~2-3 significant figures". Up to 2 s in the future still reads as
 * `0s`, because clocks of two machines never agree exactly; further in the future is `<invalid>`.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  const years = Math.trunc(hours / 24 / 365);
  if (hours < 24 * 365 * 8) {
    const days = Math.trunc(hours / 24) % 365;
    return days === 0 ? `${years}y` : `${years}y${days}d`;
  }
  return `${years}y`;
}

/** Go's zero time.Time, which metav1.Time.IsZero() treats exactly like a missing timestamp. */
const GO_ZERO_TIME_MS = Date.parse('0001-01-01T00:00:00Z');

/** Epoch ms of an RFC 3339 timestamp; undefined for null, absent, unparsable or Go's zero time. */
export function parseTime(ts: unknown): number | undefined {
  if (typeof ts !== 'string' || ts === '') return undefined;
  const ms = Date.parse(ts);
  if (Number.isNaN(ms) || ms === GO_ZERO_TIME_MS) return undefined;
  return ms;
}

/** The age of `ts` at `now`, or `<unknown>` when the timestamp is not set. */
export function translateTimestampSince(ts: unknown, now: Date): string {
  return translateMillisSince(parseTime(ts), now);
}

export function translateMillisSince(ms: number | undefined, now: Date): string {
  return ms === undefined ? '<unknown>' : humanDuration(now.getTime() - ms);
}
