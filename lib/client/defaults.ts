/**
 * The client library's tunables, together in one place with the reason for each value.
 * Components override them through the options of each class; tests shorten them.
 */

/** How long an API request over NATS may take before it fails with 504 TimeoutError. */
export const REQUEST_TIMEOUT_MS = 10_000;

/** How long the watch start request may take; a slow apiserver is retried, like a missing one. */
export const WATCH_START_TIMEOUT_MS = 5_000;

/**
 * A dead watch stream is declared after this many heartbeat periods without any message: one lost
 * heartbeat is tolerated (NATS is at-most-once), three mean the apiserver or the route to it is gone.
 */
export const DEAD_STREAM_HEARTBEATS = 3;

/** Retries after failures (re-watch, re-list) back off exponentially between these bounds. */
export const RETRY_INITIAL_MS = 200;
export const RETRY_MAX_MS = 5_000;

/** kubectl and client-go's reflector list in pages of 500, which also keeps each NATS reply small. */
export const LIST_PAGE_SIZE = 500;

/** client-go's leader election defaults, which kube-scheduler and kube-controller-manager use. */
export const LEASE_DURATION_SECONDS = 15;
export const RENEW_DEADLINE_MS = 10_000;
export const RETRY_PERIOD_MS = 2_000;

/** Exponential backoff: 0 before the first retry, then initial, 2 × initial, ... capped at max. */
export function backoffDelay(failures: number, initialMs = RETRY_INITIAL_MS, maxMs = RETRY_MAX_MS): number {
  if (failures <= 0) return 0;
  return Math.min(initialMs * 2 ** Math.min(failures - 1, 30), maxMs);
}
