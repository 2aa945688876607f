/**
 * Per-resource behaviour of the generic registry, as kube-apiserver's `strategy.go` files define it:
 * which resources have a status subresource (then the main resource cannot change status, and the
 * status subresource cannot change anything else), which track metadata.generation, and what status a
 * new object starts with.
 */
import type { ResourceInfo } from '../../lib/api/resources.js';
import type { KubeObject } from '../../lib/api/types.js';

export interface Strategy {
  hasStatusSubresource: boolean;
  tracksGeneration: boolean;
  /** Deployments also bump generation when annotations change. */
  generationCountsAnnotations: boolean;
  /** The status a newly created object starts with (client-sent status is ignored), or undefined to keep it. */
  initialStatus?: (obj: KubeObject) => Record<string, unknown>;
  /** May a PUT create a missing object (AllowCreateOnUpdate)? */
  allowCreateOnUpdate: boolean;
}

const WORKLOADS = new Set(['apps/deployments', 'apps/replicasets', 'apps/daemonsets', '/replicationcontrollers']);
const CREATE_ON_UPDATE = new Set(['/endpoints', '/events', 'coordination.k8s.io/leases', 'discovery.k8s.io/endpointslices']);

export function strategyFor(info: ResourceInfo): Strategy {
  const id = `${info.group}/${info.resource}`;
  return {
    hasStatusSubresource: info.subresources.some((s) => s.name === 'status'),
    tracksGeneration: WORKLOADS.has(id),
    generationCountsAnnotations: id === 'apps/deployments',
    initialStatus: initialStatus(id),
    allowCreateOnUpdate: CREATE_ON_UPDATE.has(id),
  };
}

function initialStatus(id: string): Strategy['initialStatus'] {
  switch (id) {
    case '/pods':
      return () => ({ phase: 'Pending' });
    case '/namespaces':
      return () => ({ phase: 'Active' });
    case '/nodes':
      return undefined; // a kubelet registers its node with its status
    case 'apps/deployments': case 'apps/replicasets': case 'apps/daemonsets': case '/replicationcontrollers': case '/services':
      return () => ({});
    default:
      return undefined;
  }
}
