/**
 * The registry's pure processing steps, gathered in one place: decoding request bodies, defaulting,
 * validation, patching, and the selectors that filter lists and watches. Each step lives in its own
 * folder (decoding/, defaulting/, validation/, patch/, lib/api/selectors.ts); this file only adapts
 * them to the registry's requests.
 */
import type { ApiRequest } from '../../lib/api/request.js';
import { groupVersion, qualifiedResource, type ResourceInfo } from '../../lib/api/resources.js';
import {
  convertFieldSelector, formatLabelSelector, matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector,
  selectableFields, type LabelSelector,
} from '../../lib/api/selectors.js';
import type { KubeObject } from '../../lib/api/types.js';
import { BadRequestError, InvalidError } from '../../lib/errors.js';
import { decodeDeleteOptions, decodeObject, decodeSubresourceBody } from '../decoding/index.js';
import { applyDefaults } from '../defaulting/index.js';
import { applyPatch } from '../patch/index.js';
import { typeNameOf } from '../schema/type-map.js';
import { validateCreate as validateNew, validateUpdate as validateChange } from '../validation/index.js';
import type { DeleteOptions } from './deletion-plan.js';

export function decode(req: ApiRequest, info: ResourceInfo): { object: KubeObject; warnings: string[] } {
  const verb = req.verb === 'update' ? 'update' : 'create';
  return decodeObject({ body: req.body ?? '', contentType: req.contentType, expected: info, fieldValidation: req.query.fieldValidation, verb });
}

export function decodeSubresource(req: ApiRequest, apiVersion: string, kind: string): KubeObject {
  return decodeSubresourceBody({ body: req.body ?? '', contentType: req.contentType, apiVersion, kind, fieldValidation: req.query.fieldValidation }).object;
}

export function defaults(info: ResourceInfo, obj: KubeObject, operation: 'create' | 'update'): KubeObject {
  return applyDefaults(info, obj, operation);
}

export function validateCreate(info: ResourceInfo, obj: KubeObject): void {
  const causes = validateNew(info, obj);
  if (causes.length) throw new InvalidError(info.group, info.kind, obj.metadata.name ?? obj.metadata.generateName ?? '', causes);
}

export function validateUpdate(info: ResourceInfo, obj: KubeObject, old: KubeObject): void {
  const causes = validateChange(info, obj, old);
  if (causes.length) throw new InvalidError(info.group, info.kind, obj.metadata.name ?? '', causes);
}

/** Applies the request's patch document to the stored object. */
export function patch(req: ApiRequest, info: ResourceInfo, old: KubeObject): KubeObject {
  return patchAs(req, old, typeNameOf(groupVersion(info), info.kind)!);
}

export function patchAs(req: ApiRequest, original: KubeObject, typeName: string): KubeObject {
  return applyPatch(req.contentType ?? '', original, req.body ?? '', typeName);
}

/** DeleteOptions from the body, with the query parameters kubectl may use instead. */
export function deleteOptions(req: ApiRequest): DeleteOptions {
  const opts: DeleteOptions = req.body ? decodeDeleteOptions(req.body) : {};
  const q = req.query;
  if (q.gracePeriodSeconds !== undefined) opts.gracePeriodSeconds = Number(q.gracePeriodSeconds);
  if (q.propagationPolicy) opts.propagationPolicy = q.propagationPolicy as DeleteOptions['propagationPolicy'];
  if (q.dryRun) opts.dryRun = [q.dryRun];
  if (opts.gracePeriodSeconds !== undefined && !Number.isInteger(opts.gracePeriodSeconds)) {
    throw new BadRequestError(`invalid gracePeriodSeconds: ${q.gracePeriodSeconds ?? opts.gracePeriodSeconds}`);
  }
  // kube-apiserver's BeforeDelete accepts a negative grace period and treats it as 1 second (a bound
  // pod then terminates gracefully; an unbound one still goes at once).
  if (opts.gracePeriodSeconds !== undefined && opts.gracePeriodSeconds < 0) opts.gracePeriodSeconds = 1;
  return opts;
}

/** The label and field selectors of a list or watch, as one predicate (400 for malformed selectors). */
export function objectFilter(info: ResourceInfo, query: Record<string, string | undefined>): (obj: KubeObject) => boolean {
  const labels = query.labelSelector ? parseLabelSelector(query.labelSelector) : null;
  const qr = qualifiedResource(info);
  const fields = query.fieldSelector ? convertFieldSelector(qr, parseFieldSelector(query.fieldSelector)) : [];
  return (obj) => (!labels || matchesLabels(labels, obj.metadata.labels)) && (!fields.length || matchesFields(fields, selectableFields(qr, obj)));
}

export function selectorString(selector: LabelSelector | undefined): string {
  return formatLabelSelector(selector);
}
