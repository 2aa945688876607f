/**
 * The scheduler process's machinery around the pure decision: informers, the queue, the scheduling loop
 * and the heartbeat. Three layers, as in every kubelab controller:
 *
 *   informer handlers   turn pod and node events into queue calls (predicates in queue/cluster-events.ts)
 *   the loop            pops a pod key, runs one attempt (schedule-one.ts), tells the queue the outcome
 *   schedulePod         the pure decision (core/schedule-pod.ts)
 *
 *   const s = new Scheduler({ api, identity: 'scheduler-1', params, publish, leader: () => elector.getLeader() });
 *   s.start(); await s.waitForSync();
 *   elector callbacks: onStartedLeading: (signal) => void s.run(signal)
 *   await s.stop();
 *
 * Informers and the queue run on every replica, so a standby that takes over has a warm cache and a full
 * queue; only the leader's loop pops (run(signal) returns when the signal aborts). Handlers never throw.
 */
import type { ApiClient } from '../lib/client/api-client.js';
import { Informer } from '../lib/client/informer.js';
import { NODES, PODS } from '../lib/client/resource-refs.js';
import { silentLogger, type Logger } from '../lib/log.js';
import { EventRecorder } from './events/event-recorder.js';
import { buildSnapshot, isTerminated, podKey } from './framework/node-info.js';
import type { Node, Pod } from './framework/types.js';
import { heartbeat, type DecisionRecord, type Heartbeat } from './observe.js';
import { DEFAULT_PROFILE, type Profile } from './plugins/registry.js';
import { freedResources, isPodUpdated, needsScheduling, nodeSchedulingPropertiesChanged, podPriority } from './queue/cluster-events.js';
import { SchedulingQueue } from './queue/scheduling-queue.js';
import { scheduleOne, type CycleDeps } from './schedule-one.js';

export interface SchedulerParams {
  podInitialBackoffMs: number;
  podMaxBackoffMs: number;
  heartbeatMs: number;
}

export interface SchedulerOptions {
  api: ApiClient;
  identity: string;
  params: SchedulerParams;
  /** Where decisions and heartbeats go (the process publishes them on NATS). */
  publish: (kind: 'decision' | 'heartbeat', record: DecisionRecord | Heartbeat) => void;
  /** The lease holder as last observed; the identity itself when leader election is off. */
  leader: () => string;
  profile?: Profile;
  random?: () => number;
  now?: () => Date;
  log?: Logger;
}

export class Scheduler {
  readonly pods: Informer<Pod>;
  readonly nodes: Informer<Node>;
  readonly queue: SchedulingQueue;
  private readonly assumed = new Map<string, string>();
  private readonly profile: Profile;
  private readonly log: Logger;
  private readonly now: () => Date;
  private readonly cycle: CycleDeps;
  private heartbeatTimer?: NodeJS.Timeout;
  private leading = false;

  constructor(private readonly opts: SchedulerOptions) {
    this.log = opts.log ?? silentLogger();
    this.now = opts.now ?? (() => new Date());
    this.profile = opts.profile ?? DEFAULT_PROFILE;
    this.pods = new Informer<Pod>(opts.api, PODS, { log: this.log });
    this.nodes = new Informer<Node>(opts.api, NODES, { log: this.log });
    this.queue = new SchedulingQueue({ initialBackoffMs: opts.params.podInitialBackoffMs, maxBackoffMs: opts.params.podMaxBackoffMs });
    const source = { component: this.profile.schedulerName, instance: `${this.profile.schedulerName}-${opts.identity}` };
    this.cycle = {
      api: opts.api, recorder: new EventRecorder(opts.api, source, { log: this.log, now: this.now }),
      profile: this.profile, identity: opts.identity, random: opts.random ?? Math.random, now: this.now, log: this.log,
      snapshot: () => buildSnapshot(this.nodes.store.list(), this.pods.store.list(), this.assumed),
      assumed: this.assumed,
      publish: (record) => opts.publish('decision', record),
    };
  }

