/**
 * ObjectMeta rules shared by every kind (apimachinery `pkg/api/validation/objectmeta.go`, plus the
 * finalizer-name check core's `ValidateObjectMeta` adds):
 *
 *   create: generateName and name checked by the kind's name function, name required, namespace
 *           required (namespaced kinds, a DNS-1123 label) or forbidden (cluster-scoped), generation
 *           non-negative, labels, annotations (keys and the 256 KiB total), ownerReferences, finalizers;
 *   update: the same labels/annotations/ownerReferences checks, plus resourceVersion present,
 *           generation not decremented, and name, namespace, uid, creationTimestamp, deletionTimestamp
 *           and deletionGracePeriodSeconds unchanged; no new finalizers once deletion has started.
 *
 * Errors come back in the order Go appends them, so a bad name is always the first cause.
 */
import type { ObjectMeta } from '../../lib/api/types.js';
import { type ErrorList, child, forbidden, index, invalid, required, tooLong } from './field-errors.js';
import { GoLiteral, goOwnerReference, goSlice } from './go-format.js';
import { validateLabelName, validateLabels } from './labels.js';
import { type NameFn, byteLength, isQualifiedName, validateNamespaceName } from './names.js';

export const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * 1024;

export interface MetaOptions {
  /** core's ValidateObjectMeta also insists unqualified finalizers be standard ones. */
  kubeFinalizers: boolean;
}

export function validateAnnotations(annotations: Record<string, unknown> | null | undefined, field: string): ErrorList {
  const errs: ErrorList = [];
  const keys = Object.keys(annotations ?? {}).sort();
  let total = 0;
  for (const k of keys) {
    // Case does not matter in annotation keys, so Go lower-cases before checking (and prints the original).
    errs.push(...isQualifiedName(k.toLowerCase()).map((m) => invalid(field, k, m)));
    total += byteLength(k) + byteLength(String(annotations![k] ?? ''));
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT_B) errs.push(tooLong(field, TOTAL_ANNOTATION_SIZE_LIMIT_B));
  return errs;
}

function validateOwnerReference(ref: Record<string, any>, field: string): ErrorList {
  const errs: ErrorList = [];
  const apiVersion = String(ref.apiVersion ?? '');
  const version = apiVersion.includes('/') ? apiVersion.split('/').slice(1).join('/') : apiVersion;
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0]! : '';
  if (!version) errs.push(invalid(child(field, 'apiVersion'), apiVersion, 'version must not be empty'));
  if (!ref.kind) errs.push(invalid(child(field, 'kind'), String(ref.kind ?? ''), 'kind must not be empty'));
  if (!ref.name) errs.push(invalid(child(field, 'name'), String(ref.name ?? ''), 'name must not be empty'));
  if (!ref.uid) errs.push(invalid(child(field, 'uid'), String(ref.uid ?? ''), 'uid must not be empty'));
  // Events may not own anything: the garbage collector would delete dependents with the event.
  if (group === '' && version === 'v1' && ref.kind === 'Event') {
    errs.push(invalid(field, goOwnerReference(ref), '/v1, Kind=Event is disallowed from being an owner'));
  }
  return errs;
}

export function validateOwnerReferences(refs: unknown, field: string): ErrorList {
  const list: Record<string, any>[] = Array.isArray(refs) ? refs : [];
  const errs: ErrorList = [];
  let firstController = '';
  for (const ref of list) {
    errs.push(...validateOwnerReference(ref ?? {}, field));
    if (ref?.controller === true) {
      const cur = `${ref.kind}/${ref.name}`;
      if (firstController) {
        const all = goSlice(list, '[]v1.OwnerReference', (r) => goOwnerReference(r ?? {}).text);
        errs.push(invalid(field, all, `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${cur}`));
      } else {
        firstController = cur;
      }
    }
  }
  return errs;
}

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

