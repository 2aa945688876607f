/**
 * The node side of the kubelet, with I/O: register the Node, keep its status current, renew its Lease.
 *
 *   register()  create the Node (or, if it exists, take it over: labels and status are the kubelet's);
 *               retried until the apiserver answers. Events: Starting, NodeHasSufficientMemory,
 *               NodeHasNoDiskPressure, NodeHasSufficientPID, NodeAllocatableEnforced, NodeReady.
 *   status      every nodeStatusUpdateFrequency, compute the status (node-status.ts) and patch
 *               nodes/status when it changed or nodeStatusReportFrequency passed.
 *   lease       every quarter of the lease duration, renew kube-node-lease/<node> (create it if missing).
 */
import type { KubeObject } from '../../lib/api/types.js';
import type { ApiClient } from '../../lib/client/api-client.js';
import { LEASES, NODES } from '../../lib/client/resource-refs.js';
import { AlreadyExistsError, ConflictError, NotFoundError } from '../../lib/errors.js';
import type { Logger } from '../../lib/log.js';
import type { EventRecorder, ObjectReference } from '../events/event-recorder.js';
import type { HostInfo } from './host-info.js';
import { NODE_LEASE_NAMESPACE, nodeLease, renewIntervalMs } from './node-lease.js';
import { conditionTransitions, initialNode, nodeLabels, nodeStatus, shouldReportNodeStatus, type NodeConfig, type NodeCondition, type NodeImage } from './node-status.js';

export interface NodeManagerOptions {
  api: Pick<ApiClient, 'create' | 'get' | 'patch' | 'update'>;
  recorder: EventRecorder;
  config: NodeConfig;
  host: HostInfo;
  images(): NodeImage[];
  updateFrequencyMs: number;
  reportFrequencyMs: number;
  leaseDurationSeconds: number;
  log: Logger;
  now(): number;
}

/** Node events name the node by name, with its name as uid, in the default namespace (as upstream). */
const CONDITION_EVENTS: Record<string, Record<string, string>> = {
  MemoryPressure: { False: 'NodeHasSufficientMemory', True: 'NodeHasInsufficientMemory' },
  DiskPressure: { False: 'NodeHasNoDiskPressure', True: 'NodeHasDiskPressure' },
  PIDPressure: { False: 'NodeHasSufficientPID', True: 'NodeHasInsufficientPID' },
  Ready: { True: 'NodeReady', False: 'NodeNotReady' },
};

export class NodeStatusManager {
  private nodeUID?: string;
  private posted?: Record<string, unknown>;
  private postedMs = 0;
  private lease?: KubeObject;
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;

  constructor(private readonly o: NodeManagerOptions) {}

  private get ref(): ObjectReference {
    return { kind: 'Node', name: this.o.config.nodeName, uid: this.o.config.nodeName };
  }

  /** Registers the Node, retrying until it is done (or the manager is stopped). */
  async register(): Promise<void> {
    void this.o.recorder.event(this.ref, 'Normal', 'Starting', 'Starting kubelet.');
    for (let delay = 100; !this.stopped; delay = Math.min(delay * 2, 7000)) {
      try {
        await this.registerOnce();
        void this.o.recorder.event(this.ref, 'Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
        return;
      } catch (err) {
        this.o.log.warn('unable to register the node', { error: err instanceof Error ? err.message : String(err) });
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  start(): void {
    const { updateFrequencyMs, leaseDurationSeconds } = this.o;
    this.timers.push(setInterval(() => void this.updateStatus(), updateFrequencyMs));
    this.timers.push(setInterval(() => void this.renewLease(), renewIntervalMs(leaseDurationSeconds)));
    void this.renewLease();
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
  }

  private async registerOnce(): Promise<void> {
    const { api, config, host, now } = this.o;
    const node = initialNode(config, host, this.o.images(), now());
    try {
      const created = await api.create(NODES, undefined, node);
      this.nodeUID = created.metadata.uid;
      this.o.log.info('registered the node', { node: config.nodeName });
      this.afterPost(node.status, []);
    } catch (err) {
      if (!(err instanceof AlreadyExistsError)) throw err;
      // A node of this name exists (an earlier run of this kubelet): take it over.
      const existing = await api.get(NODES, undefined, config.nodeName);
      this.nodeUID = existing.metadata.uid;
      await api.patch(NODES, undefined, config.nodeName, 'merge', { metadata: { labels: nodeLabels(config, host) } });
      this.posted = existing.status;
      await this.updateStatus(true);
      this.o.log.info('took over the existing node', { node: config.nodeName });
    }
  }

  private async updateStatus(force = false): Promise<void> {
    const { api, config, host, now } = this.o;
    const previous = (this.posted?.conditions ?? []) as NodeCondition[];
    const next = nodeStatus(config, host, this.o.images(), previous, now());
    if (!force && !shouldReportNodeStatus(this.posted, next, this.postedMs, now(), this.o.reportFrequencyMs)) return;
    try {
      const conditions = next.conditions as NodeCondition[];
      await api.patch(NODES, undefined, config.nodeName, 'strategic', { status: { ...next, '$setElementOrder/conditions': conditions.map((c) => ({ type: c.type })) } }, { subresource: 'status' });
      this.afterPost(next, previous);
    } catch (err) {
      this.o.log.warn('unable to update node status', { error: err instanceof Error ? err.message : String(err) });
    }
  }

  private afterPost(status: Record<string, unknown>, previous: NodeCondition[]): void {
    for (const c of conditionTransitions(previous, status.conditions as NodeCondition[])) {
      const reason = CONDITION_EVENTS[c.type]?.[c.status];
      if (reason) void this.o.recorder.event(this.ref, 'Normal', reason, `Node ${this.o.config.nodeName} status is now: ${reason}`);
    }
    this.posted = status;
    this.postedMs = this.o.now();
  }

  private async renewLease(): Promise<void> {
    if (this.stopped || !this.nodeUID) return;
    const { api, config, leaseDurationSeconds, now } = this.o;
    try {
      if (!this.lease) this.lease = await api.get(LEASES, NODE_LEASE_NAMESPACE, config.nodeName).catch((err) => {
        if (err instanceof NotFoundError) return undefined;
        throw err;
      });
      const next = nodeLease(config.nodeName, this.nodeUID, leaseDurationSeconds, now(), this.lease);
      this.lease = this.lease ? await api.update(LEASES, next) : await api.create(LEASES, NODE_LEASE_NAMESPACE, next);
    } catch (err) {
      // Someone else wrote it, or it vanished: read it afresh next time.
      if (err instanceof ConflictError || err instanceof NotFoundError || err instanceof AlreadyExistsError) this.lease = undefined;
      this.o.log.warn('unable to renew the node lease', { error: err instanceof Error ? err.message : String(err) });
    }
  }
}
