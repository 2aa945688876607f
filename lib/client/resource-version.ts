/**
 * resourceVersion comparison. Kubernetes clients must treat resourceVersions as opaque, but kubelab's
 * apiserver draws every one from a single cluster-wide integer counter (design.md §1), and the watch
 * protocol promises events in that order, so the client may compare them to drop a replayed event.
 *
 * Values that are not decimal integers cannot be compared: `isNewer` then answers true, because
 * delivering an event twice is recoverable (handlers are level-based) while dropping one is not.
 */

const DECIMAL = /^\d+$/;

/** True when `candidate` is a later resourceVersion than `last`; "" and "0" mean "none yet". */
export function isNewer(candidate: string, last: string): boolean {
  if (last === '' || last === '0') return true;
  if (!DECIMAL.test(candidate) || !DECIMAL.test(last)) return true;
  return BigInt(candidate) > BigInt(last);
}

/** The later of two resourceVersions (the first when they cannot be compared). */
export function maxResourceVersion(a: string, b: string): string {
  return isNewer(b, a) && DECIMAL.test(b) ? b : a;
}
