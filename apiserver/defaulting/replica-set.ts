/**
 * apps/v1 ReplicaSet defaults (SetDefaults_ReplicaSet): one replica, and the pod template's PodSpec
 * defaults.
 *
 * Interface: setDefaultsReplicaSet(obj) mutates `obj`.
 */
import { child, setDefault, type Obj } from './object-util.js';
import { setDefaultsTemplate } from './pod-spec.js';

export function setDefaultsReplicaSet(obj: Obj): void {
  const spec = child(obj, 'spec');
  setDefault(spec, 'replicas', 1);
  setDefaultsTemplate(spec);
}
