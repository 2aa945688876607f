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
  /** Scheduler: an unschedulable pod is retried after this, doubling per attempt (kube: podInitialBackoffSeconds 1). */
  schedulerPodInitialBackoffMs: number;
  /** Scheduler: ... up to this (kube: podMaxBackoffSeconds 10). */
  schedulerPodMaxBackoffMs: number;
  /** Scheduler Lease: how long a leader's lease lasts unrenewed (kube-scheduler --leader-elect-lease-duration 15s). */
  schedulerLeaseDurationSeconds: number;
  /** Scheduler Lease: a leader that could not renew for this long stops scheduling (--leader-elect-renew-deadline 10s). */
  schedulerRenewDeadlineMs: number;
  /** Scheduler Lease: how often candidates try to acquire and the leader renews (--leader-elect-retry-period 2s). */
  schedulerRetryPeriodMs: number;
  /** How often each scheduler replica publishes its heartbeat for observers (no kube equivalent). */
  schedulerHeartbeatMs: number;
  /** Kubelet: how often it computes its Node status (kubelet nodeStatusUpdateFrequency 10s). */
  kubeletNodeStatusUpdateFrequencyMs: number;
  /** Kubelet: an unchanged Node status is still posted this often (nodeStatusReportFrequency 5m). */
  kubeletNodeStatusReportFrequencyMs: number;
  /** Kubelet: the node Lease's leaseDurationSeconds (nodeLeaseDurationSeconds 40); renewed every quarter of it. */
  kubeletNodeLeaseDurationSeconds: number;
  /** Kubelet: CrashLoopBackOff starts at this delay and doubles per crash (kube: 10 s). */
  kubeletCrashLoopBackOffInitialMs: number;
  /** Kubelet: ... up to this (kube: 5 min); a container that ran for twice this long starts over. */
  kubeletCrashLoopBackOffMaxMs: number;
  /** Kubelet: image pull back-off, same shape (kube: 10 s doubling to 5 min). */
  kubeletImagePullBackOffInitialMs: number;
  kubeletImagePullBackOffMaxMs: number;
  /** Kubelet: how long a simulated image pull takes (no kube equivalent: images are built in). */
  kubeletImagePullDelayMs: number;
  /** Kubelet: every pod is re-synced at least this often, even when nothing changed (syncFrequency 1m). */
  kubeletSyncFrequencyMs: number;
  /** Kubelet: how often it publishes its heartbeat for observers (no kube equivalent). */
  kubeletHeartbeatMs: number;
}

const DEFAULT: Params = {
  watchBookmarkIntervalMs: 60_000,
  minRequestTimeoutSeconds: 1800,
  natsWatchHeartbeatMs: 2_000,
  natsWatchKeepaliveMs: 5_000,
  eventTtlSeconds: 3600,
  watchHistoryLength: 10_000,
  schedulerPodInitialBackoffMs: 1_000,
  schedulerPodMaxBackoffMs: 10_000,
  schedulerLeaseDurationSeconds: 15,
  schedulerRenewDeadlineMs: 10_000,
  schedulerRetryPeriodMs: 2_000,
  schedulerHeartbeatMs: 5_000,
  kubeletNodeStatusUpdateFrequencyMs: 10_000,
  kubeletNodeStatusReportFrequencyMs: 300_000,
  kubeletNodeLeaseDurationSeconds: 40,
  kubeletCrashLoopBackOffInitialMs: 10_000,
  kubeletCrashLoopBackOffMaxMs: 300_000,
  kubeletImagePullBackOffInitialMs: 10_000,
  kubeletImagePullBackOffMaxMs: 300_000,
  kubeletImagePullDelayMs: 1_000,
  kubeletSyncFrequencyMs: 60_000,
  kubeletHeartbeatMs: 5_000,
};

const FAST: Params = {
  ...DEFAULT,
  watchBookmarkIntervalMs: 5_000,
  natsWatchHeartbeatMs: 500,
  natsWatchKeepaliveMs: 1_000,
  eventTtlSeconds: 600,
  schedulerPodInitialBackoffMs: 200,
  schedulerPodMaxBackoffMs: 2_000,
  // A killed leader is replaced within 4 s; renew 3 s > 1.2 × retry 1 s, as client-go requires.
  schedulerLeaseDurationSeconds: 4,
  schedulerRenewDeadlineMs: 3_000,
  schedulerRetryPeriodMs: 1_000,
  schedulerHeartbeatMs: 1_000,
  // The node Lease lasts 4 s and is renewed every second (a quarter of it, as the kubelet does).
  kubeletNodeStatusUpdateFrequencyMs: 1_000,
  kubeletNodeStatusReportFrequencyMs: 10_000,
  kubeletNodeLeaseDurationSeconds: 4,
  // CrashLoopBackOff 1 s, 2 s, 4 s, 8 s, 8 s...; reset after 16 s of running.
  kubeletCrashLoopBackOffInitialMs: 1_000,
  kubeletCrashLoopBackOffMaxMs: 8_000,
  kubeletImagePullBackOffInitialMs: 1_000,
  kubeletImagePullBackOffMaxMs: 8_000,
  kubeletImagePullDelayMs: 50,
  kubeletSyncFrequencyMs: 10_000,
  kubeletHeartbeatMs: 1_000,
};

export function params(profile: Profile): Params {
  return Object.freeze({ ...(profile === 'fast' ? FAST : DEFAULT) });
}
