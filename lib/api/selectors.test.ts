import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../errors.js';
import {
  convertFieldSelector, escapeFieldValue, fieldSelectorString, fieldSelectorSupport, formatLabelSelector,
  labelSelectorAsRequirements, matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector,
  selectableFields, selectorString, unescapeFieldValue, type LabelSelector,
} from './selectors.js';
import type { KubeObject } from './types.js';

const QNAME_RULE = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE_RULE = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

function badRequest(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(BadRequestError);
    expect((err as BadRequestError).code).toBe(400);
    return (err as Error).message;
  }
  throw new Error('expected a BadRequestError');
}

describe('parseLabelSelector: every operator, matched against label sets', () => {
  const labels = { app: 'hello', tier: 'web', n: '5' };
  it.each([
    // selector, parsed string form, matches `labels`, matches {}
    ['app=hello', 'app=hello', true, false],
    ['app==hello', 'app==hello', true, false],
    ['app!=hello', 'app!=hello', false, true],
    ['app!=other', 'app!=other', true, true],
    ['app in (hello,bye)', 'app in (bye,hello)', true, false],
    ['app in (bye)', 'app in (bye)', false, false],
    ['app notin (bye)', 'app notin (bye)', true, true],
    ['app notin (hello)', 'app notin (hello)', false, true],
    ['app', 'app', true, false],
    ['!app', '!app', false, true],
    ['!missing', '!missing', true, true],
    ['n>4', 'n>4', true, false],
    ['n>5', 'n>5', false, false],
    ['n<6', 'n<6', true, false],
    ['app>1', 'app>1', false, false], // a non-integer label never satisfies gt/lt
    ['', '', true, true],
    ['tier=web,app=hello', 'app=hello,tier=web', true, false], // sorted by key
    ['  app = hello ,  tier  ', 'app=hello,tier', true, false], // whitespace around tokens
    ['app=', 'app=', false, false], // the empty value
    ['app in (),tier', 'app in (),tier', false, false],
    ['x in (in,notin)', 'x in (in,notin)', false, false], // keywords are values in value position
    ['example.com/app=a.b_c-1', 'example.com/app=a.b_c-1', false, false],
  ])('%j', (selector, printed, matches, matchesEmpty) => {
    const reqs = parseLabelSelector(selector);
    expect(selectorString(reqs)).toBe(printed);
    expect(matchesLabels(reqs, labels)).toBe(matches);
    expect(matchesLabels(reqs, {})).toBe(matchesEmpty);
    expect(matchesLabels(reqs, undefined)).toBe(matchesEmpty);
  });

  it('keeps the operator and the sorted unique values', () => {
    expect(parseLabelSelector('b notin (z,y,z),a')).toEqual([
      { key: 'a', operator: 'exists', values: [] },
      { key: 'b', operator: 'notin', values: ['y', 'z'] },
    ]);
    expect(parseLabelSelector('a in (,x)')[0]!.values).toEqual(['', 'x']);
    expect(parseLabelSelector('a in (x,)')[0]!.values).toEqual(['', 'x']);
  });
});

