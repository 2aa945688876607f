/**
 * Namespaces (core ValidateNamespace / ValidateNamespaceUpdate): cluster-scoped, named by a DNS-1123
 * label, and spec.finalizers qualified names (or one of Kubernetes' own). Go reports finalizer errors
 * at `spec.finalizers` without an index.
 */
import type { KubeObject } from '../../lib/api/types.js';
import { type ErrorList, invalid } from './field-errors.js';
import { validateLabelName } from './labels.js';
import { validateNamespaceName } from './names.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';

const STANDARD = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

function validateSpecFinalizers(ns: KubeObject): ErrorList {
  const errs: ErrorList = [];
  for (const f of Array.isArray(ns.spec?.finalizers) ? ns.spec.finalizers.map(String) : []) {
    errs.push(...validateLabelName(f, 'spec.finalizers'));
    if (!f.includes('/') && !STANDARD.has(f)) errs.push(invalid('spec.finalizers', f, 'name is neither a standard finalizer name nor is it fully qualified'));
  }
  return errs;
}

export function validateNamespaceCreate(ns: KubeObject): ErrorList {
  return [...validateObjectMeta(ns.metadata, false, validateNamespaceName, 'metadata', { kubeFinalizers: true }), ...validateSpecFinalizers(ns)];
}

export function validateNamespaceUpdate(ns: KubeObject, old: KubeObject): ErrorList {
  return [...validateNamespaceCreate(ns), ...validateObjectMetaUpdate(ns.metadata, old.metadata, 'metadata', { kubeFinalizers: true })];
}
