import { describe, expect, it } from 'vitest';
import { jsonPatch } from './json-patch.js';
import { UnprocessablePatchError } from './patch-errors.js';
import { apiErrorOf, containsFrozen, deepFreeze, makeDeployment } from './test-helpers.js';

// RFC 6902 Appendix A examples that succeed (A.1–A.8, A.10, A.11, A.14, A.16), plus copy.
const applied: [string, unknown, unknown[], unknown][] = [
  ['A.1 add an object member', { foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux' }], { baz: 'qux', foo: 'bar' }],
  ['A.2 add an array element', { foo: ['bar', 'baz'] }, [{ op: 'add', path: '/foo/1', value: 'qux' }], { foo: ['bar', 'qux', 'baz'] }],
  ['A.3 remove an object member', { baz: 'qux', foo: 'bar' }, [{ op: 'remove', path: '/baz' }], { foo: 'bar' }],
  ['A.4 remove an array element', { foo: ['bar', 'qux', 'baz'] }, [{ op: 'remove', path: '/foo/1' }], { foo: ['bar', 'baz'] }],
  ['A.5 replace a value', { baz: 'qux', foo: 'bar' }, [{ op: 'replace', path: '/baz', value: 'boo' }], { baz: 'boo', foo: 'bar' }],
  ['A.6 move a value',
    { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } },
    [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }],
    { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } }],
  ['A.7 move an array element', { foo: ['all', 'grass', 'cows', 'eat'] }, [{ op: 'move', from: '/foo/1', path: '/foo/3' }], { foo: ['all', 'cows', 'eat', 'grass'] }],
  ['A.8 test a value (success)', { baz: 'qux', foo: ['a', 2, 'c'] },
    [{ op: 'test', path: '/baz', value: 'qux' }, { op: 'test', path: '/foo/1', value: 2 }], { baz: 'qux', foo: ['a', 2, 'c'] }],
  ['A.10 add a nested member object', { foo: 'bar' }, [{ op: 'add', path: '/child', value: { grandchild: {} } }], { foo: 'bar', child: { grandchild: {} } }],
  ['A.11 ignore unrecognized elements', { foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux', xyz: 123 }], { foo: 'bar', baz: 'qux' }],
  ['A.14 ~ escape ordering', { '/': 9, '~1': 10 }, [{ op: 'test', path: '/~01', value: 10 }], { '/': 9, '~1': 10 }],
  ['A.16 add an array value', { foo: ['bar'] }, [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }], { foo: ['bar', ['abc', 'def']] }],
  ['copy a value', { a: { b: 1 } }, [{ op: 'copy', from: '/a', path: '/c' }], { a: { b: 1 }, c: { b: 1 } }],
  ['test the whole document', { a: 1 }, [{ op: 'test', path: '', value: { a: 1 } }], { a: 1 }],
  ['replace the whole document', { a: 1 }, [{ op: 'replace', path: '', value: { b: 2 } }], { b: 2 }],
  ['replace of a missing member adds it (evanphx/json-patch v4, as kube-apiserver)', { metadata: {} },
    [{ op: 'replace', path: '/metadata/labels', value: { a: 'b' } }], { metadata: { labels: { a: 'b' } } }],
  ['operations see the effect of earlier ones', { a: 1 },
    [{ op: 'add', path: '/b', value: {} }, { op: 'add', path: '/b/c', value: 2 }, { op: 'test', path: '/b/c', value: 2 }], { a: 1, b: { c: 2 } }],
];