describe('parseLabelSelector errors carry the real parser messages', () => {
  it.each([
    ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
    ['a in', "unable to parse requirement: found '' expected: '('"],
    ['a in (b', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['a in (=)', "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    ['a in (b,=)', "unable to parse requirement: found '=', expected: ',', or identifier"],
    ['a=(', "unable to parse requirement: found '(', expected: identifier"],
    ['!!a', "unable to parse requirement: found '!', expected: identifier"],
    ['!=a', "found '!=', expected: !, identifier, or 'end of string'"], // `!=` lexes as one token
    ['a=b c', "found 'c', expected: ',' or 'end of string'"],
    ['a,', "found '', expected: identifier after ','"],
    ['a,=b', "found '=', expected: identifier after ','"],
    ['=a', "found '=', expected: !, identifier, or 'end of string'"],
    ['!a=b', "found '=', expected: ',' or 'end of string'"],
    ['app:monolith', `unable to parse requirement: <nil>: Invalid value: "app:monolith": name part ${QNAME_RULE}`],
    ['a/b/c=d', `unable to parse requirement: <nil>: Invalid value: "a/b/c": a qualified name ${QNAME_RULE} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`],
    ['app.kubernetes_io/name=x', "unable to parse requirement: <nil>: Invalid value: \"app.kubernetes_io/name\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"],
    ['/a', `unable to parse requirement: <nil>: Invalid value: "/a": prefix part must be non-empty`],
    [`${'k'.repeat(64)}`, `unable to parse requirement: <nil>: Invalid value: "${'k'.repeat(64)}": name part must be no more than 63 characters`],
    ['a=b:c', `unable to parse requirement: values[0][a]: Invalid value: "b:c": ${VALUE_RULE}`],
    [`a=${'v'.repeat(64)}`, `unable to parse requirement: values[0][a]: Invalid value: "${'v'.repeat(64)}": must be no more than 63 characters`],
    ['a>x', `unable to parse requirement: values[0]: Invalid value: "x": for 'Gt', 'Lt' operators, the value must be an integer`],
    ['a<-1', `unable to parse requirement: values[0][a]: Invalid value: "-1": ${VALUE_RULE}`],
  ])('%j', (selector, message) => {
    expect(badRequest(() => parseLabelSelector(selector))).toBe(message);
  });
});

describe('labelSelectorAsRequirements (metav1.LabelSelectorAsSelector)', () => {
  const pod = { app: 'hello', track: 'stable' };
  it.each<[string, LabelSelector | null | undefined, string, boolean]>([
    ['nil selects nothing', undefined, '', false],
    ['null selects nothing', null, '', false],
    ['empty selects everything', {}, '', true],
    ['matchLabels', { matchLabels: { track: 'stable', app: 'hello' } }, 'app=hello,track=stable', true],
    ['In', { matchExpressions: [{ key: 'app', operator: 'In', values: ['hello', 'a'] }] }, 'app in (a,hello)', true],
    ['NotIn', { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['hello'] }] }, 'app notin (hello)', false],
    ['Exists', { matchExpressions: [{ key: 'track', operator: 'Exists' }] }, 'track', true],
    ['DoesNotExist', { matchExpressions: [{ key: 'track', operator: 'DoesNotExist' }] }, '!track', false],
    ['both, sorted by key', { matchLabels: { z: 'z' }, matchExpressions: [{ key: 'app', operator: 'Exists' }] }, 'app,z=z', false],
  ])('%s', (_name, sel, printed, matches) => {
    const reqs = labelSelectorAsRequirements(sel);
    expect(selectorString(reqs)).toBe(printed);
    expect(matchesLabels(reqs, pod)).toBe(matches);
  });

  it('agrees with the parser on the same selector', () => {
    const sel: LabelSelector = { matchLabels: { app: 'x' }, matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] };
    const reqs = labelSelectorAsRequirements(sel);
    expect(parseLabelSelector(selectorString(reqs))).toEqual(reqs);
  });

  it.each<[LabelSelector, string]>([
    [{ matchExpressions: [{ key: 'a', operator: 'Foo', values: [] }] }, '"Foo" is not a valid label selector operator'],
    [{ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }, "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty"],
    [{ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, 'values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist'],
    [{ matchLabels: { 'a b': 'x' } }, `key: Invalid value: "a b": name part ${QNAME_RULE}`],
    [{ matchLabels: { a: 'x y' } }, `values[0][a]: Invalid value: "x y": ${VALUE_RULE}`],
  ])('rejects %j', (sel, message) => {
    expect(badRequest(() => labelSelectorAsRequirements(sel))).toBe(message);
  });
});

