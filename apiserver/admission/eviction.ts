/**
 * pods/eviction: how `kubectl drain` removes a pod. A POST of a policy/v1 Eviction deletes the pod
 * gracefully with the Eviction's own deleteOptions (grace period, preconditions, dryRun) and answers
 * 201 with a Success Status, as kube-apiserver's eviction REST does.
 *
 * Invariant: kubelab serves no PodDisruptionBudgets, so no eviction is ever refused with 429; every
 * refusal is one the plain DELETE would give too (404, 409 on a failed precondition).
 */
import type { ApiRequest } from '../../lib/api/request.js';
import type { KubeObject } from '../../lib/api/types.js';
import { BadRequestError } from '../../lib/errors.js';
import type { SubresourceHandler } from '../registry/admission.js';
import * as pipeline from '../registry/pipeline.js';

/** The plain DELETE of the pod that an Eviction stands for (pure). */
export function evictionDelete(req: ApiRequest, eviction: KubeObject): ApiRequest {
  if (eviction.metadata?.name && eviction.metadata.name !== req.name) {
    throw new BadRequestError('name in URL does not match name in Eviction object');
  }
  const options = eviction.deleteOptions as Record<string, unknown> | undefined;
  // The Eviction's deleteOptions replace the request's body; query parameters such as dryRun still
  // apply to the deletion, as they would to the POST itself.
  const body = options ? JSON.stringify({ ...options, kind: 'DeleteOptions', apiVersion: 'v1' }) : undefined;
  const { subresource: _subresource, contentType: _contentType, ...rest } = req;
  return { ...rest, verb: 'delete', ...(body ? { body, contentType: 'application/json' } : { body: undefined }) };
}

export const evictPod: SubresourceHandler = async (req, _info, registry) => {
  if (req.verb !== 'create') throw new BadRequestError('eviction only supports create');
  const eviction = pipeline.decodeSubresource(req, 'policy/v1', 'Eviction');
  await registry.handle(evictionDelete(req, eviction));
  return { code: 201, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } };
};
