/**
 * v1 ReplicationController defaults (SetDefaults_ReplicationController plus the declarative replicas
 * default): one replica; when the template has labels, they become the selector if none is given and the
 * controller's own labels if it has none; and the template's PodSpec defaults. The template is optional
 * here (a pointer in Go), so an absent one stays absent.
 *
 * Interface: setDefaultsReplicationController(obj) mutates `obj`.
 */
import { child, maybe, setDefault, type Obj } from './object-util.js';
import { setDefaultsPodSpec } from './pod-spec.js';

const isEmpty = (m: unknown) => !m || typeof m !== 'object' || Object.keys(m).length === 0;

export function setDefaultsReplicationController(obj: Obj): void {
  const spec = child(obj, 'spec');
  const template = maybe(spec, 'template');
  const labels = maybe(maybe(template, 'metadata'), 'labels');
  if (labels) {
    if (isEmpty(spec.selector)) spec.selector = { ...labels };
    const metadata = child(obj, 'metadata');
    if (isEmpty(metadata.labels)) metadata.labels = { ...labels };
  }
  setDefault(spec, 'replicas', 1);
  if (template) setDefaultsPodSpec(child(template, 'spec'));
}
