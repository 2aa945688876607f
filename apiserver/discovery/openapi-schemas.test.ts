import { describe, expect, it } from 'vitest';
import { openAPIV3Document } from './openapi-v3.js';
import { reachableModels, schemaName, schemasFor, type Schema } from './openapi-schemas.js';

describe('schemaName', () => {
  it.each([
    ['V1Pod', 'io.k8s.api.core.v1.Pod'],
    ['V1PodSpec', 'io.k8s.api.core.v1.PodSpec'],
    ['V1PodTemplateSpec', 'io.k8s.api.core.v1.PodTemplateSpec'],
    ['CoreV1Event', 'io.k8s.api.core.v1.Event'],
    ['CoreV1EndpointPort', 'io.k8s.api.core.v1.EndpointPort'],
    ['DiscoveryV1EndpointPort', 'io.k8s.api.discovery.v1.EndpointPort'],
    ['V1Endpoint', 'io.k8s.api.discovery.v1.Endpoint'],
    ['V1DeploymentSpec', 'io.k8s.api.apps.v1.DeploymentSpec'],
    ['V1DeploymentList', 'io.k8s.api.apps.v1.DeploymentList'],
    ['V1Scale', 'io.k8s.api.autoscaling.v1.Scale'],
    ['V1Eviction', 'io.k8s.api.policy.v1.Eviction'],
    ['V1LeaseSpec', 'io.k8s.api.coordination.v1.LeaseSpec'],
    ['V1ObjectMeta', 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
    ['V1LabelSelector', 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector'],
    ['V1DeleteOptions', 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions'],
  ])('%s → %s', (model, name) => expect(schemaName(model)).toBe(name));

  it('never gives two model types the same name', () => {
    const models = reachableModels(['V1Pod', 'V1Node', 'V1Namespace', 'V1Service', 'V1Endpoints', 'CoreV1EventList',
      'V1ConfigMapList', 'V1ReplicationControllerList', 'V1Binding', 'V1DeploymentList', 'V1ReplicaSetList', 'V1DaemonSetList',
      'V1EndpointSliceList', 'V1LeaseList', 'V1Eviction', 'V1Scale', 'V1DeleteOptions']);
    expect(models.length).toBeGreaterThan(150);
    // A collision would make one schema overwrite another in components.schemas.
    expect(new Set(models.map(schemaName)).size).toBe(models.length);
  });
});

describe('schemas from the type map', () => {
  const schemas = openAPIV3Document('api/v1')!.components.schemas;
  const apps = openAPIV3Document('apis/apps/v1')!.components.schemas;

  /** Follows a property path the way `kubectl explain` does: through allOf refs, array items and maps. */
  function explain(all: Record<string, Schema>, root: string, path: string[]): Schema {
    let s: Schema = all[root]!;
    const deref = (x: Schema): Schema => {
      const allOf = x.allOf as Schema[] | undefined;
      const ref = (allOf?.[0]?.$ref ?? x.$ref) as string | undefined;
      return ref ? all[ref.replace('#/components/schemas/', '')]! : x;
    };
    for (const seg of path) {
      s = deref(s);
      while (s.items || (s.additionalProperties && typeof s.additionalProperties === 'object' && !s.properties)) {
        s = deref((s.items ?? s.additionalProperties) as Schema);
      }
      s = (s.properties as Record<string, Schema>)[seg]!;
      expect(s, seg).toBeDefined();
    }
    return s;
  }

  it.each([
    [['spec', 'containers', 'ports', 'containerPort'], { type: 'integer', format: 'int32' }],
    [['spec', 'containers', 'image'], { type: 'string' }],
    [['spec', 'hostNetwork'], { type: 'boolean' }],
    [['metadata', 'creationTimestamp'], { type: 'string', format: 'date-time' }],
    [['metadata', 'labels'], { type: 'object', additionalProperties: { type: 'string' } }],
    [['spec', 'containers'], { type: 'array', items: { allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.Container' }] } }],
    [['spec', 'containers', 'ports', 'name'], { type: 'string' }],
    [['metadata', 'managedFields', 'fieldsV1'], { 'x-kubernetes-preserve-unknown-fields': true }],
  ])('pod.%j', (path, schema) => {
    expect(explain(schemas, 'io.k8s.api.core.v1.Pod', path)).toEqual(schema);
  });

  it('publishes IntOrString as its own schema with x-kubernetes-int-or-string', () => {
    const ref = { allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString' }] };
    expect(explain(apps, 'io.k8s.api.apps.v1.Deployment', ['spec', 'strategy', 'rollingUpdate', 'maxSurge'])).toEqual(ref);
    expect(apps['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toEqual({
      'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }],
    });
    const lease = openAPIV3Document('apis/coordination.k8s.io/v1')!.components.schemas;
    expect(lease).not.toHaveProperty(['io.k8s.apimachinery.pkg.util.intstr.IntOrString']);
  });

  it('reaches types in other groups from a kind (Deployment → core PodSpec, meta ObjectMeta)', () => {
    expect(apps).toHaveProperty(['io.k8s.api.core.v1.PodSpec']);
    expect(apps).toHaveProperty(['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']);
    expect(explain(apps, 'io.k8s.api.apps.v1.Deployment', ['spec', 'template', 'spec', 'containers', 'name'])).toEqual({ type: 'string' });
  });

  it('skips names that are not models', () => {
    expect(schemasFor([{ typeName: 'NoSuchModel' }])).toEqual({});
  });
});
