/**
 * The kubelet's pod workers, by pod uid (podWorkers.UpdatePod): the informer's handlers and the
 * container monitor only turn an event into "wake the worker of pod X". A worker is created for each
 * pod bound to this node, and for containers whose pod the API no longer has (orphans, e.g. a pod
 * force-deleted while the kubelet was down): those are stopped within 2 seconds and forgotten.
 */
import type { RuntimeContainer } from '../runtime-port.js';
import type { PodContext } from './pod-context.js';
import { PodWorker } from './pod-worker.js';
import type { Pod } from './types.js';

/** The grace period for containers of a pod the API no longer has (minimumGracePeriodInSeconds). */
const ORPHAN_GRACE_SECONDS = 2;

export class PodWorkers {
  private readonly workers = new Map<string, PodWorker>();
  /** Until the pods are listed, a container without a worker may just belong to a pod not seen yet. */
  private synced = false;

  constructor(private readonly ctx: Omit<PodContext, 'forget'>) {}

  get size(): number {
    return this.workers.size;
  }

  /** The pod was added or changed in the API. */
  updatePod(pod: Pod): void {
    const uid = pod.metadata.uid;
    if (!uid) return;
    const worker = this.workers.get(uid);
    if (worker) worker.update(pod);
    else this.create(pod).sync();
  }

  /** The pod is gone from the API. */
  removePod(pod: Pod): void {
    const uid = pod.metadata.uid;
    if (!uid) return;
    (this.workers.get(uid) ?? this.create(pod)).remove();
  }

  /** A container changed state (exited): wake its pod's worker, or clean up an orphan's. */
  containerChanged(c: RuntimeContainer): void {
    const worker = this.workers.get(c.podUID);
    if (worker) worker.sync();
    else if (this.synced) this.adoptOrphan(c);
  }

  /** After the informer synced: containers of pods the API does not know are orphans. */
  cleanupOrphans(containers: readonly RuntimeContainer[], known: ReadonlySet<string>): void {
    this.synced = true;
    for (const c of containers) if (!known.has(c.podUID) && !this.workers.has(c.podUID)) this.adoptOrphan(c);
  }

  stop(): void {
    for (const w of this.workers.values()) w.stop();
    this.workers.clear();
  }

  private adoptOrphan(c: RuntimeContainer): void {
    const pod: Pod = {
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: c.podName, namespace: c.namespace, uid: c.podUID },
      spec: { containers: [], terminationGracePeriodSeconds: ORPHAN_GRACE_SECONDS },
    };
    this.create(pod).remove();
  }

  private create(pod: Pod): PodWorker {
    const uid = pod.metadata.uid!;
    const worker = new PodWorker(pod, { ...this.ctx, forget: (gone) => this.workers.delete(gone) });
    this.workers.set(uid, worker);
    return worker;
  }
}
