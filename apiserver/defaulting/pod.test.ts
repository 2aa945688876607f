import { describe, expect, it } from 'vitest';
import { RESOURCES, type ResourceInfo } from '../../lib/api/resources.js';
import type { KubeObject } from '../../lib/api/types.js';
import { applyDefaults } from './index.js';
import { imageTag, defaultPullPolicy } from './image.js';
import { podQOSClass } from './qos.js';

const pods: ResourceInfo = RESOURCES.find((r) => r.resource === 'pods')!;

/** A builder for the pod bodies kubectl sends. */
class PodBuilder {
  private readonly pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'hello' }, spec: { containers: [] } };
  container(c: Record<string, unknown> = {}): this {
    this.pod.spec.containers.push({ name: `c${this.pod.spec.containers.length}`, image: 'nginxdemos/hello:plain-text', ...c });
    return this;
  }
  spec(s: Record<string, unknown>): this {
    Object.assign(this.pod.spec, s);
    return this;
  }
  build(): KubeObject {
    return structuredClone(this.pod);
  }
}
const makePod = () => new PodBuilder();
const res = (limits?: Record<string, string>, requests?: Record<string, string>) => ({ resources: { ...(limits && { limits }), ...(requests && { requests }) } });

describe('Pod defaults', () => {
  it('fills what a real v1.32 apiserver shows for kubectl run', () => {
    const body = { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'test', labels: { run: 'test' } }, spec: { containers: [{ name: 'test', image: 'posquit0/doraemon', resources: {} }], restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' }, status: {} };
    expect(applyDefaults(pods, body)).toEqual({
      kind: 'Pod', apiVersion: 'v1', metadata: { name: 'test', labels: { run: 'test' } },
      spec: {
        containers: [{ name: 'test', image: 'posquit0/doraemon', resources: {}, imagePullPolicy: 'Always',
          terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }],
        restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', securityContext: {}, terminationGracePeriodSeconds: 30,
        schedulerName: 'default-scheduler', enableServiceLinks: true, priority: 0, preemptionPolicy: 'PreemptLowerPriority',
        serviceAccountName: 'default', serviceAccount: 'default',
        tolerations: [
          { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
          { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        ],
      },
      status: { phase: 'Pending', qosClass: 'BestEffort' },
    });
  });

  it('defaults ports, probes, lifecycle hooks, env field refs and volumes', () => {
    const pod = makePod().container({
      ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }],
      livenessProbe: { httpGet: { port: 80 } }, readinessProbe: { grpc: { port: 9 }, periodSeconds: 5 },
      startupProbe: { exec: { command: ['true'] } },
      lifecycle: { preStop: { httpGet: { port: 80, path: '/stop' } } },
      env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }, { name: 'A', value: 'b' }],
    }).spec({ volumes: [{ name: 'scratch' }, { name: 'cfg', configMap: { name: 'c' } }, { name: 'host', hostPath: { path: '/tmp' } },
      { name: 'api', projected: { sources: [{ serviceAccountToken: { path: 't' } }, { downwardAPI: { items: [{ path: 'n', fieldRef: { fieldPath: 'metadata.name' } }] } }] } }] }).build();
    const { spec } = applyDefaults(pods, pod);
    const c = spec.containers[0];
    expect(c.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }, { containerPort: 53, protocol: 'UDP' }]);
    expect(c.livenessProbe).toEqual({ httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(c.readinessProbe).toEqual({ grpc: { port: 9, service: '' }, periodSeconds: 5, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 });
    expect(c.startupProbe.failureThreshold).toBe(3);
    expect(c.lifecycle.preStop.httpGet).toEqual({ port: 80, path: '/stop', scheme: 'HTTP' });
    expect(c.env).toEqual([{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName', apiVersion: 'v1' } } }, { name: 'A', value: 'b' }]);
    expect(spec.volumes).toEqual([
      { name: 'scratch', emptyDir: {} }, { name: 'cfg', configMap: { name: 'c', defaultMode: 420 } }, { name: 'host', hostPath: { path: '/tmp', type: '' } },
      { name: 'api', projected: { defaultMode: 420, sources: [{ serviceAccountToken: { path: 't', expirationSeconds: 3600 } },
        { downwardAPI: { items: [{ path: 'n', fieldRef: { fieldPath: 'metadata.name', apiVersion: 'v1' } }] } }] } },
    ]);
  });

  it('never overwrites what the client set', () => {
    const pod = makePod().container({ imagePullPolicy: 'Never', terminationMessagePolicy: 'FallbackToLogsOnError' })
      .spec({ restartPolicy: 'Never', dnsPolicy: 'Default', terminationGracePeriodSeconds: 0, schedulerName: 'mine', enableServiceLinks: false,
        securityContext: { runAsUser: 1000 }, tolerations: [{ operator: 'Exists' }], serviceAccountName: 'robot' }).build();
    const { spec } = applyDefaults(pods, pod);
    expect(spec).toMatchObject({ restartPolicy: 'Never', dnsPolicy: 'Default', terminationGracePeriodSeconds: 0, schedulerName: 'mine',
      enableServiceLinks: false, securityContext: { runAsUser: 1000 }, serviceAccountName: 'robot', serviceAccount: 'robot' });
    expect(spec.containers[0]).toMatchObject({ imagePullPolicy: 'Never', terminationMessagePolicy: 'FallbackToLogsOnError' });
    // A toleration with an empty key and effect tolerates every taint, so none is added.
    expect(spec.tolerations).toEqual([{ operator: 'Exists' }]);
  });

  it('adds only the missing default toleration', () => {
    const pod = makePod().container().spec({ tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] }).build();
    expect(applyDefaults(pods, pod).spec.tolerations.map((t: { key: string; tolerationSeconds: number }) => [t.key, t.tolerationSeconds]))
      .toEqual([['node.kubernetes.io/unreachable', 60], ['node.kubernetes.io/not-ready', 300]]);
  });

  it('copies limits into missing requests, rounds quantities up to milli, and sets host ports with hostNetwork', () => {
    const pod = makePod().container({ ...res({ cpu: '500m', memory: '128Mi' }, { cpu: '250m' }), ports: [{ containerPort: 8080 }] })
      .container(res({ cpu: '100u' })).spec({ hostNetwork: true }).build();
    const { spec } = applyDefaults(pods, pod);
    expect(spec.containers[0].resources).toEqual({ limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '250m', memory: '128Mi' } });
    expect(spec.containers[1].resources).toEqual({ limits: { cpu: '1m' }, requests: { cpu: '1m' } });
    expect(spec.containers[0].ports).toEqual([{ containerPort: 8080, protocol: 'TCP', hostPort: 8080 }]);
  });

  it('sets priority from the built-in system classes', () => {
    expect(applyDefaults(pods, makePod().container().spec({ priorityClassName: 'system-node-critical' }).build()).spec.priority).toBe(2000001000);
  });

  it('on update, applies decode-time defaults only', () => {
    const { spec, status } = applyDefaults(pods, makePod().container().build(), 'update');
    expect(spec.restartPolicy).toBe('Always');
    expect(spec).not.toHaveProperty('tolerations');
    expect(spec).not.toHaveProperty('priority');
    expect(status).toBeUndefined();
  });

  it('returns a new object, leaves its argument alone, and is idempotent', () => {
    const pod = makePod().container(res({ cpu: '1' })).build();
    const frozen = structuredClone(pod);
    const once = applyDefaults(pods, pod);
    expect(pod).toEqual(frozen);
    expect(applyDefaults(pods, once)).toEqual(once);
  });
});