describe('formatLabelSelector (the SELECTOR column)', () => {
  it.each<[LabelSelector | undefined, string]>([
    [{ matchLabels: { app: 'hello' } }, 'app=hello'],
    [{ matchLabels: { app: 'hello', 'pod-template-hash': '5d8f' } }, 'app=hello,pod-template-hash=5d8f'],
    [{}, '<none>'],
    [undefined, '<none>'],
    [{ matchExpressions: [{ key: 'a', operator: 'Bad' }] }, '<error>'],
  ])('%j → %s', (sel, out) => expect(formatLabelSelector(sel)).toBe(out));
});

describe('field selectors', () => {
  it.each([
    ['metadata.name=hello', [{ field: 'metadata.name', operator: '=', value: 'hello' }]],
    ['metadata.name==hello', [{ field: 'metadata.name', operator: '==', value: 'hello' }]],
    ['status.phase!=Running', [{ field: 'status.phase', operator: '!=', value: 'Running' }]],
    ['b=2,a=1', [{ field: 'a', operator: '=', value: '1' }, { field: 'b', operator: '=', value: '2' }]],
    ['a=', [{ field: 'a', operator: '=', value: '' }]],
    ['', []],
    ['a=1,', [{ field: 'a', operator: '=', value: '1' }]],
    ['x=a\\,b', [{ field: 'x', operator: '=', value: 'a,b' }]],
    ['x=a\\=b\\\\c', [{ field: 'x', operator: '=', value: 'a=b\\c' }]],
    ['x==\\=', [{ field: 'x', operator: '==', value: '=' }]],
  ])('parses %j', (selector, reqs) => {
    expect(parseFieldSelector(selector)).toEqual(reqs);
  });

  it.each([
    ['foo', "invalid selector: 'foo'; can't understand 'foo'"],
    ['a=1,foo', "invalid selector: 'a=1,foo'; can't understand 'foo'"],
    ['x=a=b', 'invalid field selector: unescaped character in value: 61'],
    ['x=a\\b', 'invalid field selector: invalid escape sequence: \\b'],
    ['x=a\\', 'invalid field selector: invalid escape sequence: \\'],
  ])('rejects %j', (selector, message) => {
    expect(badRequest(() => parseFieldSelector(selector))).toBe(message);
  });

  it('escapes and unescapes any value round trip', () => {
    for (const v of ['plain', 'a,b', 'a=b', 'back\\slash', '\\,=', '']) {
      expect(unescapeFieldValue(escapeFieldValue(v))).toBe(v);
      expect(parseFieldSelector(`f=${escapeFieldValue(v)}`)[0]!.value).toBe(v);
    }
    expect(fieldSelectorString(parseFieldSelector('b!=x\\,y,a==1'))).toBe('a=1,b!=x\\,y');
  });

  it('matches against a getter, a missing field reading as ""', () => {
    const get = (f: string) => ({ 'metadata.name': 'hello', 'spec.nodeName': '' } as Record<string, string>)[f];
    expect(matchesFields(parseFieldSelector('metadata.name=hello'), get)).toBe(true);
    expect(matchesFields(parseFieldSelector('metadata.name!=hello'), get)).toBe(false);
    expect(matchesFields(parseFieldSelector('spec.nodeName='), get)).toBe(true);
    expect(matchesFields(parseFieldSelector('status.phase='), get)).toBe(true);
    expect(matchesFields(parseFieldSelector('metadata.name=hello,spec.nodeName!='), get)).toBe(false);
    expect(matchesFields([], get)).toBe(true);
  });
});