export function validateFinalizers(finalizers: unknown, field: string, opts: MetaOptions): ErrorList {
  const list: string[] = Array.isArray(finalizers) ? finalizers.map(String) : [];
  const errs: ErrorList = [];
  for (const f of list) errs.push(...validateLabelName(f, field));
  if (list.includes('orphan') && list.includes('foregroundDeletion')) {
    errs.push(invalid(field, goSlice(list, '[]string'), 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  if (opts.kubeFinalizers) errs.push(...validateKubeFinalizerNames(list, field));
  return errs;
}

/** core's extra rule: an unqualified finalizer must be one Kubernetes itself defines. */
function validateKubeFinalizerNames(list: string[], field: string): ErrorList {
  const errs: ErrorList = [];
  list.forEach((f, i) => {
    if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) {
      errs.push(invalid(index(field, i), f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  });
  return errs;
}

export function validateObjectMeta(meta: ObjectMeta, requiresNamespace: boolean, nameFn: NameFn, field: string, opts: MetaOptions): ErrorList {
  const errs: ErrorList = [];
  if (meta.generateName) {
    errs.push(...nameFn(meta.generateName, true).map((m) => invalid(child(field, 'generateName'), meta.generateName!, m)));
  }
  if (!meta.name) errs.push(required(child(field, 'name'), 'name or generateName is required'));
  else errs.push(...nameFn(meta.name, false).map((m) => invalid(child(field, 'name'), meta.name!, m)));
  errs.push(...validateNamespaceField(meta.namespace, requiresNamespace, child(field, 'namespace')));
  if (typeof meta.generation === 'number' && meta.generation < 0) {
    errs.push(invalid(child(field, 'generation'), meta.generation, 'must be greater than or equal to 0'));
  }
  errs.push(...validateLabels(meta.labels, child(field, 'labels')));
  errs.push(...validateAnnotations(meta.annotations, child(field, 'annotations')));
  errs.push(...validateOwnerReferences(meta.ownerReferences, child(field, 'ownerReferences')));
  errs.push(...validateFinalizers(meta.finalizers, child(field, 'finalizers'), opts));
  return errs;
}

function validateNamespaceField(ns: string | undefined, requiresNamespace: boolean, field: string): ErrorList {
  if (!requiresNamespace) return ns ? [forbidden(field, 'not allowed on this type')] : [];
  if (!ns) return [required(field)];
  return validateNamespaceName(ns, false).map((m) => invalid(field, ns, m));
}

// Timestamps are metav1.Time values: ErrorBody prints them through their String() method.
function timeValue(t: unknown): string | GoLiteral {
  if (t === null || t === undefined || t === '') return new GoLiteral('0001-01-01 00:00:00 +0000 UTC');
  const d = new Date(String(t));
  if (Number.isNaN(d.getTime())) return String(t);
  return new GoLiteral(d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0000 UTC'));
}

function immutable(next: unknown, old: unknown, field: string, value: string | number | GoLiteral | null): ErrorList {
  const same = (next ?? null) === (old ?? null) || String(next ?? '') === String(old ?? '');
  return same ? [] : [invalid(field, value, 'field is immutable')];
}

export function validateObjectMetaUpdate(next: ObjectMeta, old: ObjectMeta, field: string, opts: MetaOptions): ErrorList {
  const errs: ErrorList = [];
  if (old.deletionTimestamp) {
    const added = (next.finalizers ?? []).filter((f) => !(old.finalizers ?? []).includes(f));
    const extra = [...new Set(added)].sort();
    if (extra.length) {
      errs.push(forbidden(child(field, 'finalizers'), `no new finalizers can be added if the object is being deleted, found new finalizers ${goSlice(extra, '[]string').text}`));
    }
  }
  if (!next.resourceVersion) errs.push(invalid(child(field, 'resourceVersion'), next.resourceVersion ?? '', 'must be specified for an update'));
  if ((next.generation ?? 0) < (old.generation ?? 0)) {
    errs.push(invalid(child(field, 'generation'), next.generation ?? 0, 'must not be decremented'));
  }
  errs.push(...immutable(next.name, old.name, child(field, 'name'), next.name ?? ''));
  errs.push(...immutable(next.namespace, old.namespace, child(field, 'namespace'), next.namespace ?? ''));
  errs.push(...immutable(next.uid, old.uid, child(field, 'uid'), next.uid ?? ''));
  errs.push(...immutable(next.creationTimestamp, old.creationTimestamp, child(field, 'creationTimestamp'), timeValue(next.creationTimestamp)));
  errs.push(...immutable(next.deletionTimestamp, old.deletionTimestamp, child(field, 'deletionTimestamp'), next.deletionTimestamp ? timeValue(next.deletionTimestamp) : null));
  errs.push(...immutable(next.deletionGracePeriodSeconds, old.deletionGracePeriodSeconds, child(field, 'deletionGracePeriodSeconds'), next.deletionGracePeriodSeconds ?? null));
  errs.push(...validateLabels(next.labels, child(field, 'labels')));
  errs.push(...validateAnnotations(next.annotations, child(field, 'annotations')));
  errs.push(...validateOwnerReferences(next.ownerReferences, child(field, 'ownerReferences')));
  if (opts.kubeFinalizers) errs.push(...validateKubeFinalizerNames((next.finalizers ?? []).map(String), child(field, 'finalizers')));
  return errs;
}

