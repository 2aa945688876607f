/**
 * v1 Namespace defaults: the label kubernetes.io/metadata.name = name (SetDefaults_Namespace), status
 * phase Active (SetDefaults_NamespaceStatus), and on create what the Namespace strategy adds: the
 * "kubernetes" finalizer, which the namespace controller removes once the namespace's content is gone.
 *
 * Interface: setDefaultsNamespace(obj, operation) mutates `obj`.
 */
import { child, setDefault, type Obj } from './object-util.js';

export const LABEL_METADATA_NAME = 'kubernetes.io/metadata.name';

export function setDefaultsNamespace(obj: Obj, operation: 'create' | 'update'): void {
  const metadata = child(obj, 'metadata');
  if (typeof metadata.name === 'string' && metadata.name) child(metadata, 'labels')[LABEL_METADATA_NAME] = metadata.name;
  if (operation === 'create') {
    const spec = child(obj, 'spec');
    const finalizers: unknown[] = Array.isArray(spec.finalizers) ? spec.finalizers : [];
    if (!finalizers.includes('kubernetes')) spec.finalizers = [...finalizers, 'kubernetes'];
  }
  setDefault(child(obj, 'status'), 'phase', 'Active');
}
