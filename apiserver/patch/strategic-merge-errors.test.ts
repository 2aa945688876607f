import { describe, expect, it } from 'vitest';
import { strategicMergePatch } from './strategic-merge.js';
import { MAX_NESTING_DEPTH } from './json-value.js';
import { StrategicMergePatchError, UnprocessablePatchError } from './patch-errors.js';
import { apiErrorOf, makePod } from './test-helpers.js';

const nginx = { name: 'nginx', image: 'nginxdemos/hello:plain-text' };
const debug = { name: 'debug', image: 'posquit0/doraemon' };

describe('strategicMergePatch rejects malformed patches like kube-apiserver', () => {
  const pod = makePod([nginx, debug], { metadata: { finalizers: ['a'] } });
  it.each([
    ['a list element without its merge key', { spec: { containers: [{ image: 'x' }] } }, 400, 'map: map[image:x] does not contain declared merge key: name'],
    ['an unknown $patch in a map', { metadata: { labels: { $patch: 'frobnicate' } } }, 400, 'unknown patch type: frobnicate in map: map[$patch:frobnicate]'],
    ['an unknown $patch in a list', { spec: { containers: [{ name: 'x', $patch: 'nope' }] } }, 400, 'unknown patch type: nope in map: map[$patch:nope name:x]'],
    ['$retainKeys that is not a list', { spec: { $retainKeys: 'containers' } }, 400, 'invalid patch format of retainKeys'],
    ['a key missing from $retainKeys', { spec: { $retainKeys: ['volumes'], hostname: 'h' } }, 400, 'invalid patch format of retainKeys'],
    ['$setElementOrder that is not a list', { spec: { '$setElementOrder/containers': 'nginx' } }, 400, 'expected a []interface {}, but received a string'],
    ['a malformed directive prefix', { spec: { '$setElementOrderX/containers': [] } }, 400, 'invalid patch format of setElementOrder list'],
    ['$deleteFromPrimitiveList that is not a list', { metadata: { '$deleteFromPrimitiveList/finalizers': 'a' } }, 400, 'invalid patch format of primitive list'],
    ['a patch list out of $setElementOrder order', { spec: { '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'debug' }], containers: [{ name: 'debug' }, { name: 'nginx' }] } }, 400, "doesn't match $setElementOrder list"],
    ['mixed element types in a merged list', { metadata: { finalizers: [1] } }, 400, 'list element types are not identical'],
    ['a list of lists', { metadata: { finalizers: [['a']] } }, 422, 'the server rejected our request due to an error in our request'],
    ['a patch that is not an object', ['x'], 400, 'json: cannot unmarshal array into Go value of type map[string]interface {}'],
  ])('%s', (_what, patch, code, message) => {
    const err = apiErrorOf(() => strategicMergePatch(pod, patch, 'V1Pod'));
    expect(err.code).toBe(code);
    expect(err.message).toContain(message);
    if (code === 422) expect(err).toBeInstanceOf(UnprocessablePatchError);
    else expect(err.reason).toBe('BadRequest');
  });

  it('reports malformed directives as StrategicMergePatchError', () => {
    expect(apiErrorOf(() => strategicMergePatch(pod, { spec: { $retainKeys: 1 } }, 'V1Pod'))).toBeInstanceOf(StrategicMergePatchError);
  });

  it('refuses a patch nested deeper than the limit instead of overflowing the stack', () => {
    let deep: any = 1;
    for (let i = 0; i < 50_000; i++) deep = { a: deep };
    expect(apiErrorOf(() => strategicMergePatch({}, deep, 'NoSuchType')).code).toBe(400);
  });

  it('merges a patch nested right at the limit', () => {
    let deep: any = 1;
    for (let i = 0; i < MAX_NESTING_DEPTH - 2; i++) deep = { a: deep };
    expect(() => strategicMergePatch({}, { metadata: { annotations: deep } }, 'V1Pod')).not.toThrow();
    expect(apiErrorOf(() => strategicMergePatch({}, { metadata: { annotations: { a: deep } } }, 'V1Pod')).code).toBe(400);
  });
});