// Failures kube-apiserver answers with 422 (RFC A.9, A.12, A.15 and the missing-path cases).
const refused: [string, unknown, unknown[]][] = [
  ['A.9 test a value (error)', { baz: 'qux' }, [{ op: 'test', path: '/baz', value: 'bar' }]],
  ['A.12 add to a nonexistent target', { foo: 'bar' }, [{ op: 'add', path: '/baz/bat', value: 'qux' }]],
  ['A.15 compare strings and numbers', { '/': 9, '~1': 10 }, [{ op: 'test', path: '/~01', value: '10' }]],
  ['remove a missing member', { a: 1 }, [{ op: 'remove', path: '/b' }]],
  ['remove a missing array index', { a: [1] }, [{ op: 'remove', path: '/a/5' }]],
  ['replace under a missing parent', { a: 1 }, [{ op: 'replace', path: '/b/c', value: 1 }]],
  ['replace a missing array index', { a: [1] }, [{ op: 'replace', path: '/a/3', value: 1 }]],
  ['move from a missing path', { a: 1 }, [{ op: 'move', from: '/x', path: '/y' }]],
  ['copy without from', { a: 1 }, [{ op: 'copy', path: '/y' }]],
  ['an unknown op', { a: 1 }, [{ op: 'frobnicate', path: '/a' }]],
  ['an op without a path', { a: 1 }, [{ op: 'remove' }]],
  ['an operation that is not an object', { a: 1 }, [null]],
  ['add at the document root', { a: 1 }, [{ op: 'add', path: '', value: {} }]],
  ['remove the document root', { a: 1 }, [{ op: 'remove', path: '' }]],
  ['replace the root with a scalar', { a: 1 }, [{ op: 'replace', path: '', value: 3 }]],
  ['a path not starting with "/"', { a: 1 }, [{ op: 'add', path: 'a', value: 2 }]],
  ['an add past the end of an array', { a: [1] }, [{ op: 'add', path: '/a/3', value: 2 }]],
  ['a path through an inherited member', { metadata: {} }, [{ op: 'add', path: '/metadata/constructor/polluted', value: 1 }]],
  ['a __proto__ member', { metadata: {} }, [{ op: 'add', path: '/metadata/__proto__', value: { polluted: 1 } }]],
  ['a failing test stops the whole patch', { a: 1 }, [{ op: 'replace', path: '/a', value: 2 }, { op: 'test', path: '/a', value: 1 }]],
];

describe('jsonPatch (RFC 6902)', () => {
  it.each(applied)('%s', (_name, original, ops, expected) => {
    expect(jsonPatch(original, ops)).toEqual(expected);
  });

  it.each(applied)('does not mutate or share its inputs: %s', (_name, original, ops) => {
    const result = jsonPatch(deepFreeze(structuredClone(original)), deepFreeze(structuredClone(ops)));
    expect(containsFrozen(result)).toBe(false);
  });

  it.each(refused)('422 for %s', (_name, original, ops) => {
    const before = structuredClone(original);
    const err = apiErrorOf(() => jsonPatch(original, ops));
    expect(err).toBeInstanceOf(UnprocessablePatchError);
    expect(err.toStatus()).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
      message: 'the server rejected our request due to an error in our request', reason: 'Invalid', details: {}, code: 422,
    });
    expect(original).toEqual(before);
    expect((Object as any).polluted).toBeUndefined();
    expect(({} as any).polluted).toBeUndefined();
  });

  it('keeps the reason of a refusal for the logs', () => {
    const err = apiErrorOf(() => jsonPatch({ spec: { replicas: 2 } }, [{ op: 'test', path: '/spec/replicas', value: 3 }]));
    expect((err as UnprocessablePatchError).detail).toContain('test /spec/replicas');
  });

  it('kubectl rollout undo: replace the template and the annotations', () => {
    const live = makeDeployment([{ name: 'nginx', image: 'nginxdemos/hello:latest' }]);
    const template = { metadata: { creationTimestamp: null, labels: { app: 'rolling' } }, spec: { containers: [{ name: 'nginx', image: 'nginxdemos/hello:plain-text', resources: {} }] } };
    const annotations = { 'deployment.kubernetes.io/revision': '2' };
    const ops = [
      { op: 'replace', path: '/spec/template', value: template },
      { op: 'replace', path: '/metadata/annotations', value: annotations },
    ];
    const patched = jsonPatch(live, ops) as any;
    expect(patched.spec.template).toEqual(template);
    expect(patched.metadata.annotations).toEqual(annotations);
    expect(patched.spec.replicas).toBe(2);
    expect(live.spec.template.spec.containers[0].image).toBe('nginxdemos/hello:latest');
  });
});