  start(): void {
    this.pods.addEventHandler({ onAdd: (p) => this.onPodAdd(p), onUpdate: (o, n) => this.onPodUpdate(o, n), onDelete: (p) => this.onPodDelete(p) });
    this.nodes.addEventHandler({ onAdd: () => this.moveAll('NodeAdd'), onUpdate: (o, n) => this.onNodeUpdate(o, n) });
    this.pods.start();
    this.nodes.start();
    this.heartbeatTimer = setInterval(() => this.beat(), this.opts.params.heartbeatMs);
    this.beat();
  }

  async waitForSync(): Promise<boolean> {
    return (await this.pods.waitForSync()) && (await this.nodes.waitForSync());
  }

  /** The leader's scheduling loop: one pod at a time, until `signal` aborts. */
  async run(signal: AbortSignal): Promise<void> {
    this.leading = true;
    this.log.info('scheduling loop started');
    try {
      while (!signal.aborted) {
        const key = await this.queue.pop(signal);
        if (key === undefined) break;
        this.queue.done(key, await this.attempt(key));
      }
    } finally {
      this.leading = false;
      this.log.info('scheduling loop stopped');
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.heartbeatTimer);
    this.queue.close();
    await Promise.all([this.pods.stop(), this.nodes.stop()]);
  }

  /** One attempt, never throwing: an unexpected error is logged and the pod retried with backoff. */
  private async attempt(key: string): Promise<'scheduled' | 'retry' | 'gone'> {
    const pod = this.pods.store.get(key);
    if (!pod || !needsScheduling(pod, this.profile.schedulerName) || this.assumed.has(key)) return 'gone';
    try {
      return await scheduleOne(this.cycle, pod, this.queue.attemptsOf(key));
    } catch (err) {
      this.log.error('scheduling attempt failed', { pod: key, error: err instanceof Error ? err.stack : String(err) });
      return 'retry';
    }
  }

  private onPodAdd(pod: Pod): void {
    const key = podKey(pod);
    if (pod.spec?.nodeName) this.assumed.delete(key);
    else if (needsScheduling(pod, this.profile.schedulerName)) this.queue.add(key, podPriority(pod));
  }

  private onPodUpdate(oldPod: Pod, pod: Pod): void {
    const key = podKey(pod);
    if (pod.spec?.nodeName) {
      this.assumed.delete(key);
      if (!oldPod.spec?.nodeName) this.queue.delete(key);
      if (freedResources(oldPod, pod)) this.moveAll('AssignedPodTerminated');
      return;
    }
    if (!needsScheduling(pod, this.profile.schedulerName)) this.queue.delete(key);
    // A status-only change (our own PodScheduled condition) must not cut the backoff short.
    else if (!this.queue.has(key) || isPodUpdated(oldPod, pod)) this.queue.add(key, podPriority(pod));
  }

  private onPodDelete(pod: Pod): void {
    const key = podKey(pod);
    this.queue.delete(key);
    const wasAssumed = this.assumed.delete(key);
    if ((pod.spec?.nodeName || wasAssumed) && !isTerminated(pod)) this.moveAll('AssignedPodDelete');
  }

  private onNodeUpdate(oldNode: Node, node: Node): void {
    if (nodeSchedulingPropertiesChanged(oldNode, node)) this.moveAll('NodeUpdate');
  }

  private moveAll(event: string): void {
    const moved = this.queue.moveAllToActive();
    if (moved > 0) this.log.debug('pods moved to the active queue', { event, moved });
  }

  private beat(): void {
    const role = this.leading ? 'leader' : 'standby';
    const h = heartbeat({
      id: this.opts.identity, role, leader: this.opts.leader(), queue: this.queue.stats(),
      nodes: this.nodes.store.size, pods: this.pods.store.size,
    }, this.now());
    this.opts.publish('heartbeat', h);
  }
}
