import { describe, expect, it } from 'vitest';
import { findKind, type ResourceInfo } from '../../lib/api/resources.js';
import type { KubeObject } from '../../lib/api/types.js';
import { errorText } from './field-errors.js';
import { validateCreate, validateUpdate } from './index.js';
import { configMap, namespace, node, pod, service, stored } from './testing/builders.js';

const info = (o: KubeObject): ResourceInfo => findKind(o.apiVersion, o.kind)!;
const create = (o: KubeObject) => validateCreate(info(o), o).map(errorText);
const update = (o: KubeObject, old: KubeObject) => validateUpdate(info(o), o, old).map(errorText);

const SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

describe('names on create, the first cause', () => {
  it.each([
    ['pod: subdomain', pod((p) => { p.metadata.name = 'Hello_World'; }), `metadata.name: Invalid value: "Hello_World": ${SUBDOMAIN}`],
    ['pod: dots are fine', pod((p) => { p.metadata.name = 'web.v1'; }), undefined],
    ['service: DNS-1035 label', service((s) => { s.metadata.name = '1st'; }), `metadata.name: Invalid value: "1st": ${DNS1035}`],
    ['namespace: DNS-1123 label', namespace((n) => { n.metadata.name = 'team.a'; }), 'metadata.name: Invalid value: "team.a": must not contain dots'],
    ['node: subdomain', node((n) => { n.metadata.name = 'Node_1'; }), `metadata.name: Invalid value: "Node_1": ${SUBDOMAIN}`],
    ['missing name', configMap((c) => { delete c.metadata.name; }), 'metadata.name: Required value: name or generateName is required'],
    ['bad generateName', configMap((c) => { c.metadata.generateName = 'Web-'; c.metadata.name = 'web-x1'; }), `metadata.generateName: Invalid value: "Web-": ${SUBDOMAIN}`],
  ])('%s', (_name, obj, first) => {
    expect(create(obj)[0]).toBe(first);
  });

  it('puts the name before every other error', () => {
    const errs = create(pod((p) => { p.metadata.name = 'Bad'; p.spec.containers = []; }));
    expect(errs).toEqual([`metadata.name: Invalid value: "Bad": ${SUBDOMAIN}`, 'spec.containers: Required value']);
  });
});

describe('namespace, labels, annotations, owners, finalizers', () => {
  it.each([
    ['namespaced kinds need a namespace', configMap((c) => { delete c.metadata.namespace; }), ['metadata.namespace: Required value']],
    ['namespaces are DNS labels', configMap((c) => { c.metadata.namespace = 'Team'; }), [`metadata.namespace: Invalid value: "Team": ${LABEL}`]],
    ['cluster-scoped kinds have none', namespace((n) => { n.metadata.namespace = 'default'; }), ['metadata.namespace: Forbidden: not allowed on this type']],
    ['label key', configMap((c) => { c.metadata.labels = { 'bad key': 'x' }; }), [
      "metadata.labels: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]],
    ['label value', configMap((c) => { c.metadata.labels = { app: 'x'.repeat(64) }; }), [`metadata.labels: Invalid value: "${'x'.repeat(64)}": must be no more than 63 characters`]],
    ['annotation keys ignore case', configMap((c) => { c.metadata.annotations = { 'Example.COM/Note': 'x' }; }), []],
    ['annotations total 256 KiB', configMap((c) => { c.metadata.annotations = { a: 'x'.repeat(256 * 1024) }; }), ['metadata.annotations: Too long: may not be more than 262144 bytes']],
    ['owner reference parts', configMap((c) => { c.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: '', uid: '' }]; }), [
      'metadata.ownerReferences.name: Invalid value: "": name must not be empty',
      'metadata.ownerReferences.uid: Invalid value: "": uid must not be empty',
    ]],
    ['unqualified finalizers must be standard', configMap((c) => { c.metadata.finalizers = ['cleanup']; }), [
      'metadata.finalizers[0]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified',
    ]],
    ['qualified finalizers are fine', configMap((c) => { c.metadata.finalizers = ['example.com/cleanup', 'kubernetes'] }), []],
  ])('%s', (_name, obj, want) => expect(create(obj)).toEqual(want));

  it('reports two controller owners', () => {
    const errs = create(configMap((c) => {
      c.metadata.ownerReferences = [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'a', uid: '1', controller: true },
        { apiVersion: 'apps/v1', kind: 'Deployment', name: 'b', uid: '2', controller: true },
      ];
    }));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/^metadata\.ownerReferences: Invalid value: \[\]v1\.OwnerReference\{v1\.OwnerReference\{APIVersion:"apps\/v1", Kind:"ReplicaSet"/);
    expect(errs[0]).toMatch(/: Only one reference can have Controller set to true\. Found "true" in references for ReplicaSet\/a and Deployment\/b$/);
  });
});

describe('metadata on update', () => {
  const old = stored(configMap());

  it('accepts an unchanged identity', () => expect(update(structuredClone(old), old)).toEqual([]));

  it.each([
    ['name', (o: any) => { o.metadata.name = 'other'; }, 'metadata.name: Invalid value: "other": field is immutable'],
    ['namespace', (o: any) => { o.metadata.namespace = 'other'; }, 'metadata.namespace: Invalid value: "other": field is immutable'],
    ['uid', (o: any) => { o.metadata.uid = 'uid-2'; }, 'metadata.uid: Invalid value: "uid-2": field is immutable'],
    ['creationTimestamp', (o: any) => { o.metadata.creationTimestamp = '2025-02-01T10:00:00Z'; }, 'metadata.creationTimestamp: Invalid value: 2025-02-01 10:00:00 +0000 UTC: field is immutable'],
    ['resourceVersion', (o: any) => { delete o.metadata.resourceVersion; }, 'metadata.resourceVersion: Invalid value: "": must be specified for an update'],
  ])('%s', (_name, edit, want) => {
    const next = structuredClone(old);
    edit(next);
    expect(update(next, old)).toContain(want);
  });

  it('reports generic and kind checks together, as the real BeforeUpdate does', () => {
    const next = structuredClone(old);
    next.metadata.labels = { '-bad': 'x' };
    const errs = update(next, old);
    // Four times, as on a real server: the generic create and update checks on common fields, then
    // ValidateConfigMapUpdate's own ObjectMetaUpdate and its full ValidateConfigMap.
    expect(errs.filter((e) => e.startsWith('metadata.labels: Invalid value: "-bad"'))).toHaveLength(4);
  });

  it('forbids new finalizers once deletion started', () => {
    const deleting = stored(configMap((c) => { c.metadata.deletionTimestamp = '2025-01-02T00:00:00Z'; c.metadata.finalizers = ['example.com/a']; }));
    const next = structuredClone(deleting);
    next.metadata.finalizers = ['example.com/a', 'example.com/b'];
    expect(update(next, deleting)).toContain('metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/b"}');
  });
});
