/**
 * The apiserver's validation step: the field errors a real kube-apiserver v1.32 returns for an object
 * being created or updated, as StatusCauses ready for `new InvalidError(group, kind, name, causes)`.
 * An empty list means the object is valid. Objects are expected to be already defaulted (as the real
 * server validates after defaulting) and, on update, to carry the identity the registry keeps.
 *
 *   validateCreate(info, obj)       the kind's rules (name first), then — only if those pass — the
 *                                   generic ObjectMeta rules every kind meets, as rest.BeforeCreate does;
 *   validateUpdate(info, obj, old)  the generic ObjectMeta rules and update rules, then the kind's
 *                                   update rules, all reported together, as rest.BeforeUpdate does
 *                                   (so a cause can appear twice; the Status message de-duplicates).
 *
 * Kinds without their own rules still get the generic ones. Pure: no I/O, no clock.
 */
import type { ResourceInfo } from '../../lib/api/resources.js';
import type { KubeObject, StatusCause } from '../../lib/api/types.js';
import { validateConfigMapCreate, validateConfigMapUpdate } from './config-map.js';
import { validateDaemonSetCreate, validateDaemonSetUpdate } from './daemon-set.js';
import { validateDeploymentCreate, validateDeploymentUpdate } from './deployment.js';
import { validateEndpointSliceCreate, validateEndpointSliceUpdate } from './endpoint-slice.js';
import { validateEndpointsCreate, validateEndpointsUpdate } from './endpoints.js';
import { validateEventCreate, validateEventUpdate } from './event.js';
import type { ErrorList } from './field-errors.js';
import type { SpecialIPOptions } from './ip.js';
import { validateLeaseCreate, validateLeaseUpdate } from './lease.js';
import { validatePathSegmentName } from './names.js';
import { validateNamespaceCreate, validateNamespaceUpdate } from './namespace.js';
import { validateNodeCreate, validateNodeUpdate } from './node.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { validatePodCreate } from './pod.js';
import { validatePodUpdate } from './pod-update.js';
import { validateReplicaSetCreate, validateReplicaSetUpdate } from './replica-set.js';
import { validateReplicationControllerCreate, validateReplicationControllerUpdate } from './replication-controller.js';
import { validateServiceCreate, validateServiceUpdate } from './service-update.js';

export type { FieldError, ErrorType } from './field-errors.js';
export { errorText } from './field-errors.js';
export { POD_UPDATE_FORBIDDEN_PREFIX } from './pod-update.js';

export interface ValidationOptions {
  /**
   * Accept loopback addresses in Endpoints, EndpointSlices and Service externalIPs. A real server
   * rejects them; kubelab's local mode gives pods and nodes 127.x addresses, so this defaults to true.
   */
  allowLoopbackAddresses?: boolean;
}

interface KindValidator {
  create: (obj: KubeObject, ip: SpecialIPOptions) => ErrorList;
  update: (obj: KubeObject, old: KubeObject, ip: SpecialIPOptions) => ErrorList;
}

const VALIDATORS: Record<string, KindValidator> = {
  '/Pod': { create: validatePodCreate, update: validatePodUpdate },
  '/Service': { create: validateServiceCreate, update: validateServiceUpdate },
  '/Namespace': { create: validateNamespaceCreate, update: validateNamespaceUpdate },
  '/Node': { create: validateNodeCreate, update: validateNodeUpdate },
  '/Endpoints': { create: validateEndpointsCreate, update: validateEndpointsUpdate },
  '/Event': { create: validateEventCreate, update: validateEventUpdate },
  '/ConfigMap': { create: validateConfigMapCreate, update: validateConfigMapUpdate },
  '/ReplicationController': { create: validateReplicationControllerCreate, update: validateReplicationControllerUpdate },
  'apps/ReplicaSet': { create: validateReplicaSetCreate, update: validateReplicaSetUpdate },
  'apps/Deployment': { create: validateDeploymentCreate, update: validateDeploymentUpdate },
  'apps/DaemonSet': { create: validateDaemonSetCreate, update: validateDaemonSetUpdate },
  'discovery.k8s.io/EndpointSlice': { create: validateEndpointSliceCreate, update: validateEndpointSliceUpdate },
  'coordination.k8s.io/Lease': { create: validateLeaseCreate, update: validateLeaseUpdate },
};

function ipOptions(opts: ValidationOptions): SpecialIPOptions {
  return { allowLoopback: opts.allowLoopbackAddresses ?? true };
}

/** The ObjectMeta rules rest.BeforeCreate/BeforeUpdate apply to every kind (names need only fit a URL). */
function genericMeta(info: ResourceInfo, obj: KubeObject): ErrorList {
  return validateObjectMeta(obj.metadata ?? {}, info.namespaced, validatePathSegmentName, 'metadata', { kubeFinalizers: false });
}

export function validateCreate(info: ResourceInfo, obj: KubeObject, opts: ValidationOptions = {}): StatusCause[] {
  const safe = withMetadata(obj);
  const kind = VALIDATORS[`${info.group}/${info.kind}`];
  const errs = kind ? kind.create(safe, ipOptions(opts)) : [];
  // The kind's own messages are the more specific ones; generic checks run only if they passed.
  return errs.length ? errs : genericMeta(info, safe);
}

export function validateUpdate(info: ResourceInfo, obj: KubeObject, old: KubeObject, opts: ValidationOptions = {}): StatusCause[] {
  const next = withMetadata(obj);
  const prev = withMetadata(old);
  const kind = VALIDATORS[`${info.group}/${info.kind}`];
  return [
    ...genericMeta(info, next),
    ...validateObjectMetaUpdate(next.metadata, prev.metadata, 'metadata', { kubeFinalizers: false }),
    ...(kind ? kind.update(next, prev, ipOptions(opts)) : []),
  ];
}

function withMetadata(obj: KubeObject): KubeObject {
  return obj.metadata ? obj : { ...obj, metadata: {} };
}
