import { describe, expect, it } from 'vitest';
import { RESOURCES, type ResourceInfo } from '../../lib/api/resources.js';
import type { KubeObject } from '../../lib/api/types.js';
import { applyDefaults } from './index.js';

const info = (kind: string): ResourceInfo => RESOURCES.find((r) => r.kind === kind)!;
const make = (kind: string, body: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: info(kind).group ? `${info(kind).group}/v1` : 'v1', kind, metadata: { name: 'x' }, ...body,
});
const template = { metadata: { labels: { app: 'hello' } }, spec: { containers: [{ name: 'nginx', image: 'nginxdemos/hello:plain-text', ports: [{ containerPort: 80 }] }] } };
const defaultedContainer = {
  name: 'nginx', image: 'nginxdemos/hello:plain-text', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: {},
  imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
};
const defaultedTemplateSpec = {
  containers: [defaultedContainer], restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', securityContext: {},
  terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler',
};

describe('workload defaults', () => {
  it('Deployment: replicas, RollingUpdate 25%/25%, history, deadline and the template (without Pod-only fields)', () => {
    const { spec } = applyDefaults(info('Deployment'), make('Deployment', { spec: { selector: { matchLabels: { app: 'hello' } }, template } }));
    expect(spec).toEqual({
      selector: { matchLabels: { app: 'hello' } }, replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      template: { metadata: { labels: { app: 'hello' } }, spec: defaultedTemplateSpec },
    });
  });

  it.each([
    [{ type: 'Recreate' }, { type: 'Recreate' }],
    [{ rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }],
  ])('Deployment keeps a given strategy %j', (strategy, expected) => {
    expect(applyDefaults(info('Deployment'), make('Deployment', { spec: { strategy, replicas: 0, template } })).spec)
      .toMatchObject({ strategy: expected, replicas: 0 });
  });

  it('ReplicaSet: one replica and the template', () => {
    const { spec } = applyDefaults(info('ReplicaSet'), make('ReplicaSet', { spec: { replicas: 3, template } }));
    expect(spec).toEqual({ replicas: 3, template: { metadata: template.metadata, spec: defaultedTemplateSpec } });
    expect(applyDefaults(info('ReplicaSet'), make('ReplicaSet', { spec: { template } })).spec.replicas).toBe(1);
  });

  it('DaemonSet: RollingUpdate one at a time with integer bounds, and history', () => {
    const { spec } = applyDefaults(info('DaemonSet'), make('DaemonSet', { spec: { template } }));
    expect(spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(spec.revisionHistoryLimit).toBe(10);
    expect(spec.template.spec).toEqual(defaultedTemplateSpec);
  });

  it('ReplicationController: selector and labels from the template, one replica', () => {
    const rc = applyDefaults(info('ReplicationController'), make('ReplicationController', { spec: { template } }));
    expect(rc.spec.selector).toEqual({ app: 'hello' });
    expect(rc.metadata.labels).toEqual({ app: 'hello' });
    expect(rc.spec.replicas).toBe(1);
    const own = applyDefaults(info('ReplicationController'), make('ReplicationController', { metadata: { name: 'x', labels: { tier: 'web' } }, spec: { selector: { app: 'other' }, template } }));
    expect([own.spec.selector, own.metadata.labels]).toEqual([{ app: 'other' }, { tier: 'web' }]);
  });
});

describe('Service defaults', () => {
  const svc = (spec: Record<string, unknown>) => make('Service', { spec: { selector: { app: 'hello' }, ...spec } });
  it('ClusterIP: type, affinity, port protocol and targetPort, traffic policy, IP families', () => {
    const { spec } = applyDefaults(info('Service'), svc({ ports: [{ port: 8080 }, { port: 53, protocol: 'UDP', targetPort: 'dns' }] }));
    expect(spec).toEqual({
      selector: { app: 'hello' }, type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'],
      ports: [{ port: 8080, protocol: 'TCP', targetPort: 8080 }, { port: 53, protocol: 'UDP', targetPort: 'dns' }],
    });
  });

  it.each([
    ['NodePort', { externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster' }],
    ['LoadBalancer', { externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true }],
  ])('%s also gets the external traffic policy', (type, expected) => {
    expect(applyDefaults(info('Service'), svc({ type, ports: [{ port: 80, targetPort: 0 }] })).spec).toMatchObject({ ...expected, ports: [{ port: 80, targetPort: 80 }] });
  });

  it('ExternalName gets neither traffic policies nor IP families', () => {
    const { spec } = applyDefaults(info('Service'), make('Service', { spec: { type: 'ExternalName', externalName: 'example.com' } }));
    expect(spec).toEqual({ type: 'ExternalName', externalName: 'example.com', sessionAffinity: 'None' });
  });

  it('ClientIP affinity gets the 3 h timeout', () => {
    expect(applyDefaults(info('Service'), svc({ sessionAffinity: 'ClientIP' })).spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
  });
});

describe('other kinds', () => {
  it('Namespace: name label, kubernetes finalizer on create, Active phase', () => {
    expect(applyDefaults(info('Namespace'), make('Namespace', { metadata: { name: 'demo', labels: { team: 'a' } } }))).toEqual({
      apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo', labels: { team: 'a', 'kubernetes.io/metadata.name': 'demo' } },
      spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' },
    });
    const updated = applyDefaults(info('Namespace'), make('Namespace', { metadata: { name: 'demo' }, spec: { finalizers: [] }, status: { phase: 'Terminating' } }), 'update');
    expect([updated.spec.finalizers, updated.status.phase]).toEqual([[], 'Terminating']);
  });

  it('Node: allocatable defaults to capacity', () => {
    const node = applyDefaults(info('Node'), make('Node', { status: { capacity: { cpu: '2', memory: '4Gi', pods: '110' } } }));
    expect(node.status.allocatable).toEqual({ cpu: '2', memory: '4Gi', pods: '110' });
    expect(applyDefaults(info('Node'), make('Node', { status: { capacity: { cpu: '2' }, allocatable: { cpu: '1500m' } } })).status.allocatable).toEqual({ cpu: '1500m' });
  });

  it('Endpoints and EndpointSlice ports default to TCP', () => {
    const ep = applyDefaults(info('Endpoints'), make('Endpoints', { subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }] }));
    expect(ep.subsets[0].ports).toEqual([{ port: 80, protocol: 'TCP' }]);
    const slice = applyDefaults(info('EndpointSlice'), make('EndpointSlice', { addressType: 'IPv4', endpoints: [], ports: [{ port: 80 }, { name: 'http', port: 8080, protocol: 'TCP' }] }));
    expect(slice.ports).toEqual([{ port: 80, name: '', protocol: 'TCP' }, { name: 'http', port: 8080, protocol: 'TCP' }]);
  });

  it.each(['Event', 'ConfigMap', 'Lease'])('%s has no defaulter and comes back equal but not the same object', (kind) => {
    const obj = make(kind, { data: { a: 'b' } });
    const out = applyDefaults(info(kind), obj);
    expect(out).toEqual(obj);
    expect(out).not.toBe(obj);
  });
});
