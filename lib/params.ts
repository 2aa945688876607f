/**
 * Every time-related tunable of the cluster, in one place, with the real Kubernetes default and the
 * short value of the `fast` profile that the lab and the tests use (design.md §4). A component reads
 * its values through `params(profile)`; flags may override single values.
 */

export type Profile = 'default' | 'fast';

export interface Params {
  /** How often an idle watch stream gets a BOOKMARK with the latest resourceVersion (kube: ~1 min). */
  watchBookmarkIntervalMs: number;
  /** Server-side watch lifetime when the client sets none (kube: --min-request-timeout 1800 s, ×1-2). */
  minRequestTimeoutSeconds: number;
  /** NATS watch streams: apiserver heartbeat period, and how often clients must say they are alive. */
  natsWatchHeartbeatMs: number;
  natsWatchKeepaliveMs: number;
  /** How long Events are kept (kube: --event-ttl 1 h). */
  eventTtlSeconds: number;
  /** How many changes the watch history keeps before a resume gets 410 Gone. */
  watchHistoryLength: number;
}

const DEFAULT: Params = {
  watchBookmarkIntervalMs: 60_000,
  minRequestTimeoutSeconds: 1800,
  natsWatchHeartbeatMs: 2_000,
  natsWatchKeepaliveMs: 5_000,
  eventTtlSeconds: 3600,
  watchHistoryLength: 10_000,
};

const FAST: Params = {
  ...DEFAULT,
  watchBookmarkIntervalMs: 5_000,
  natsWatchHeartbeatMs: 500,
  natsWatchKeepaliveMs: 1_000,
  eventTtlSeconds: 600,
};

export function params(profile: Profile): Params {
  return Object.freeze({ ...(profile === 'fast' ? FAST : DEFAULT) });
}
