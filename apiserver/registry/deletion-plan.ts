/**
 * What a DELETE does to an object, decided without I/O (kube-apiserver's `BeforeDelete` and graceful
 * deletion rules):
 * - a pod bound to a node is deleted gracefully: it gets a deletionTimestamp `grace` seconds ahead and
 *   stays until its kubelet has stopped the containers; an unbound or finished pod goes at once;
 * - finalizers (including the `orphan` / `foregroundDeletion` ones that the propagation policy adds) keep
 *   the object, marked with a deletionTimestamp, until controllers remove them;
 * - otherwise the object is removed now.
 * And what a DELETE that removed the object answers (`deletedResponse`).
 */
import type { ResourceInfo } from '../../lib/api/resources.js';
import type { KubeObject, Status } from '../../lib/api/types.js';
import { rfc3339 } from './object-meta.js';

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: string[];
}

export type DeletionPlan =
  | { action: 'remove' }
  | { action: 'mark'; object: KubeObject }
  | { action: 'unchanged' };

export function planDeletion(info: ResourceInfo, obj: KubeObject, opts: DeleteOptions, now: Date): DeletionPlan {
  const grace = gracePeriod(info, obj, opts);
  const finalizers = withPolicyFinalizer(obj.metadata.finalizers ?? [], opts.propagationPolicy);
  const meta = obj.metadata;
  if (meta.deletionTimestamp) {
    // Already being deleted: only a shorter grace period (e.g. --force) changes anything.
    const current = meta.deletionGracePeriodSeconds ?? 0;
    if (grace >= current) return { action: 'unchanged' };
    if (grace === 0 && finalizers.length === 0) return { action: 'remove' };
    return { action: 'mark', object: mark(obj, now, grace, finalizers) };
  }
  if (grace === 0 && finalizers.length === 0 && !namespaceNeedsFinalizing(info, obj)) return { action: 'remove' };
  return { action: 'mark', object: mark(obj, now, grace, finalizers) };
}

function gracePeriod(info: ResourceInfo, obj: KubeObject, opts: DeleteOptions): number {
  if (info.group !== '' || info.resource !== 'pods') return 0;
  const phase = obj.status?.phase;
  if (!obj.spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
  const requested = opts.gracePeriodSeconds ?? obj.spec?.terminationGracePeriodSeconds ?? 30;
  // A grace period of 0 from a client means "force", which the apiserver turns into 1 second unless
  // the object is also unbound; kubectl's --force --grace-period=0 relies on this being immediate.
  return Math.max(0, requested);
}

function withPolicyFinalizer(finalizers: string[], policy: DeleteOptions['propagationPolicy']): string[] {
  const extra = policy === 'Orphan' ? 'orphan' : policy === 'Foreground' ? 'foregroundDeletion' : undefined;
  return extra && !finalizers.includes(extra) ? [...finalizers, extra] : finalizers;
}

function namespaceNeedsFinalizing(info: ResourceInfo, obj: KubeObject): boolean {
  return info.group === '' && info.resource === 'namespaces' && (obj.spec?.finalizers?.length ?? 0) > 0;
}

function mark(obj: KubeObject, now: Date, grace: number, finalizers: string[]): KubeObject {
  const metadata = {
    ...obj.metadata,
    deletionTimestamp: rfc3339(new Date(now.getTime() + grace * 1000)),
    deletionGracePeriodSeconds: grace,
  };
  if (finalizers.length) metadata.finalizers = finalizers;
  const marked: KubeObject = { ...obj, metadata };
  if (obj.kind === 'Namespace') marked.status = { ...obj.status, phase: 'Terminating' };
  return marked;
}

/** After an update: an object marked for deletion whose last finalizer is gone is removed. */
export function readyToRemove(obj: KubeObject): boolean {
  const meta = obj.metadata;
  if (!meta.deletionTimestamp || (meta.finalizers?.length ?? 0) > 0) return false;
  if (obj.kind === 'Namespace') return (obj.spec?.finalizers?.length ?? 0) === 0;
  return (meta.deletionGracePeriodSeconds ?? 0) === 0;
}

/** "<group>/<resource>" of the kinds whose storage sets kube's ReturnDeletedObject. */
const RETURNS_DELETED_OBJECT = new Set(['/pods', '/services', '/namespaces']);

/**
 * The body of a DELETE that removed the object: the object itself for pods, services and namespaces,
 * otherwise a Success Status naming it (details.kind holds the resource, as kube-apiserver sends it;
 * kubectl reads details.uid to wait for the deletion).
 */
export function deletedResponse(info: ResourceInfo, removed: KubeObject): KubeObject | Status {
  if (RETURNS_DELETED_OBJECT.has(`${info.group}/${info.resource}`)) return removed;
  const details = { name: removed.metadata.name, ...(info.group ? { group: info.group } : {}), kind: info.resource, uid: removed.metadata.uid };
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details } as Status;
}
