/**
 * The apiserver's admission chain and REST hooks, assembled: namespace lifecycle, Service allocations,
 * and the scale, binding and eviction subresources.
 */
import type { ResourceInfo } from '../../lib/api/resources.js';
import { findResource } from '../../lib/api/resources.js';
import type { KubeObject } from '../../lib/api/types.js';
import type { Admission, SubresourceHandler } from '../registry/admission.js';
import type { RedisStore } from '../storage/redis-store.js';
import { bindPod } from './binding.js';
import { evictPod } from './eviction.js';
import { checkNamespaceDeletion, checkNamespaceForCreate } from './namespace-lifecycle.js';
import { scaleHandler } from './scale.js';
import type { ServiceAllocator } from './service-allocation.js';

const NAMESPACES = findResource('', 'v1', 'namespaces')!;

function isServices(info: ResourceInfo): boolean {
  return info.group === '' && info.resource === 'services';
}

export function createAdmission(store: RedisStore, services: ServiceAllocator, extra: Record<string, SubresourceHandler> = {}): Admission {
  return {
    async admitCreate(info, obj, _dryRun) {
      if (info.namespaced) checkNamespaceForCreate(info, obj, await store.get(NAMESPACES, undefined, obj.metadata.namespace!));
      return isServices(info) ? services.allocate(obj) : obj;
    },
    async admitUpdate(info, next, old) {
      if (isServices(info)) return services.reconcileUpdate(next, old);
      return { object: next, undo: async () => {}, done: async () => {} };
    },
    admitDelete: checkNamespaceDeletion,
    async rollbackCreate(info: ResourceInfo, obj: KubeObject) {
      if (isServices(info)) await services.release(obj);
    },
    async afterDelete(info: ResourceInfo, obj: KubeObject) {
      if (isServices(info)) await services.release(obj);
    },
    subresources: {
      'pods/binding': bindPod,
      'pods/eviction': evictPod,
      'deployments/scale': scaleHandler,
      'replicasets/scale': scaleHandler,
      'replicationcontrollers/scale': scaleHandler,
      ...extra,
    },
  };
}
