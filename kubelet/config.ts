/**
 * The kubelet's configuration: one frozen object built from its flags, the profile's tunables
 * (lib/params.ts) and the host's size, so that nothing below main.ts reads flags or the environment.
 * Pure.
 */
import type { Params } from '../lib/params.js';
import type { BackoffPolicy } from './pods/backoff.js';
import { parseQuantity } from './util/quantity.js';

export interface KubeletConfig {
  nodeName: string;
  nodeIP: string;
  podCIDR: string;
  rootDir: string;
  /** Capacity: cores, bytes, pods. */
  cpu: number;
  memoryBytes: number;
  maxPods: number;
  imagePullDelayMs: number;
  crashLoopBackOff: BackoffPolicy;
  imagePullBackOff: BackoffPolicy;
  nodeStatusUpdateFrequencyMs: number;
  nodeStatusReportFrequencyMs: number;
  nodeLeaseDurationSeconds: number;
  syncFrequencyMs: number;
  heartbeatMs: number;
  /** containerLogMaxSize 10Mi and containerLogMaxFiles 5, the kubelet's defaults. */
  logMaxBytes: number;
  logMaxFiles: number;
}

export interface KubeletFlags {
  nodeName: string;
  nodeIP: string;
  podCIDR: string;
  rootDir: string;
  cpu?: string;
  memory?: string;
  maxPods?: string;
  imagePullDelayMs?: string;
}

export function buildConfig(flags: KubeletFlags, p: Params, host: { cpus: number; memoryBytes: number }): Readonly<KubeletConfig> {
  const cpu = flags.cpu === undefined ? host.cpus : parseQuantity(flags.cpu);
  const memoryBytes = flags.memory === undefined ? host.memoryBytes : parseQuantity(flags.memory);
  const maxPods = Number(flags.maxPods ?? 110);
  const imagePullDelayMs = flags.imagePullDelayMs === undefined ? p.kubeletImagePullDelayMs : Number(flags.imagePullDelayMs);
  if (cpu === undefined || cpu <= 0) throw new Error(`invalid --cpu: ${flags.cpu}`);
  if (memoryBytes === undefined || memoryBytes <= 0) throw new Error(`invalid --memory: ${flags.memory}`);
  if (!Number.isInteger(maxPods) || maxPods <= 0) throw new Error(`invalid --max-pods: ${flags.maxPods}`);
  if (!Number.isFinite(imagePullDelayMs) || imagePullDelayMs < 0) throw new Error(`invalid --image-pull-delay-ms: ${flags.imagePullDelayMs}`);
  return Object.freeze({
    nodeName: flags.nodeName, nodeIP: flags.nodeIP, podCIDR: flags.podCIDR, rootDir: flags.rootDir,
    cpu, memoryBytes: Math.floor(memoryBytes), maxPods, imagePullDelayMs,
    crashLoopBackOff: { initialMs: p.kubeletCrashLoopBackOffInitialMs, maxMs: p.kubeletCrashLoopBackOffMaxMs },
    imagePullBackOff: { initialMs: p.kubeletImagePullBackOffInitialMs, maxMs: p.kubeletImagePullBackOffMaxMs },
    nodeStatusUpdateFrequencyMs: p.kubeletNodeStatusUpdateFrequencyMs,
    nodeStatusReportFrequencyMs: p.kubeletNodeStatusReportFrequencyMs,
    nodeLeaseDurationSeconds: p.kubeletNodeLeaseDurationSeconds,
    syncFrequencyMs: p.kubeletSyncFrequencyMs,
    heartbeatMs: p.kubeletHeartbeatMs,
    logMaxBytes: 10 * 2 ** 20,
    logMaxFiles: 5,
  });
}
