/**
 * The scale subresource (autoscaling/v1 Scale) of Deployments, ReplicaSets and ReplicationControllers:
 * `kubectl scale` reads and writes only spec.replicas through it.
 */
import type { ResourceInfo } from '../../lib/api/resources.js';
import type { KubeObject } from '../../lib/api/types.js';
import { ConflictError, InvalidError, MethodNotAllowedError } from '../../lib/errors.js';
import type { SubresourceHandler } from '../registry/admission.js';
import * as pipeline from '../registry/pipeline.js';

export function toScale(obj: KubeObject): KubeObject {
  const m = obj.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: obj.spec?.replicas ?? 0 },
    status: { replicas: obj.status?.replicas ?? 0, selector: pipeline.selectorString(obj.spec?.selector) },
  };
}

export const scaleHandler: SubresourceHandler = async (req, info, registry) => {
  const current = await registry.getObject(info, req.namespace, req.name!);
  if (req.verb === 'get') return { code: 200, body: toScale(current) };
  let desired: KubeObject;
  if (req.verb === 'update') desired = pipeline.decodeSubresource(req, 'autoscaling/v1', 'Scale');
  else if (req.verb === 'patch') desired = pipeline.patchAs(req, toScale(current), 'V1Scale');
  else throw new MethodNotAllowedError();
  const replicas = desired.spec?.replicas;
  checkReplicas(info, req.name!, replicas);
  const userRv = desired.metadata?.resourceVersion;
  if (userRv && userRv !== current.metadata.resourceVersion && req.verb === 'patch') throw new ConflictError(info, req.name!);
  const updated = await registry.updateWith(req, info, (obj) => ({ ...obj, spec: { ...obj.spec, replicas } }), userRv);
  return { code: 200, body: toScale(updated) };
};

function checkReplicas(info: ResourceInfo, name: string, replicas: unknown): void {
  if (typeof replicas === 'number' && Number.isInteger(replicas) && replicas >= 0) return;
  const message = typeof replicas === 'number' ? `Invalid value: ${replicas}: must be greater than or equal to 0` : 'Required value';
  void info;
  throw new InvalidError('autoscaling', 'Scale', name, [{ reason: typeof replicas === 'number' ? 'FieldValueInvalid' : 'FieldValueRequired', field: 'spec.replicas', message }]);
}
