/**
 * Namespace lifecycle (kube-apiserver's NamespaceLifecycle admission plugin): objects may only be
 * created in a namespace that exists and is not being terminated, and the system namespaces may not
 * be deleted.
 */
import type { ResourceInfo } from '../../lib/api/resources.js';
import type { KubeObject } from '../../lib/api/types.js';
import { ForbiddenError, NotFoundError } from '../../lib/errors.js';

export const IMMORTAL_NAMESPACES = ['default', 'kube-system', 'kube-public'];
const NAMESPACES = { group: '', resource: 'namespaces' };

export function checkNamespaceForCreate(info: ResourceInfo, obj: KubeObject, namespace: KubeObject | undefined): void {
  if (!info.namespaced) return;
  const ns = obj.metadata.namespace!;
  if (!namespace) throw new NotFoundError(NAMESPACES, ns);
  if (namespace.status?.phase === 'Terminating' || namespace.metadata.deletionTimestamp) {
    throw new ForbiddenError(info, obj.metadata.name ?? '', `unable to create new content in namespace ${ns} because it is being terminated`);
  }
}

export function checkNamespaceDeletion(info: ResourceInfo, name: string): void {
  if (info.group === '' && info.resource === 'namespaces' && IMMORTAL_NAMESPACES.includes(name)) {
    throw new ForbiddenError(info, name, 'this namespace may not be deleted');
  }
}
