/**
 * What every pod worker shares: the node's configuration and the kubelet's services (API, runtime,
 * images, IPs, events, the container cache). Built once by kubelet.ts and handed down, so that a pod
 * worker reads no globals and can be driven by fakes in tests.
 */
import type { ApiClient } from '../../lib/client/api-client.js';
import type { Logger } from '../../lib/log.js';
import type { ServiceLike } from '../env/service-env.js';
import type { EventRecorder } from '../events/event-recorder.js';
import type { ImageStore } from '../image-store.js';
import type { PodIPStore } from '../network/ip-store.js';
import type { ContainerRuntime, ImageService } from '../runtime-port.js';
import type { BackoffPolicy } from './backoff.js';
import type { ContainerCache } from './container-cache.js';
import type { PodAction } from './pod-actions.js';
import type { Pod } from './types.js';

export interface PodWorkerConfig {
  nodeName: string;
  nodeIP: string;
  rootDir: string;
  crashLoopBackOff: BackoffPolicy;
  imagePullBackOff: BackoffPolicy;
  imagePullDelayMs: number;
  /** The node's allocatable cpu (cores) and memory (bytes), for the downward API. */
  allocatable: { cpu: number; memory: number };
  /** Pods are synced at least this often (syncFrequency). */
  syncFrequencyMs: number;
  logMaxBytes: number;
  logMaxFiles: number;
}

export interface PodContext {
  config: PodWorkerConfig;
  api: Pick<ApiClient, 'get' | 'patch' | 'delete'>;
  runtime: ContainerRuntime;
  images: ImageService;
  imageStore: ImageStore;
  ips: PodIPStore;
  cache: ContainerCache;
  recorder: EventRecorder;
  /** The Services known now, for the service environment variables. */
  services(): readonly ServiceLike[];
  /** Publishes a pod's plan for observers (observe.ts). */
  publishDecision(pod: Pod, actions: readonly PodAction[]): void;
  /** The worker is done with a pod that is gone: drop it. */
  forget(uid: string): void;
  log: Logger;
  now(): number;
}
