/**
 * One pod's worker (the kubelet's podWorkers, one goroutine per pod): syncs never overlap for a pod,
 * and a sync asked for while one runs runs once more afterwards. A sync:
 *
 *   1. reads the pod (from the informer), its containers (the cache) and the kubelet's memory of it;
 *   2. asks the pure decision for a plan (computePodActions) and publishes it with its reasons;
 *   3. applies the plan in order: IPs, starts (awaited, with image pulls), kills (in the background:
 *      a kill lasts up to the grace period, and its end wakes the worker again), removals, deletion;
 *   4. keeps the pod's probe workers in step with its running containers;
 *   5. computes the status (generatePodStatus) and patches pods/status only when it changed;
 *   6. sleeps until a back-off ends, an event arrives, or the periodic resync.
 *
 * Wake-ups: the pod changed in the API, one of its containers exited, a probe result changed, a
 * back-off ended, a kill finished. An error is logged and the sync retried after a second.
 */
import { PODS } from '../../lib/client/resource-refs.js';
import { isNewer } from '../../lib/client/resource-version.js';
import { ConflictError, NotFoundError } from '../../lib/errors.js';
import type { Logger } from '../../lib/log.js';
import { PodProber } from '../probes/pod-prober.js';
import { spawnExec } from '../probes/exec-runner.js';
import type { ExecRunner } from '../probes/prober.js';
import type { RuntimeContainer } from '../runtime-port.js';
import { killContainer } from './container-killer.js';
import { environment, startContainer } from './container-starter.js';
import { messages, Reasons } from './messages.js';
import { computePodActions, type PodAction } from './pod-actions.js';
import type { PodContext } from './pod-context.js';
import { containerRef } from './pod-events.js';
import { newPodMemory, type PodMemory } from './pod-memory.js';
import { generatePodStatus } from './pod-status.js';
import { podStatusChanged, podStatusPatch } from './status-patch.js';
import type { Container, Pod } from './types.js';

const RETRY_MS = 1000;

export class PodWorker {
  readonly memory: PodMemory = newPodMemory();
  private removed = false;
  private busy = false;
  private again = false;
  private stopped = false;
  private timer?: NodeJS.Timeout;
  private readonly envs = new Map<string, Record<string, string>>();
  private readonly prober: PodProber;
  private readonly log: Logger;

  constructor(private pod: Pod, private readonly ctx: PodContext) {
    this.memory.firstSeenMs = ctx.now();
    this.log = ctx.log.child({ pod: `${pod.metadata.namespace}/${pod.metadata.name}` });
    this.prober = new PodProber({
      memory: this.memory, onChange: () => this.sync(), now: ctx.now,
      unhealthy: (p, container, kind, output) => void ctx.recorder.event(containerRef(p, container), 'Warning', Reasons.Unhealthy, messages.probeFailed(kind, output)),
      execFor: (instance, spec) => this.execFor(instance, spec),
    });
  }

  get uid(): string {
    return this.pod.metadata.uid!;
  }

  /**
   * A newer version of the pod from the API. Only a change of what the kubelet acts on wakes the
   * worker: a status-only update (often the echo of the kubelet's own write) does not, as upstream's
   * config source ignores it (podsDifferSemantically).
   */
  update(pod: Pod): void {
    if (!isNewer(pod.metadata.resourceVersion ?? '', this.pod.metadata.resourceVersion ?? '')) return;
    const differs = podsDifferSemantically(this.pod, pod);
    this.pod = pod;
    if (differs) this.sync();
  }

  /** The pod is gone from the API: stop what runs and forget it. */
  remove(): void {
    this.removed = true;
    this.sync();
  }

  sync(): void {
    if (this.stopped) return;
    this.again = true;
    if (!this.busy) void this.loop();
  }

  /** Kubelet shutdown: stop timers and probes; the containers keep running. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.prober.stop();
  }

  private async loop(): Promise<void> {
    this.busy = true;
    while (this.again && !this.stopped) {
      this.again = false;
      try {
        await this.syncOnce();
      } catch (err) {
        this.log.warn('pod sync failed', { error: err instanceof Error ? err.message : String(err) });
        this.schedule(RETRY_MS);
      }
    }
    this.busy = false;
  }

  private async syncOnce(): Promise<void> {
    const { ctx, pod } = this;
    const plan = computePodActions({
      pod, removed: this.removed, podIP: ctx.ips.get(this.uid), containers: ctx.cache.forPod(this.uid),
      memory: this.memory, now: ctx.now(), crashLoopBackOff: ctx.config.crashLoopBackOff,
    });
    if (plan.actions.length) {
      ctx.publishDecision(pod, plan.actions);
      this.log.info('syncing pod', { actions: plan.actions.map((a) => ('container' in a ? `${a.type} ${a.container}` : a.type)) });
    }
    let failed = false;
    for (const action of plan.actions) {
      if (await this.apply(action)) return;
      if (action.type === 'startContainer' && this.memory.failures[action.container]) failed = true;
    }
    this.prober.sync(pod, ctx.cache.forPod(this.uid), ctx.ips.get(this.uid));
    if (!this.removed) await this.writeStatus();
    // A container that could not start is tried again after the pod workers' back-off period (10 s
    // upstream, the CrashLoopBackOff initial delay here); an image still in back-off then shows
    // ImagePullBackOff, and a new pull happens once it is over.
    const retry = failed ? ctx.config.crashLoopBackOff.initialMs : Infinity;
    this.schedule(Math.min(plan.requeueAfterMs ?? Infinity, retry, ctx.config.syncFrequencyMs));
  }

  /** Applies one action; true when the pod is finished with (cleaned up). */
  private async apply(action: PodAction): Promise<boolean> {
    const { ctx, pod, memory } = this;
    switch (action.type) {
      case 'allocateIP':
        ctx.ips.allocate(this.uid);
        return false;
      case 'startContainer': {
        const started = await startContainer(ctx, pod, memory, action);
        if (started) this.envs.set(started.id, started.env);
        return false;
      }
      case 'backOff':
        this.backOff(action);
        return false;
      case 'killContainer':
        this.kill(action);
        return false;
      case 'removeContainer':
        await ctx.runtime.removeContainer(action.id);
        ctx.cache.forget(action.id);
        this.envs.delete(action.id);
        return false;
      case 'deletePod':
        await this.deletePod();
        return false;
      case 'cleanupPod':
        await this.cleanup();
        return true;
    }
  }

