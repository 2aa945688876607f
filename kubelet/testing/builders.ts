/**
 * Object builders for the kubelet's tests (upstream's test helpers in miniature):
 *
 *   const pod = makePod('hello').container('nginx').container('debug', 'posquit0/doraemon').build();
 *   const c = running(pod, 'nginx', { restartCount: 1, startedAt: T0 });
 *   const dead = exited(pod, 'nginx', { exitCode: 1, finishedAt: T0 + 5_000 });
 *
 * Every builder method returns the builder; build() returns a fresh deep copy. Times are ms since the
 * epoch. For tests only.
 */
import type { RuntimeContainer } from '../runtime-port.js';
import { rfc3339 } from '../util/time.js';
import type { Container, Pod, PodStatus, Probe } from '../pods/types.js';

export const T0 = Date.parse('2024-05-01T10:00:00Z');

export function makePod(name = 'hello', namespace = 'default') {
  const pod: Pod = {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace, uid: `uid-${name}`, resourceVersion: '10' },
    spec: { nodeName: 'node-1', containers: [], restartPolicy: 'Always', terminationGracePeriodSeconds: 30 },
    status: { phase: 'Pending', qosClass: 'BestEffort' },
  };
  const last = () => pod.spec.containers[pod.spec.containers.length - 1]!;
  const b = {
    container(cname: string, image = 'nginxdemos/hello:plain-text', extra: Partial<Container> = {}) {
      pod.spec.containers.push({ name: cname, image, imagePullPolicy: 'IfNotPresent', ...extra });
      return b;
    },
    initContainer(cname: string, image = 'posquit0/doraemon:latest') {
      (pod.spec.initContainers ??= []).push({ name: cname, image, imagePullPolicy: 'IfNotPresent' });
      return b;
    },
    livenessProbe(probe: Probe) { last().livenessProbe = probe; return b; },
    readinessProbe(probe: Probe) { last().readinessProbe = probe; return b; },
    startupProbe(probe: Probe) { last().startupProbe = probe; return b; },
    restartPolicy(policy: 'Always' | 'OnFailure' | 'Never') { pod.spec.restartPolicy = policy; return b; },
    deleting(graceSeconds = 30, at = T0) {
      pod.metadata.deletionTimestamp = rfc3339(at + graceSeconds * 1000);
      pod.metadata.deletionGracePeriodSeconds = graceSeconds;
      return b;
    },
    status(status: PodStatus) { pod.status = { ...pod.status, ...status }; return b; },
    build: (): Pod => structuredClone(pod),
  };
  return b;
}

interface InstanceOptions {
  restartCount?: number;
  startedAt?: number;
  finishedAt?: number;
  exitCode?: number;
  reason?: string;
  image?: string;
}

function instance(pod: Pod, name: string, o: InstanceOptions): RuntimeContainer {
  const spec = [...(pod.spec.initContainers ?? []), ...pod.spec.containers].find((c) => c.name === name);
  const restartCount = o.restartCount ?? 0;
  const startedAt = o.startedAt ?? T0;
  return {
    id: `${name}-${restartCount}`.padEnd(64, '0'), podUID: pod.metadata.uid!, podName: pod.metadata.name!, namespace: pod.metadata.namespace!,
    containerName: name, restartCount, image: o.image ?? spec?.image ?? 'x', podIP: '127.244.1.2', state: 'running',
    pid: 1000 + restartCount, createdAt: rfc3339(startedAt), startedAt: rfc3339(startedAt),
  };
}

export function running(pod: Pod, name: string, o: InstanceOptions = {}): RuntimeContainer {
  return instance(pod, name, o);
}

export function exited(pod: Pod, name: string, o: InstanceOptions = {}): RuntimeContainer {
  const c = instance(pod, name, o);
  const exitCode = o.exitCode ?? 1;
  return { ...c, state: 'exited', pid: undefined, exitCode, reason: o.reason ?? (exitCode === 0 ? 'Completed' : 'Error'), finishedAt: rfc3339(o.finishedAt ?? (o.startedAt ?? T0) + 1000) };
}
