/**
 * Pod templates inside workloads (core ValidatePodTemplateSpec, apps ValidatePodTemplateSpecForReplicaSet,
 * core ValidatePodTemplateSpecForRC): template labels and annotations, the PodSpec, no ephemeral
 * containers; for controllers, the selector must select the template's labels, restartPolicy must be
 * Always and activeDeadlineSeconds is not supported.
 */
import { type ErrorList, child, forbidden, invalid, notSupported, required } from './field-errors.js';
import { goStringMap } from './go-format.js';
import { type Selector, selectorMatches, validateLabels } from './labels.js';
import { validateAnnotations } from './object-meta.js';
import { validatePodSpec } from './pod-spec.js';

type Template = Record<string, any>;

export function validatePodTemplateSpec(template: Template, field: string): ErrorList {
  const meta = template.metadata ?? {};
  const errs: ErrorList = [];
  errs.push(...validateLabels(meta.labels, child(field, 'labels')));
  errs.push(...validateAnnotations(meta.annotations, child(field, 'annotations')));
  errs.push(...validatePodSpec(template.spec ?? {}, child(field, 'spec'), { resourceIsPod: false }));
  if (Array.isArray(template.spec?.ephemeralContainers) && template.spec.ephemeralContainers.length > 0) {
    errs.push(forbidden(child(field, 'spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  }
  return errs;
}

/**
 * What ReplicaSets and Deployments (ownerKind "ReplicaSet"), DaemonSets and ReplicationControllers
 * require of their template. A selector that selects everything (empty) skips the label check; a nil
 * selector selects nothing, so it never matches.
 */
export function validateControllerTemplate(template: Template | undefined, selector: Selector, field: string, ownerKind: string): ErrorList {
  if (!template) return [required(field)];
  const errs: ErrorList = [];
  const labels = template.metadata?.labels;
  const checks = !(selector.kind === 'selector' && selector.empty);
  if (checks && !selectorMatches(selector, labels)) {
    errs.push(invalid(child(field, 'metadata', 'labels'), goStringMap(labels), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(template, field));
  errs.push(...restartAndDeadline(template.spec ?? {}, child(field, 'spec'), ownerKind));
  return errs;
}

export function restartAndDeadline(spec: Template, field: string, ownerKind: string): ErrorList {
  const errs: ErrorList = [];
  if (spec.restartPolicy !== 'Always') {
    errs.push(notSupported(child(field, 'restartPolicy'), String(spec.restartPolicy ?? ''), ['Always']));
  }
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null) {
    errs.push(forbidden(child(field, 'activeDeadlineSeconds'), `activeDeadlineSeconds in ${ownerKind} is not Supported`));
  }
  return errs;
}
