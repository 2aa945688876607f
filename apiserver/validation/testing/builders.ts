/**
 * Test builders: valid, already-defaulted objects of every kind the validation tests use, and a
 * `withDefaults` that fills the v1 defaults a real apiserver sets before validating (the subset the
 * tutorial manifests need). Each builder takes an optional `edit` that mutates a fresh copy, so a
 * table row reads as "a valid pod, except ...".
 *
 * Test support only; the apiserver's own defaulting lives in apiserver/defaulting.
 */
import type { KubeObject } from '../../../lib/api/types.js';

type Edit = (o: any) => void;

function build(obj: KubeObject, edit?: Edit): KubeObject {
  const copy = structuredClone(obj);
  edit?.(copy);
  return copy;
}

export function container(name = 'nginx', image = 'nginxdemos/hello:plain-text'): Record<string, any> {
  return { name, image, imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', resources: {} };
}

export function podSpec(): Record<string, any> {
  return {
    containers: [container()],
    restartPolicy: 'Always',
    dnsPolicy: 'ClusterFirst',
    terminationGracePeriodSeconds: 30,
    schedulerName: 'default-scheduler',
    securityContext: {},
  };
}

export function pod(edit?: Edit): KubeObject {
  return build({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'hello', namespace: 'default' }, spec: podSpec() }, edit);
}

function template(labels: Record<string, string>): Record<string, any> {
  return { metadata: { labels }, spec: podSpec() };
}

export function replicaSet(edit?: Edit): KubeObject {
  return build({
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'hello', namespace: 'default' },
    spec: { replicas: 3, selector: { matchLabels: { app: 'hello' } }, template: template({ app: 'hello' }) },
  }, edit);
}

export function deployment(edit?: Edit): KubeObject {
  return build({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'hello', namespace: 'default' },
    spec: {
      replicas: 2, selector: { matchLabels: { app: 'hello' } }, template: template({ app: 'hello' }),
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: 10, progressDeadlineSeconds: 600,
    },
  }, edit);
}

export function daemonSet(edit?: Edit): KubeObject {
  return build({
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'agent' } }, template: template({ app: 'agent' }),
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, revisionHistoryLimit: 10,
    },
  }, edit);
}

export function replicationController(edit?: Edit): KubeObject {
  return build({
    apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'hello', namespace: 'default' },
    spec: { replicas: 1, selector: { app: 'hello' }, template: template({ app: 'hello' }) },
  }, edit);
}

export function service(edit?: Edit): KubeObject {
  return build({
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'hello', namespace: 'default' },
    spec: {
      type: 'ClusterIP', selector: { app: 'hello' }, sessionAffinity: 'None', internalTrafficPolicy: 'Cluster',
      ports: [{ name: 'http', protocol: 'TCP', port: 8080, targetPort: 80 }],
    },
  }, edit);
}

export function configMap(edit?: Edit): KubeObject {
  return build({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default' }, data: { 'app.conf': 'x=1' } }, edit);
}

export function namespace(edit?: Edit): KubeObject {
  return build({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' }, spec: { finalizers: ['kubernetes'] } }, edit);
}

export function node(edit?: Edit): KubeObject {
  return build({
    apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' }, spec: { podCIDRs: ['127.244.1.0/24'] },
    status: { capacity: { cpu: '2', memory: '4Gi', pods: '110' }, addresses: [{ type: 'InternalIP', address: '127.0.1.1' }] },
  }, edit);
}

export function endpoints(edit?: Edit): KubeObject {
  return build({
    apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'hello', namespace: 'default' },
    subsets: [{ addresses: [{ ip: '10.244.1.5', nodeName: 'node-1' }], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }],
  }, edit);
}

export function endpointSlice(edit?: Edit): KubeObject {
  return build({
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'hello-abcde', namespace: 'default' },
    addressType: 'IPv4',
    endpoints: [{ addresses: ['10.244.1.5'], conditions: { ready: true }, nodeName: 'node-1' }],
    ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
  }, edit);
}

export function event(edit?: Edit): KubeObject {
  return build({
    apiVersion: 'v1', kind: 'Event', metadata: { name: 'hello.17a', namespace: 'default' },
    involvedObject: { kind: 'Pod', name: 'hello', namespace: 'default' }, reason: 'Scheduled', message: 'assigned', type: 'Normal',
  }, edit);
}

export function lease(edit?: Edit): KubeObject {
  return build({
    apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'kube-scheduler', namespace: 'kube-system' },
    spec: { holderIdentity: 'scheduler-1', leaseDurationSeconds: 15, leaseTransitions: 0 },
  }, edit);
}

/** The stored form an update starts from: what the registry added on create. */
export function stored(obj: KubeObject, rv = '7'): KubeObject {
  return build(obj, (o) => {
    o.metadata.uid = 'uid-1';
    o.metadata.resourceVersion = rv;
    o.metadata.creationTimestamp = '2025-01-01T00:00:00Z';
  });
}
