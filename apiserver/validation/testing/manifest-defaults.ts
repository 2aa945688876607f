/**
 * Test support: the v1 defaults (k8s.io/kubernetes pkg/apis/core/v1/defaults.go, apps/v1/defaults.go)
 * the tutorial manifests rely on, so they can be validated the way a real server sees them. Only the
 * fields those manifests leave out are covered; apiserver/defaulting is the real implementation.
 */
import type { KubeObject } from '../../../lib/api/types.js';

type Obj = Record<string, any>;

function defaultContainer(c: Obj): void {
  c.imagePullPolicy ??= String(c.image).endsWith(':latest') || !String(c.image).includes(':') ? 'Always' : 'IfNotPresent';
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  for (const p of c.ports ?? []) p.protocol ??= 'TCP';
}

export function defaultPodSpec(spec: Obj): void {
  spec.restartPolicy ??= 'Always';
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ??= 'default-scheduler';
  spec.securityContext ??= {};
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) defaultContainer(c);
}

function defaultWorkload(spec: Obj): void {
  spec.replicas ??= 1;
  spec.template ??= {};
  spec.template.spec ??= {};
  defaultPodSpec(spec.template.spec);
}

function defaultService(spec: Obj): void {
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  spec.internalTrafficPolicy ??= 'Cluster';
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') spec.externalTrafficPolicy ??= 'Cluster';
  for (const p of spec.ports ?? []) {
    p.protocol ??= 'TCP';
    p.targetPort ??= p.port;
  }
}

export function withDefaults(input: KubeObject, namespace = 'default'): KubeObject {
  const obj = structuredClone(input);
  obj.metadata.namespace ??= namespace;
  obj.spec ??= {};
  switch (obj.kind) {
    case 'Pod':
      defaultPodSpec(obj.spec);
      break;
    case 'ReplicaSet':
      defaultWorkload(obj.spec);
      break;
    case 'Deployment':
      defaultWorkload(obj.spec);
      obj.spec.strategy ??= { type: 'RollingUpdate' };
      if (obj.spec.strategy.type === 'RollingUpdate') {
        obj.spec.strategy.rollingUpdate ??= {};
        obj.spec.strategy.rollingUpdate.maxSurge ??= '25%';
        obj.spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
      }
      obj.spec.revisionHistoryLimit ??= 10;
      obj.spec.progressDeadlineSeconds ??= 600;
      break;
    case 'Service':
      defaultService(obj.spec);
      break;
  }
  return obj;
}
