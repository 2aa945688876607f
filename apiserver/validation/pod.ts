/**
 * Pods (core ValidatePodCreate and the metadata/spec part shared with updates): ObjectMeta with a
 * DNS-1123 subdomain name, the mirror-pod annotation rule, the PodSpec, pod-only container checks;
 * on create no ephemeral containers and no nodeName while scheduling gates remain.
 */
import type { KubeObject } from '../../lib/api/types.js';
import { type ErrorList, child, forbidden, invalid, key } from './field-errors.js';
import { validateContainersOnlyForPod } from './containers.js';
import { nameIsDNSSubdomain } from './names.js';
import { validateObjectMeta } from './object-meta.js';
import { validatePodSpec } from './pod-spec.js';

export const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

function validatePodSpecificAnnotations(annotations: Record<string, any> | undefined, spec: Record<string, any>, field: string): ErrorList {
  const mirror = annotations?.[MIRROR_POD_ANNOTATION];
  if (mirror !== undefined && !spec.nodeName) {
    return [invalid(key(field, MIRROR_POD_ANNOTATION), String(mirror), 'must set spec.nodeName if mirror pod annotation is set')];
  }
  return [];
}

export function validatePodMetadataAndSpec(pod: KubeObject): ErrorList {
  const spec = pod.spec ?? {};
  const errs = validateObjectMeta(pod.metadata, true, nameIsDNSSubdomain, 'metadata', { kubeFinalizers: true });
  errs.push(...validatePodSpecificAnnotations(pod.metadata.annotations, spec, child('metadata', 'annotations')));
  errs.push(...validatePodSpec(spec, 'spec', { resourceIsPod: true }));
  if (!spec.serviceAccountName) {
    (Array.isArray(spec.volumes) ? spec.volumes : []).forEach((v: Record<string, any>, vi: number) => {
      (Array.isArray(v?.projected?.sources) ? v.projected.sources : []).forEach((s: Record<string, any>, si: number) => {
        if (s?.serviceAccountToken) {
          errs.push(forbidden(`spec.volumes[${vi}].projected.sources[${si}].serviceAccountToken`, 'must not be specified when serviceAccountName is not set'));
        }
      });
    });
  }
  errs.push(...validateContainersOnlyForPod(spec.containers, 'spec.containers'));
  errs.push(...validateContainersOnlyForPod(spec.initContainers, 'spec.initContainers'));
  return errs;
}

export function validatePodCreate(pod: KubeObject): ErrorList {
  const spec = pod.spec ?? {};
  const errs = validatePodMetadataAndSpec(pod);
  if (Array.isArray(spec.ephemeralContainers) && spec.ephemeralContainers.length > 0) {
    errs.push(forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  }
  if (spec.nodeName && Array.isArray(spec.schedulingGates) && spec.schedulingGates.length > 0) {
    errs.push(forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}
