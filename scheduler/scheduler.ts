/**
 * The scheduler process's machinery around the pure decision: informers, the queue, the scheduling loop
 * and the heartbeat. Three layers, as in every kubelab controller:
 *
 *   informer handlers   turn pod and node events into queue calls (predicates in queue/cluster-events.ts)
 *   the loop            pops a pod key, runs its scheduling cycle (decide and assume, schedule-one.ts),
 *                       and pops the next one at once; the binding cycle runs in the background and
 *                       tells the queue the outcome (the key stays in flight, never popped twice, until then)
 *   schedulePod         the pure decision (core/schedule-pod.ts)
 *
 *   const s = new Scheduler({ api, identity: 'scheduler-1', params, publish, leader: () => elector.getLeader() });
 *   s.start(); await s.waitForSync();
 *   elector callbacks: onStartedLeading: (signal) => void s.run(signal)
 *   await s.stop();
 *
 * Informers and the queue run on every replica, so a standby that takes over has a warm cache and a full
 * queue; only the leader's loop pops (run(signal) returns when the signal aborts and the bindings it
 * started are over). Handlers never throw.
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
import { SchedulingQueue, type Outcome } from './queue/scheduling-queue.js';
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
  private readonly recorder: EventRecorder;
  /** Binding cycles running in the background. */
  private readonly binding = new Set<Promise<void>>();
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
    this.recorder = new EventRecorder(opts.api, source, { log: this.log, now: this.now });
    this.cycle = {
      api: opts.api, recorder: this.recorder,
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

  /** The leader's scheduling loop: one decision at a time, bindings in the background, until `signal` aborts. */
  async run(signal: AbortSignal): Promise<void> {
    this.leading = true;
    this.log.info('scheduling loop started');
    try {
      while (!signal.aborted) {
        const key = await this.queue.pop(signal);
        if (key === undefined) break;
        this.track(key, this.attempt(key));
        // pop() answers at once while pods wait: yield, so informer events and binding answers get a turn.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      await Promise.all([...this.binding]);
      this.leading = false;
      this.log.info('scheduling loop stopped');
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.heartbeatTimer);
    this.queue.close();
    await Promise.all([...this.binding]);
    await this.recorder.flush();
    await Promise.all([this.pods.stop(), this.nodes.stop()]);
  }

  /** Hands the outcome to the queue when the background cycle ends. */
  private track(key: string, outcome: Promise<Outcome>): void {
    const settled = outcome.then((o) => this.queue.done(key, o)).finally(() => this.binding.delete(settled));
    this.binding.add(settled);
  }

  /**
   * The scheduling cycle, synchronously, and the binding cycle as the promise. Never rejects: an
   * unexpected error is logged and the pod retried with backoff.
   */
  private attempt(key: string): Promise<Outcome> {
    const pod = this.pods.store.get(key);
    if (!pod || !needsScheduling(pod, this.profile.schedulerName) || this.assumed.has(key)) return Promise.resolve('gone');
    const failed = (err: unknown): Outcome => {
      this.log.error('scheduling attempt failed', { pod: key, error: err instanceof Error ? err.stack : String(err) });
      return 'retry';
    };
    try {
      return scheduleOne(this.cycle, pod, this.queue.attemptsOf(key)).catch(failed);
    } catch (err) {
      return Promise.resolve(failed(err));
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
