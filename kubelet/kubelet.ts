/**
 * The kubelet, wired (kubelet.go's Run, much reduced). It owns one node:
 *
 *   start()  1. register the Node (and record Starting, NodeReady, ...)
 *            2. re-adopt the containers the runtime still has (a restart starts nothing twice)
 *            3. watch the pods bound to this node and all Services (for the service variables);
 *               every pod event wakes that pod's worker (pods/pod-workers.ts)
 *            4. once synced, stop containers whose pod the API no longer has, free their IPs
 *            5. keep the Node status and Lease current; publish a heartbeat for observers
 *   stop()   stop watching, syncing and heart-beating, and LEAVE THE CONTAINERS RUNNING, as a real
 *            kubelet does: the next kubelet re-adopts them.
 *
 * It listens on no port: logs, exec and attach reach its containers over NATS through the apiserver
 * (streaming/, started by main.ts next to it).
 */
import type { KubeObject } from '../lib/api/types.js';
import type { ApiClient } from '../lib/client/api-client.js';
import { Informer } from '../lib/client/informer.js';
import { PODS, SERVICES } from '../lib/client/resource-refs.js';
import type { Logger } from '../lib/log.js';
import type { KubeletConfig } from './config.js';
import { EventRecorder } from './events/event-recorder.js';
import { ImageStore } from './image-store.js';
import { PodIPStore } from './network/ip-store.js';
import type { HostInfo } from './node/host-info.js';
import { NodeStatusManager } from './node/node-status-manager.js';
import { kubeletHeartbeat, podSyncDecision } from './observe.js';
import { ContainerCache } from './pods/container-cache.js';
import { PodWorkers } from './pods/pod-workers.js';
import type { Pod } from './pods/types.js';
import type { ContainerRuntime, ImageService } from './runtime-port.js';

export interface KubeletOptions {
  config: Readonly<KubeletConfig>;
  host: HostInfo;
  api: ApiClient;
  runtime: ContainerRuntime;
  images: ImageService;
  /** Publishes an observer record (heartbeat or decision) on this kubelet's subject. */
  publish(kind: 'heartbeat' | 'decision', record: object): void;
  log: Logger;
  now?: () => number;
}

export class Kubelet {
  private readonly pods: Informer<Pod>;
  private readonly services: Informer<KubeObject>;
  private readonly workers: PodWorkers;
  private readonly cache: ContainerCache;
  private readonly ips: PodIPStore;
  private readonly node: NodeStatusManager;
  private readonly recorder: EventRecorder;
  private heartbeat?: NodeJS.Timeout;
  private readonly now: () => number;

  constructor(private readonly o: KubeletOptions) {
    const { config, api, log } = o;
    this.now = o.now ?? Date.now;
    this.recorder = new EventRecorder(api, { component: 'kubelet', host: config.nodeName, instance: config.nodeName }, { log, now: this.now });
    const imageStore = new ImageStore(config.rootDir);
    this.ips = new PodIPStore(config.rootDir, config.podCIDR, [config.nodeIP]);
    this.cache = new ContainerCache(o.runtime, (c) => this.workers.containerChanged(c));
    this.pods = new Informer<Pod>(api, PODS, { fieldSelector: `spec.nodeName=${config.nodeName}`, log });
    this.services = new Informer(api, SERVICES, { log });
    this.workers = new PodWorkers({
      config: { ...config, allocatable: { cpu: config.cpu, memory: config.memoryBytes } },
      api, runtime: o.runtime, images: o.images, imageStore, ips: this.ips, cache: this.cache, recorder: this.recorder,
      services: () => this.services.store.list(), log, now: this.now,
      publishDecision: (pod, actions) => o.publish('decision', podSyncDecision(config.nodeName, pod, actions, this.now())),
    });
    this.node = new NodeStatusManager({
      api, recorder: this.recorder, config, host: o.host, images: () => imageStore.nodeImages(), log, now: this.now,
      updateFrequencyMs: config.nodeStatusUpdateFrequencyMs, reportFrequencyMs: config.nodeStatusReportFrequencyMs,
      leaseDurationSeconds: config.nodeLeaseDurationSeconds,
    });
  }

  async start(): Promise<void> {
    const { log, config } = this.o;
    await this.node.register();
    const adopted = await this.cache.adopt();
    log.info('re-adopted containers', { running: adopted.filter((c) => c.state !== 'exited').length, total: adopted.length });
    this.services.start();
    this.pods.addEventHandler({
      onAdd: (pod) => this.workers.updatePod(pod),
      onUpdate: (_old, pod) => this.workers.updatePod(pod),
      onDelete: (pod) => this.workers.removePod(pod),
    });
    this.pods.start();
    await Promise.all([this.pods.waitForSync(), this.services.waitForSync()]);
    const known = new Set(this.pods.store.list().map((p) => p.metadata.uid!));
    this.workers.cleanupOrphans(this.cache.all(), known);
    for (const uid of this.ips.uids()) if (!known.has(uid) && !this.cache.all().some((c) => c.podUID === uid)) this.ips.release(uid);
    this.node.start();
    this.heartbeat = setInterval(() => this.beat(), config.heartbeatMs);
    this.beat();
    log.info('kubelet started', { node: config.nodeName, pods: known.size });
  }

  /** Stops the kubelet; its containers keep running. */
  async stop(): Promise<void> {
    clearInterval(this.heartbeat);
    this.node.stop();
    this.workers.stop();
    this.cache.close();
    await Promise.all([this.pods.stop(), this.services.stop()]);
    await this.recorder.flush();
  }

  private beat(): void {
    this.o.publish('heartbeat', kubeletHeartbeat(this.o.config.nodeName, this.workers.size, this.cache.all(), this.now()));
  }
}
