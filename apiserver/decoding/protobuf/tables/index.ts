/**
 * Every protobuf message kubelab reads, the proto package each table's short prefix stands for, and
 * which message is the body of each apiVersion/kind.
 *
 * Invariant (checked by schema-tables.test.ts): every served kind and every subresource body kind has
 * a message here, every message is reachable from one, and every field exists under the same JSON
 * name in the JSON schema of apiserver/schema/type-map.ts.
 */
import type { MessageSpec } from '../schema-dsl.js';
import { CORE_OBJECTS } from './core-objects.js';
import { CORE_POD } from './core-pod.js';
import { CORE_VOLUME } from './core-volume.js';
import { APPS, AUTOSCALING, COORDINATION, DISCOVERY, POLICY } from './groups.js';
import { INTSTR, META, RESOURCE, RUNTIME } from './meta.js';

/** Table prefix → proto package, as in each generated.proto's `package` line. */
export const PROTO_PACKAGES: Readonly<Record<string, string>> = {
  meta: 'k8s.io.apimachinery.pkg.apis.meta.v1',
  runtime: 'k8s.io.apimachinery.pkg.runtime',
  intstr: 'k8s.io.apimachinery.pkg.util.intstr',
  resource: 'k8s.io.apimachinery.pkg.api.resource',
  core: 'k8s.io.api.core.v1',
  apps: 'k8s.io.api.apps.v1',
  coordination: 'k8s.io.api.coordination.v1',
  discovery: 'k8s.io.api.discovery.v1',
  autoscaling: 'k8s.io.api.autoscaling.v1',
  policy: 'k8s.io.api.policy.v1',
};

export const MESSAGES: readonly MessageSpec[] = [
  ...META, ...RUNTIME, ...INTSTR, ...RESOURCE, ...CORE_POD, ...CORE_VOLUME, ...CORE_OBJECTS,
  ...APPS, ...COORDINATION, ...DISCOVERY, ...AUTOSCALING, ...POLICY,
];

const BY_NAME = new Map(MESSAGES.map((m) => [m.name, m]));

export function messageSpec(name: string): MessageSpec | undefined {
  return BY_NAME.get(name);
}

/** `apiVersion/kind` → the message its body is, for every kind a create/update body may carry. */
export const KIND_MESSAGES: Readonly<Record<string, string>> = {
  'v1/Namespace': 'core.Namespace',
  'v1/Pod': 'core.Pod',
  'v1/Node': 'core.Node',
  'v1/Service': 'core.Service',
  'v1/Endpoints': 'core.Endpoints',
  'v1/Event': 'core.Event',
  'v1/ConfigMap': 'core.ConfigMap',
  'v1/ReplicationController': 'core.ReplicationController',
  'v1/Binding': 'core.Binding',
  'apps/v1/ReplicaSet': 'apps.ReplicaSet',
  'apps/v1/Deployment': 'apps.Deployment',
  'apps/v1/DaemonSet': 'apps.DaemonSet',
  'autoscaling/v1/Scale': 'autoscaling.Scale',
  'policy/v1/Eviction': 'policy.Eviction',
  'discovery.k8s.io/v1/EndpointSlice': 'discovery.EndpointSlice',
  'coordination.k8s.io/v1/Lease': 'coordination.Lease',
};

/** The message of an apiVersion/kind's body, if kubelab reads it from protobuf. */
export function kindMessage(apiVersion: string, kind: string): MessageSpec | undefined {
  const name = KIND_MESSAGES[`${apiVersion}/${kind}`];
  return name ? BY_NAME.get(name) : undefined;
}
