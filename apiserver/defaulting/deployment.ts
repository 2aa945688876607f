/**
 * apps/v1 Deployment defaults (kubernetes pkg/apis/apps/v1 SetDefaults_Deployment): one replica, the
 * RollingUpdate strategy with maxUnavailable and maxSurge of 25%, ten old ReplicaSets kept, a progress
 * deadline of 600 s, and the pod template's PodSpec defaults.
 *
 * Interface: setDefaultsDeployment(obj) mutates `obj`.
 */
import { child, maybe, setDefault, type Obj } from './object-util.js';
import { setDefaultsTemplate } from './pod-spec.js';

export function setDefaultsDeployment(obj: Obj): void {
  const spec = child(obj, 'spec');
  setDefault(spec, 'replicas', 1);
  const strategy = child(spec, 'strategy');
  setDefault(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const rollingUpdate = maybe(strategy, 'rollingUpdate') ?? (strategy.rollingUpdate = {});
    setDefault(rollingUpdate, 'maxUnavailable', '25%');
    setDefault(rollingUpdate, 'maxSurge', '25%');
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  setDefault(spec, 'progressDeadlineSeconds', 600);
  setDefaultsTemplate(spec);
}