describe('QoS class', () => {
  const spec = (...containers: Record<string, unknown>[]) => ({ containers });
  it.each([
    ['no resources', spec({}), 'BestEffort'],
    ['zero requests', spec(res(undefined, { cpu: '0' })), 'BestEffort'],
    ['requests only', spec(res(undefined, { cpu: '100m' })), 'Burstable'],
    ['equal cpu and memory', spec(res({ cpu: '1', memory: '1Gi' }, { cpu: '1000m', memory: '1024Mi' })), 'Guaranteed'],
    ['limits without memory', spec(res({ cpu: '1' }, { cpu: '1' })), 'Burstable'],
    ['requests below limits', spec(res({ cpu: '1', memory: '1Gi' }, { cpu: '500m', memory: '1Gi' })), 'Burstable'],
    ['one container unlimited', spec(res({ cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' }), {}), 'Burstable'],
    ['only extended resources', spec(res({ 'nvidia.com/gpu': '1' }, { 'nvidia.com/gpu': '1' })), 'BestEffort'],
  ])('%s → %s', (_name, s, qos) => {
    expect(podQOSClass(s)).toBe(qos);
  });

  it('is computed after requests are defaulted from limits', () => {
    expect(applyDefaults(pods, makePod().container(res({ cpu: '1', memory: '1Gi' })).build()).status.qosClass).toBe('Guaranteed');
  });
});

describe('image pull policy', () => {
  it.each([
    ['nginx', 'latest', 'Always'], ['nginx:latest', 'latest', 'Always'], ['posquit0/doraemon', 'latest', 'Always'],
    ['nginxdemos/hello:plain-text', 'plain-text', 'IfNotPresent'], ['localhost:5000/app', 'latest', 'Always'],
    ['localhost:5000/app:1.2', '1.2', 'IfNotPresent'], [`nginx@sha256:${'a'.repeat(64)}`, '', 'IfNotPresent'],
    [`nginx:latest@sha256:${'a'.repeat(64)}`, 'latest', 'Always'], ['Nginx', '', 'IfNotPresent'], ['', '', 'IfNotPresent'],
  ])('%j has tag %j → %s', (image, tag, policy) => {
    expect([imageTag(image), defaultPullPolicy(image)]).toEqual([tag, policy]);
  });
});
