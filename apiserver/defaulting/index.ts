/**
 * Defaulting: the fields kube-apiserver v1.32 fills in when it accepts an object, per kind, so that what
 * kubectl reads back looks like a real cluster's object. Most come from the versioned defaulters
 * (kubernetes pkg/apis/core/v1 and apps/v1 defaults.go); a few, marked in their files, from the default
 * admission plugins and registry strategies that act on create (pod status, tolerations, priority,
 * namespace finalizer, service IP families).
 *
 * Invariants: applyDefaults returns a new object and never changes its argument; it is pure (no clock,
 * no randomness: uid, timestamps and allocated IPs/ports are set elsewhere); a field already set is never
 * overwritten; applying it twice gives the same result as once.
 *
 * Event, ConfigMap and Lease have no defaulters in kube-apiserver v1.32, so they are returned unchanged.
 */
import type { ResourceInfo } from '../../lib/api/resources.js';
import type { KubeObject } from '../../lib/api/types.js';
import { setDefaultsDaemonSet } from './daemon-set.js';
import { setDefaultsDeployment } from './deployment.js';
import { setDefaultsEndpointSlice, setDefaultsEndpoints } from './endpoints.js';
import { setDefaultsNamespace } from './namespace.js';
import { setDefaultsNode } from './node.js';
import type { Obj } from './object-util.js';
import { setDefaultsPod, type Operation } from './pod.js';
import { setDefaultsReplicaSet } from './replica-set.js';
import { setDefaultsReplicationController } from './replication-controller.js';
import { setDefaultsService } from './service.js';

export type { Operation } from './pod.js';
export { podQOSClass } from './qos.js';
export { defaultPullPolicy } from './image.js';

type Defaulter = (obj: Obj, operation: Operation) => void;

/** One defaulter per kind, keyed by "<group>/<Kind>" ('' for the core group). */
const DEFAULTERS: Record<string, Defaulter> = {
  '/Pod': setDefaultsPod,
  '/Service': setDefaultsService,
  '/Namespace': setDefaultsNamespace,
  '/Node': setDefaultsNode,
  '/Endpoints': setDefaultsEndpoints,
  '/ReplicationController': setDefaultsReplicationController,
  'apps/Deployment': setDefaultsDeployment,
  'apps/ReplicaSet': setDefaultsReplicaSet,
  'apps/DaemonSet': setDefaultsDaemonSet,
  'discovery.k8s.io/EndpointSlice': setDefaultsEndpointSlice,
};

/**
 * The object with kube-apiserver's defaults applied. `operation` matters for the defaults that only
 * happen on create (admission plugins and strategies); decode-time defaulters apply to both.
 */
export function applyDefaults(info: ResourceInfo, obj: KubeObject, operation: Operation = 'create'): KubeObject {
  const copy = structuredClone(obj);
  DEFAULTERS[`${info.group}/${info.kind}`]?.(copy, operation);
  return copy;
}