describe('per-resource field selector support', () => {
  it.each([
    ['pods', ['metadata.name', 'metadata.namespace', 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName']],
    ['events', ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type', 'metadata.name', 'metadata.namespace']],
    ['nodes', ['metadata.name', 'spec.unschedulable']],
    ['namespaces', ['metadata.name', 'status.phase']],
    ['replicationcontrollers', ['metadata.name', 'metadata.namespace', 'status.replicas']],
    ['services', ['metadata.name', 'metadata.namespace', 'spec.clusterIP', 'spec.type']],
    ['replicasets.apps', ['metadata.name', 'metadata.namespace']],
    ['deployments.apps', ['metadata.name', 'metadata.namespace']],
    ['configmaps', ['metadata.name', 'metadata.namespace']],
    ['leases.coordination.k8s.io', ['metadata.name', 'metadata.namespace']],
  ])('%s supports exactly its fields', (resource, fields) => {
    expect(Object.keys(fieldSelectorSupport(resource).fields).sort()).toEqual([...fields].sort());
    for (const f of fields) expect(() => convertFieldSelector(resource, [{ field: f, operator: '=', value: 'x' }])).not.toThrow();
  });

  it.each([
    ['pods', 'foo', 'field label not supported: foo'],
    ['nodes', 'metadata.namespace', 'field label not supported: metadata.namespace'],
    ['events', 'message', 'field label not supported: message'],
    ['replicasets.apps', 'status.replicas', '"status.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"'],
    ['deployments.apps', 'foo.bar', '"foo.bar" is not a known field selector: only "metadata.name", "metadata.namespace"'],
  ])('%s rejects %s', (resource, field, message) => {
    expect(badRequest(() => convertFieldSelector(resource, parseFieldSelector(`${field}=x`)))).toBe(message);
  });

  it('rewrites the legacy pod field spec.host to spec.nodeName', () => {
    expect(convertFieldSelector('pods', parseFieldSelector('spec.host=node-1'))).toEqual([{ field: 'spec.nodeName', operator: '=', value: 'node-1' }]);
  });

  const pod: KubeObject = {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'hello', namespace: 'default' },
    spec: { nodeName: 'node-1', restartPolicy: 'Always' },
    status: { phase: 'Running', podIP: '10.0.0.9', podIPs: [{ ip: '10.0.0.9' }] },
  };
  it.each([
    ['pods', 'metadata.name', 'hello', pod],
    ['pods', 'metadata.namespace', 'default', pod],
    ['pods', 'spec.nodeName', 'node-1', pod],
    ['pods', 'spec.hostNetwork', 'false', pod],
    ['pods', 'spec.hostNetwork', 'true', { ...pod, spec: { hostNetwork: true } }],
    ['pods', 'status.podIP', '10.0.0.9', pod],
    ['pods', 'status.phase', 'Running', pod],
    ['pods', 'spec.schedulerName', undefined, pod],
    ['nodes', 'spec.unschedulable', 'true', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, spec: { unschedulable: true } }],
    ['nodes', 'spec.unschedulable', 'false', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' } }],
    ['replicationcontrollers', 'status.replicas', '0', { apiVersion: 'v1', kind: 'ReplicationController', metadata: {} }],
    ['events', 'involvedObject.uid', 'u1', { apiVersion: 'v1', kind: 'Event', metadata: {}, involvedObject: { uid: 'u1' }, source: { component: 'kubelet' } }],
    ['events', 'source', 'kubelet', { apiVersion: 'v1', kind: 'Event', metadata: {}, source: { component: 'kubelet' } }],
  ])('%s: %s reads %s', (resource, field, value, obj) => {
    expect(selectableFields(resource, obj as KubeObject)(field)).toBe(value);
  });

  it("answers kubectl describe's event query", () => {
    const ev = { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e', namespace: 'default' }, involvedObject: { name: 'hello', namespace: 'default', uid: 'u1' } } as KubeObject;
    const reqs = convertFieldSelector('events', parseFieldSelector('involvedObject.name=hello,involvedObject.namespace=default,involvedObject.uid=u1'));
    expect(matchesFields(reqs, selectableFields('events', ev))).toBe(true);
    expect(matchesFields(reqs, selectableFields('events', { ...ev, involvedObject: { ...ev.involvedObject, uid: 'u2' } }))).toBe(false);
  });
});
