/**
 * pods/binding: how the scheduler assigns a pod to a node. The pod gets spec.nodeName and the
 * PodScheduled condition in one write; a pod that is already bound, or being deleted, cannot be bound.
 */
import type { KubeObject } from '../../lib/api/types.js';
import { BadRequestError, ConflictError } from '../../lib/errors.js';
import type { SubresourceHandler } from '../registry/admission.js';
import { rfc3339 } from '../registry/object-meta.js';
import * as pipeline from '../registry/pipeline.js';

const BINDING = { group: '', resource: 'pods/binding' };

export const bindPod: SubresourceHandler = async (req, info, registry) => {
  if (req.verb !== 'create') throw new BadRequestError('binding only supports create');
  const binding = pipeline.decodeSubresource(req, 'v1', 'Binding');
  const node = binding.target?.name;
  const name = req.name!;
  if (binding.metadata?.name && binding.metadata.name !== name) {
    throw new BadRequestError(`name in URL does not match name in Binding object`);
  }
  if (!node) throw new BadRequestError('binding target name is required');
  await registry.updateWith(req, info, (pod) => {
    if (pod.metadata.deletionTimestamp) throw new ConflictError(BINDING, name, `pod ${name} is being deleted, cannot be assigned to a host`);
    if (pod.spec.nodeName) throw new ConflictError(BINDING, name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
    return bound(pod, node, new Date());
  });
  return { code: 201, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } };
};

export function bound(pod: KubeObject, node: string, now: Date): KubeObject {
  const conditions = (pod.status?.conditions ?? []).filter((c: { type: string }) => c.type !== 'PodScheduled');
  conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(now) });
  return { ...pod, spec: { ...pod.spec, nodeName: node }, status: { ...pod.status, conditions } };
}
