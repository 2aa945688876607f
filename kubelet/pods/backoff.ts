/**
 * Exponential back-off per key, with client-go's flowcontrol.Backoff semantics, as plain data so that
 * the pod decision stays pure. The kubelet keeps one entry per container (CrashLoopBackOff) and one
 * per pod and image (ImagePullBackOff).
 *
 * Worked example, CrashLoopBackOff with initial 10 s and max 5 min (the fast profile: 1 s and 8 s):
 *   exit 1 → next(): 10 s, but the first restart is immediate (nothing was in back-off yet)
 *   exit 2 → in back-off for 10 s after that exit, then restart and next(): 20 s
 *   exit 3 → 20 s, then 40 s, 80 s, 160 s, 300 s, 300 s ...
 * An entry untouched for more than 2 × max (10 min: e.g. a container that ran that long) has expired:
 * the next crash starts again at the initial delay.
 */

export interface BackoffEntry {
  /** The current delay. */
  durationMs: number;
  /** When the entry last moved (the event time passed to next()). */
  lastUpdateMs: number;
}

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
}

function hasExpired(eventMs: number, lastUpdateMs: number, policy: BackoffPolicy): boolean {
  return eventMs - lastUpdateMs > 2 * policy.maxMs;
}

/** The entry after one more failure at `eventMs`: initial delay when new or expired, else doubled up to max. */
export function nextBackoff(entry: BackoffEntry | undefined, eventMs: number, policy: BackoffPolicy): BackoffEntry {
  if (!entry || hasExpired(eventMs, entry.lastUpdateMs, policy)) return { durationMs: policy.initialMs, lastUpdateMs: eventMs };
  return { durationMs: Math.min(entry.durationMs * 2, policy.maxMs), lastUpdateMs: eventMs };
}

/** Is `now` still within the delay that started at `eventMs`? (flowcontrol IsInBackOffSince) */
export function isInBackOffSince(entry: BackoffEntry | undefined, eventMs: number, nowMs: number, policy: BackoffPolicy): boolean {
  if (!entry || hasExpired(nowMs, entry.lastUpdateMs, policy)) return false;
  return nowMs - eventMs < entry.durationMs;
}

/** Is `now` still within the delay since the entry last moved? (flowcontrol IsInBackOffSinceUpdate) */
export function isInBackOffSinceUpdate(entry: BackoffEntry | undefined, nowMs: number, policy: BackoffPolicy): boolean {
  return entry !== undefined && isInBackOffSince(entry, entry.lastUpdateMs, nowMs, policy);
}