  private backOff(action: Extract<PodAction, { type: 'backOff' }>): void {
    const { memory, pod } = this;
    memory.failures[action.container] = { reason: Reasons.CrashLoopBackOff, message: messages.backOffRestartingWaiting(action.delayMs, action.container, pod) };
    // One BackOff event per back-off window; repeats are counted on the same event.
    if (memory.backOffRecorded[action.container] === action.untilMs) return;
    memory.backOffRecorded[action.container] = action.untilMs;
    void this.ctx.recorder.event(containerRef(pod, action.container), 'Warning', Reasons.BackOff, messages.backOffRestartingEvent(action.container, pod));
  }

  private kill(action: Extract<PodAction, { type: 'killContainer' }>): void {
    this.memory.killing[action.id] = action.message;
    const spec = this.specOf(action.container);
    const instance = this.ctx.cache.get(action.id);
    const exec = spec && instance ? this.execFor(instance, spec) : async () => ({ exitCode: 1, output: '', timedOut: false });
    killContainer(this.ctx, this.pod, action, exec)
      .catch((err) => this.log.warn('could not stop a container', { container: action.container, error: String(err) }))
      // The container is known to have ended before the kill counts as done: no second kill.
      .then(() => this.ctx.cache.refresh(action.id))
      .finally(() => {
        delete this.memory.killing[action.id];
        this.sync();
      });
  }

  private async deletePod(): Promise<void> {
    const { metadata } = this.pod;
    try {
      await this.writeStatus();
      await this.ctx.api.delete(PODS, metadata.namespace, metadata.name!, { gracePeriodSeconds: 0, preconditions: { uid: metadata.uid } });
    } catch (err) {
      // Already gone, or a new pod of the same name: nothing of ours to delete.
      if (!(err instanceof NotFoundError) && !(err instanceof ConflictError)) throw err;
    }
    this.memory.deleteRequested = true;
  }

  private async cleanup(): Promise<void> {
    for (const c of this.ctx.cache.forPod(this.uid)) {
      await this.ctx.runtime.removeContainer(c.id).catch(() => undefined);
      this.ctx.cache.forget(c.id);
    }
    this.ctx.ips.release(this.uid);
    this.stop();
    this.ctx.forget(this.uid);
    this.log.info('pod cleaned up');
  }

  private async writeStatus(): Promise<void> {
    const { ctx, pod } = this;
    const images = Object.fromEntries([...(pod.spec.initContainers ?? []), ...pod.spec.containers].flatMap((c) => {
      const info = ctx.imageStore.has(c.image) ? ctx.images.resolveImage(c.image) : undefined;
      return info ? [[c.image, { image: info.image, imageID: info.imageID }]] : [];
    }));
    const next = generatePodStatus({
      pod, podIP: ctx.ips.get(this.uid), nodeIP: ctx.config.nodeIP, containers: ctx.cache.forPod(this.uid),
      memory: this.memory, images, now: ctx.now(),
    });
    if (!podStatusChanged(pod.status, next)) return;
    try {
      const written = await ctx.api.patch<Pod>(PODS, pod.metadata.namespace, pod.metadata.name!, 'strategic', podStatusPatch(next), { subresource: 'status' });
      // Our own write: remember it without waking the worker (the informer will echo it later).
      if (written.metadata.uid === this.uid && isNewer(written.metadata.resourceVersion ?? '', this.pod.metadata.resourceVersion ?? '')) this.pod = written;
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
    }
  }

  private execFor(instance: RuntimeContainer, spec: Container): ExecRunner {
    const { ctx } = this;
    if (ctx.runtime.exec) return (argv, timeoutMs) => ctx.runtime.exec!(instance.id, argv, timeoutMs);
    return async (argv, timeoutMs) => {
      let env = this.envs.get(instance.id);
      if (!env) {
        // A re-adopted container: rebuild the environment it was started with.
        const image = ctx.images.resolveImage(spec.image);
        const built = image ? await environment(ctx, this.pod, spec, image) : undefined;
        env = built?.ok ? built.env : { ...process.env } as Record<string, string>;
        this.envs.set(instance.id, env);
      }
      return spawnExec(argv, env, spec.workingDir, timeoutMs);
    };
  }

  private specOf(name: string): Container | undefined {
    return [...(this.pod.spec.initContainers ?? []), ...this.pod.spec.containers].find((c) => c.name === name);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    if (this.stopped || !Number.isFinite(ms)) return;
    this.timer = setTimeout(() => this.sync(), Math.max(0, ms));
  }
}

/** Does `next` differ from `prev` in anything the kubelet acts on (not status, not resourceVersion)? */
function podsDifferSemantically(prev: Pod, next: Pod): boolean {
  const view = (p: Pod) => JSON.stringify([
    p.metadata.uid, p.metadata.labels, p.metadata.annotations, p.metadata.deletionTimestamp, p.metadata.deletionGracePeriodSeconds, p.spec,
  ]);
  return view(prev) !== view(next);
}
