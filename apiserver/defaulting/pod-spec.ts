/**
 * The defaults every PodSpec gets, in a Pod and in any pod template (Deployment, ReplicaSet, DaemonSet,
 * ReplicationController): kubernetes pkg/apis/core/v1 SetDefaults_PodSpec, _Container, _Probe,
 * _HTTPGetAction, _ObjectFieldSelector, _Volume and the volume-source defaulters, plus the declarative
 * ones (container port protocol TCP, gRPC probe service "").
 *
 * Pod-only defaults (enableServiceLinks, requests from limits) are in pod.ts: kube-apiserver applies them
 * to Pods and not to templates, so a Deployment's template does not show them.
 *
 * Interface: setDefaultsPodSpec(spec) mutates `spec` in place.
 */
import { defaultPullPolicy } from './image.js';
import { child, items, maybe, setDefault, type Obj } from './object-util.js';
import { roundUpResourceList } from './resource-list.js';

/** File mode 0644, the default for secret, configMap, downwardAPI and projected volumes. */
const DEFAULT_VOLUME_MODE = 420;

function setDefaultsHTTPGet(action: Obj | undefined): void {
  if (!action) return;
  setDefault(action, 'path', '/');
  setDefault(action, 'scheme', 'HTTP');
}

function setDefaultsProbe(probe: Obj | undefined): void {
  if (!probe) return;
  for (const [field, value] of [['timeoutSeconds', 1], ['periodSeconds', 10], ['successThreshold', 1], ['failureThreshold', 3]] as const) {
    if (!probe[field]) probe[field] = value;
  }
  setDefaultsHTTPGet(maybe(probe, 'httpGet'));
  const grpc = maybe(probe, 'grpc');
  if (grpc && grpc.service === undefined) grpc.service = '';
}

function setDefaultsFieldRef(ref: Obj | undefined): void {
  if (ref) setDefault(ref, 'apiVersion', 'v1');
}

function setDefaultsResources(container: Obj): void {
  const resources = child(container, 'resources');
  for (const key of ['limits', 'requests']) {
    const list = maybe(resources, key);
    if (list) resources[key] = roundUpResourceList(list);
  }
}

export function setDefaultsContainer(c: Obj): void {
  setDefault(c, 'imagePullPolicy', defaultPullPolicy(typeof c.image === 'string' ? c.image : ''));
  setDefault(c, 'terminationMessagePath', '/dev/termination-log');
  setDefault(c, 'terminationMessagePolicy', 'File');
  setDefaultsResources(c);
  for (const port of items(c, 'ports')) setDefault(port, 'protocol', 'TCP');
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) setDefaultsProbe(maybe(c, probe));
  const lifecycle = maybe(c, 'lifecycle');
  for (const hook of ['postStart', 'preStop']) setDefaultsHTTPGet(maybe(maybe(lifecycle, hook), 'httpGet'));
  for (const env of items(c, 'env')) setDefaultsFieldRef(maybe(maybe(env, 'valueFrom'), 'fieldRef'));
}

function setDefaultsDownwardItems(source: Obj | undefined): void {
  for (const item of items(source, 'items')) setDefaultsFieldRef(maybe(item, 'fieldRef'));
}

function setDefaultsProjected(projected: Obj): void {
  setDefault(projected, 'defaultMode', DEFAULT_VOLUME_MODE);
  for (const source of items(projected, 'sources')) {
    setDefaultsDownwardItems(maybe(source, 'downwardAPI'));
    const token = maybe(source, 'serviceAccountToken');
    if (token) setDefault(token, 'expirationSeconds', 3600);
  }
}

export function setDefaultsVolume(v: Obj): void {
  // A volume naming no source at all is an emptyDir.
  if (Object.keys(v).every((k) => k === 'name')) v.emptyDir = {};
  for (const kind of ['secret', 'configMap', 'downwardAPI']) {
    const source = maybe(v, kind);
    if (source) setDefault(source, 'defaultMode', DEFAULT_VOLUME_MODE);
  }
  setDefaultsDownwardItems(maybe(v, 'downwardAPI'));
  const projected = maybe(v, 'projected');
  if (projected) setDefaultsProjected(projected);
  const hostPath = maybe(v, 'hostPath');
  if (hostPath && hostPath.type === undefined) hostPath.type = '';
}

export function setDefaultsPodSpec(spec: Obj): void {
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'restartPolicy', 'Always');
  child(spec, 'securityContext');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'schedulerName', 'default-scheduler');
  for (const list of ['containers', 'initContainers', 'ephemeralContainers']) {
    for (const c of items(spec, list)) setDefaultsContainer(c);
  }
  for (const v of items(spec, 'volumes')) setDefaultsVolume(v);
  const overhead = maybe(spec, 'overhead');
  if (overhead) spec.overhead = roundUpResourceList(overhead);
}

/** The defaults of a workload's `spec.template.spec`, creating the template objects Go always has. */
export function setDefaultsTemplate(workloadSpec: Obj): void {
  const template = child(workloadSpec, 'template');
  setDefaultsPodSpec(child(template, 'spec'));
}
