/**
 * apps/v1 DaemonSet defaults (SetDefaults_DaemonSet): the RollingUpdate update strategy replacing one
 * pod at a time (maxUnavailable 1, maxSurge 0, as integers), ten old revisions kept, and the pod
 * template's PodSpec defaults.
 *
 * Interface: setDefaultsDaemonSet(obj) mutates `obj`.
 */
import { child, maybe, setDefault, type Obj } from './object-util.js';
import { setDefaultsTemplate } from './pod-spec.js';

export function setDefaultsDaemonSet(obj: Obj): void {
  const spec = child(obj, 'spec');
  const strategy = child(spec, 'updateStrategy');
  setDefault(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const rollingUpdate = maybe(strategy, 'rollingUpdate') ?? (strategy.rollingUpdate = {});
    setDefault(rollingUpdate, 'maxUnavailable', 1);
    setDefault(rollingUpdate, 'maxSurge', 0);
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  setDefaultsTemplate(spec);
}
