import { describe, expect, it } from 'vitest';
import { strategicMergePatch } from './strategic-merge.js';
import { containsFrozen, deepFreeze, makeDeployment, makePod } from './test-helpers.js';

const nginx = { name: 'nginx', image: 'nginxdemos/hello:plain-text' };
const debug = { name: 'debug', image: 'posquit0/doraemon' };
const c = (name: string, extra: Record<string, unknown> = {}) => ({ name, image: `${name}:1`, ...extra });

interface Case {
  name: string;
  typeName: string;
  original: any;
  patch: any;
  expected: any;
}

const cases: Case[] = [
  {
    name: 'containers merge by name',
    typeName: 'V1Pod',
    original: makePod([nginx, debug]),
    patch: { spec: { containers: [{ name: 'debug', image: 'posquit0/doraemon:v2' }] } },
    expected: makePod([nginx, { name: 'debug', image: 'posquit0/doraemon:v2' }]),
  },
  {
    name: 'a new container without $setElementOrder goes first, as in kube-apiserver',
    typeName: 'V1Pod',
    original: makePod([nginx]),
    patch: { spec: { containers: [debug] } },
    expected: makePod([debug, nginx]),
  },
  {
    name: '$setElementOrder places a new container',
    typeName: 'V1Pod',
    original: makePod([nginx]),
    patch: { spec: { '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'debug' }], containers: [debug] } },
    expected: makePod([nginx, debug]),
  },
  {
    name: '$setElementOrder alone reorders a list',
    typeName: 'V1Pod',
    original: makePod([c('a'), c('b'), c('c')]),
    patch: { spec: { '$setElementOrder/containers': [{ name: 'c' }, { name: 'a' }, { name: 'b' }] } },
    expected: makePod([c('c'), c('a'), c('b')]),
  },
  {
    name: 'ports merge by containerPort',
    typeName: 'V1Pod',
    original: makePod([c('web', { ports: [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 443, protocol: 'TCP' }] })]),
    patch: { spec: { containers: [{ name: 'web', ports: [{ containerPort: 80, name: 'http' }] }] } },
    expected: makePod([c('web', { ports: [{ containerPort: 80, protocol: 'TCP', name: 'http' }, { containerPort: 443, protocol: 'TCP' }] })]),
  },
  {
    name: 'env merges by name, null removes a variable',
    typeName: 'V1Pod',
    original: makePod([c('web', { env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }, { name: 'C', value: '3' }] })]),
    patch: { spec: { containers: [{ name: 'web', env: [{ name: 'B', value: 'two' }, { name: 'C', value: null }] }] } },
    expected: makePod([c('web', { env: [{ name: 'A', value: '1' }, { name: 'B', value: 'two' }, { name: 'C' }] })]),
  },
  {
    name: 'kubectl apply removing a whole env list sends "env": null',
    typeName: 'V1Pod',
    original: makePod([c('nginx', { env: [{ name: 'A', value: '1' }] }), debug]),
    patch: { spec: { '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'debug' }], containers: [{ env: null, name: 'nginx' }] } },
    expected: makePod([c('nginx'), debug]),
  },
  {
    name: '$patch: delete removes a list element',
    typeName: 'V1Pod',
    original: makePod([nginx, debug]),
    patch: { spec: { containers: [{ $patch: 'delete', name: 'debug' }] } },
    expected: makePod([nginx]),
  },
  {
    name: '$patch: replace in a list keeps exactly the other patch elements',
    typeName: 'V1Pod',
    original: makePod([nginx, debug]),
    patch: { spec: { containers: [c('only'), { $patch: 'replace' }] } },
    expected: makePod([c('only')]),
  },
  {
    name: '$patch: replace in a map replaces the map',
    typeName: 'V1Pod',
    original: makePod([nginx], { spec: { nodeSelector: { zone: 'a', disk: 'hdd' } } }),
    patch: { spec: { nodeSelector: { $patch: 'replace', disk: 'ssd' } } },
    expected: makePod([nginx], { spec: { nodeSelector: { disk: 'ssd' } } }),
  },
  {
    name: '$patch: delete in a map empties it',
    typeName: 'V1Pod',
    original: makePod([nginx], { metadata: { labels: { app: 'hello' } } }),
    patch: { metadata: { labels: { $patch: 'delete' } } },
    expected: makePod([nginx], { metadata: { labels: {} } }),
  },
  {
    name: '$patch: merge in a map is an ordinary merge (kubelab extension)',
    typeName: 'V1Pod',
    original: makePod([nginx], { metadata: { labels: { app: 'hello' } } }),
    patch: { metadata: { labels: { $patch: 'merge', tier: 'web' } } },
    expected: makePod([nginx], { metadata: { labels: { app: 'hello', tier: 'web' } } }),
  },
  {
    name: '$retainKeys on a Deployment strategy switch to Recreate',
    typeName: 'V1Deployment',
    original: makeDeployment([nginx], { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } }),
    patch: { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: null } } },
    expected: makeDeployment([nginx], { strategy: { type: 'Recreate' } }),
  },
  {
    name: 'volumes merge by name with $retainKeys clearing the old source',
    typeName: 'V1Pod',
    original: makePod([nginx], { spec: { volumes: [{ name: 'data', emptyDir: {} }, { name: 'cfg', configMap: { name: 'c' } }] } }),
    patch: { spec: { volumes: [{ $retainKeys: ['hostPath', 'name'], name: 'data', hostPath: { path: '/srv' } }] } },
    expected: makePod([nginx], { spec: { volumes: [{ name: 'data', hostPath: { path: '/srv' } }, { name: 'cfg', configMap: { name: 'c' } }] } }),
  },
  {
    name: 'finalizers: $deleteFromPrimitiveList removes values',
    typeName: 'V1Pod',
    original: makePod([nginx], { metadata: { finalizers: ['a', 'b', 'c'] } }),
    patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['b'] } },
    expected: makePod([nginx], { metadata: { finalizers: ['a', 'c'] } }),
  },
  {
    name: 'finalizers: add, delete and order in one patch (kubectl apply)',
    typeName: 'V1Pod',
    original: makePod([nginx], { metadata: { finalizers: ['a', 'b', 'c'] } }),
    patch: { metadata: { '$setElementOrder/finalizers': ['a', 'c', 'd'], '$deleteFromPrimitiveList/finalizers': ['b'], finalizers: ['d'] } },
    expected: makePod([nginx], { metadata: { finalizers: ['a', 'c', 'd'] } }),
  },
  {
    name: 'finalizers merge as a set, in live order',
    typeName: 'V1Pod',
    original: makePod([nginx], { metadata: { finalizers: ['a', 'b'] } }),
    patch: { metadata: { finalizers: ['b', 'c', 'b'] } },
    expected: makePod([nginx], { metadata: { finalizers: ['a', 'b', 'c'] } }),
  },
  {
    name: 'finalizers: a value the live list lacks goes first without $setElementOrder',
    typeName: 'V1Pod',
    original: makePod([nginx], { metadata: { finalizers: ['a', 'b'] } }),
    patch: { metadata: { finalizers: ['c'] } },
    expected: makePod([nginx], { metadata: { finalizers: ['c', 'a', 'b'] } }),
  },
  {
    name: '$deleteFromPrimitiveList on a missing list adds nothing',
    typeName: 'V1Pod',
    original: makePod([nginx]),
    patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['x'] } },
    expected: makePod([nginx]),
  },
  {
    name: 'service ports merge by port',
    typeName: 'V1Service',
    original: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'hello' }, spec: { ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }, { port: 443, targetPort: 8443, protocol: 'TCP' }] } },
    patch: { spec: { ports: [{ port: 80, targetPort: 9090 }] } },
    expected: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'hello' }, spec: { ports: [{ port: 80, targetPort: 9090, protocol: 'TCP' }, { port: 443, targetPort: 8443, protocol: 'TCP' }] } },
  },
  {
    name: 'ownerReferences merge by uid',
    typeName: 'V1ReplicaSet',
    original: { metadata: { name: 'rs', ownerReferences: [{ uid: 'u1', name: 'a', kind: 'Deployment' }, { uid: 'u2', name: 'b', kind: 'Deployment' }] } },
    patch: { metadata: { ownerReferences: [{ uid: 'u2', controller: true }] } },
    expected: { metadata: { name: 'rs', ownerReferences: [{ uid: 'u1', name: 'a', kind: 'Deployment' }, { uid: 'u2', name: 'b', kind: 'Deployment', controller: true }] } },
  },
  {
    name: 'pod conditions merge by type',
    typeName: 'V1Pod',
    original: makePod([nginx], { status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True' }, { type: 'Ready', status: 'False' }] } }),
    patch: { status: { conditions: [{ type: 'Ready', status: 'True' }] } },
    expected: makePod([nginx], { status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True' }, { type: 'Ready', status: 'True' }] } }),
  },
  {
    name: 'node addresses merge by type',
    typeName: 'V1Node',
    original: { metadata: { name: 'n1' }, status: { addresses: [{ type: 'InternalIP', address: '127.0.0.2' }, { type: 'Hostname', address: 'n1' }] } },
    patch: { status: { addresses: [{ type: 'InternalIP', address: '127.0.0.9' }] } },
    expected: { metadata: { name: 'n1' }, status: { addresses: [{ type: 'InternalIP', address: '127.0.0.9' }, { type: 'Hostname', address: 'n1' }] } },
  },
  {
    name: 'lists without a strategy are replaced (command, tolerations)',
    typeName: 'V1Pod',
    original: makePod([c('web', { command: ['a', 'b'] })], { spec: { tolerations: [{ key: 'x', operator: 'Exists' }] } }),
    patch: { spec: { tolerations: [{ key: 'y', operator: 'Exists' }], containers: [{ name: 'web', command: ['c'] }] } },
    expected: makePod([c('web', { command: ['c'] })], { spec: { tolerations: [{ key: 'y', operator: 'Exists' }] } }),
  },
  {
    name: 'null deletes a key; unmatched nulls are ignored',
    typeName: 'V1Pod',
    original: makePod([nginx], { metadata: { labels: { app: 'hello', tier: 'web' } } }),
    patch: { metadata: { labels: { tier: null, absent: null } } },
    expected: makePod([nginx], { metadata: { labels: { app: 'hello' } } }),
  },
  {
    name: 'a new subtree has its directives applied, not stored',
    typeName: 'V1Pod',
    original: makePod([nginx]),
    patch: { spec: { '$setElementOrder/initContainers': [{ name: 'init' }], initContainers: [{ name: 'init', image: 'busybox', env: [{ name: 'X', value: null }] }, { $patch: 'delete', name: 'gone' }] } },
    expected: makePod([nginx], { spec: { initContainers: [{ name: 'init', image: 'busybox', env: [{ name: 'X' }] }] } }),
  },
  {
    name: 'unknown type: JSON merge semantics, lists replaced',
    typeName: 'NoSuchType',
    original: { a: { b: 1, c: 2 }, items: [{ name: 'x' }], keep: true },
    patch: { a: { c: null, d: 3 }, items: [{ name: 'y' }] },
    expected: { a: { b: 1, d: 3 }, items: [{ name: 'y' }], keep: true },
  },
  {
    name: 'a value of a different JSON type replaces the old one',
    typeName: 'V1Pod',
    original: makePod([nginx], { metadata: { annotations: { a: 'x' } } }),
    patch: { metadata: { annotations: 'oops' } },
    expected: makePod([nginx], { metadata: { annotations: 'oops' } }),
  },
];

describe('strategicMergePatch', () => {
  it.each(cases)('$name', ({ original, patch, typeName, expected }) => {
    expect(strategicMergePatch(original, patch, typeName)).toEqual(expected);
  });

  it.each(cases)('never mutates its inputs: $name', ({ original, patch, typeName }) => {
    const frozenOriginal = deepFreeze(structuredClone(original));
    const frozenPatch = deepFreeze(structuredClone(patch));
    const result = strategicMergePatch(frozenOriginal, frozenPatch, typeName);
    // The result is the caller's to change: no part of it is shared with the (frozen) inputs.
    expect(containsFrozen(result)).toBe(false);
  });

  it('a null patch leaves the object unchanged', () => {
    const pod = makePod([nginx]);
    expect(strategicMergePatch(pod, null, 'V1Pod')).toEqual(pod);
  });

  it('treats "__proto__" and "constructor" keys as data', () => {
    const patched = strategicMergePatch({ metadata: { labels: {} } }, JSON.parse('{"metadata":{"labels":{"__proto__":"x","constructor":"y"}}}'), 'V1Pod') as any;
    expect(Object.getPrototypeOf(patched.metadata.labels)).toBe(Object.prototype);
    expect(Object.keys(patched.metadata.labels)).toEqual(['__proto__', 'constructor']);
    expect(({} as any).x).toBeUndefined();
  });
});

describe('kubectl request bodies (kubectl-wire.md §4)', () => {
  it('apply of a changed manifest', () => {
    const lastApplied = '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"name":"hello","namespace":"default"}}\n';
    const live = makePod([nginx, debug], { metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': 'old' } } });
    const body = {
      metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': lastApplied } },
      spec: { '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'debug' }], containers: [{ image: 'posquit0/doraemon:v2', name: 'debug' }] },
    };
    expect(strategicMergePatch(live, body, 'V1Pod')).toEqual(
      makePod([nginx, { name: 'debug', image: 'posquit0/doraemon:v2' }], { metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': lastApplied } } }),
    );
  });

  it('set image --record', () => {
    const live = makeDeployment([nginx]);
    const cause = 'kubectl set image deployment rolling nginx=nginxdemos/hello:latest --record=true';
    const body = {
      metadata: { annotations: { 'kubernetes.io/change-cause': cause } },
      spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'nginx' }], containers: [{ image: 'nginxdemos/hello:latest', name: 'nginx' }] } } },
    };
    const patched = strategicMergePatch(live, body, 'V1Deployment') as any;
    expect(patched.spec.template.spec.containers).toEqual([{ name: 'nginx', image: 'nginxdemos/hello:latest' }]);
    expect(patched.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '2', 'kubernetes.io/change-cause': cause });
    expect(patched.spec.replicas).toBe(2);
  });
});

describe('strategicMergePatch on large lists', () => {
  it('stays linear: 50000 env vars merged, reordered and partly deleted', () => {
    const n = 50_000;
    const env = Array.from({ length: n }, (_, i) => ({ name: `V${i}`, value: `${i}` }));
    const live = makePod([{ name: 'web', image: 'x', env }]);
    // Every variable but V0 gets a new value, in reverse order; V0 is deleted.
    const updated = Array.from({ length: n - 1 }, (_, i) => ({ name: `V${n - 1 - i}`, value: `new${n - 1 - i}` }));
    const patchEnv = [...updated, { $patch: 'delete', name: 'V0' }];
    const order = updated.map((e) => ({ name: e.name }));
    const patch = { spec: { containers: [{ name: 'web', '$setElementOrder/env': order, env: patchEnv }] } };
    const result = strategicMergePatch(live, patch, 'V1Pod') as any;
    const merged = result.spec.containers[0].env;
    expect(merged).toHaveLength(n - 1);
    expect(merged[0]).toEqual({ name: `V${n - 1}`, value: `new${n - 1}` });
    expect(merged[n - 2]).toEqual({ name: 'V1', value: 'new1' });
  });
});
