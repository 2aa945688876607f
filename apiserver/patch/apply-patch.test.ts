import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../lib/api/types.js';
import { ApiError, UnsupportedMediaTypeError } from '../../lib/errors.js';
import { applyPatch, JSON_PATCH, MERGE_PATCH, patchMediaType, STRATEGIC_MERGE_PATCH } from './apply-patch.js';
import { apiErrorOf, deepFreeze, makeDeployment, makePod } from './test-helpers.js';

const pod = () => makePod([{ name: 'nginx', image: 'nginxdemos/hello:plain-text' }], { metadata: { labels: { app: 'hello' } } }) as KubeObject;

describe('applyPatch picks the patch type from the Content-Type', () => {
  it.each([
    [STRATEGIC_MERGE_PATCH, '{"spec":{"containers":[{"name":"nginx","image":"v2"}]}}'],
    [`${STRATEGIC_MERGE_PATCH}; charset=utf-8`, '{"spec":{"containers":[{"name":"nginx","image":"v2"}]}}'],
    [MERGE_PATCH, '{"spec":{"containers":[{"name":"nginx","image":"v2"}]}}'],
    [JSON_PATCH, '[{"op":"replace","path":"/spec/containers/0/image","value":"v2"}]'],
  ])('%s', (contentType, body) => {
    const patched = applyPatch(contentType, pod(), body, 'V1Pod');
    expect(patched.spec.containers).toEqual([{ name: 'nginx', image: 'v2' }]);
  });

  it('strategic merge merges lists by key where JSON merge replaces them', () => {
    const body = '{"spec":{"containers":[{"name":"debug","image":"d"}]}}';
    expect(applyPatch(STRATEGIC_MERGE_PATCH, pod(), body, 'V1Pod').spec.containers).toHaveLength(2);
    expect(applyPatch(MERGE_PATCH, pod(), body, 'V1Pod').spec.containers).toEqual([{ name: 'debug', image: 'd' }]);
  });

  it.each([
    'application/apply-patch+yaml', 'text/plain', 'application/json', '', 'Application/Merge-Patch+JSON',
  ])('415 UnsupportedMediaType for %j', (contentType) => {
    const err = apiErrorOf(() => applyPatch(contentType, pod(), '{}', 'V1Pod'));
    expect(err).toBeInstanceOf(UnsupportedMediaTypeError);
    expect(err.code).toBe(415);
    expect(err.reason).toBe('UnsupportedMediaType');
  });

  it('names the accepted types only for server-side apply, whose type the PATCH route consumes', () => {
    expect(apiErrorOf(() => applyPatch('application/apply-patch+yaml', pod(), '{}', 'V1Pod')).toStatus()).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 415, reason: 'UnsupportedMediaType',
      message: 'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json',
    });
    // Any other type never reaches kube-apiserver's patch handler: go-restful refuses the route.
    expect(apiErrorOf(() => applyPatch('text/plain', pod(), '{}', 'V1Pod')).toStatus()).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 415, reason: 'UnsupportedMediaType',
      message: '415: Unsupported Media Type', details: {},
    });
  });

  it('patchMediaType drops parameters only after a non-empty type', () => {
    expect(patchMediaType('application/json-patch+json;charset=utf-8')).toBe('application/json-patch+json');
    expect(patchMediaType(';x')).toBe(';x');
  });
});

describe('applyPatch answers undecodable bodies with kube-apiserver\'s 400s', () => {
  it.each([
    [STRATEGIC_MERGE_PATCH, '{', 'unexpected end of JSON input'],
    [STRATEGIC_MERGE_PATCH, 'spec: {}', "invalid character 's' looking for beginning of value"],
    [STRATEGIC_MERGE_PATCH, '[1]', 'json: cannot unmarshal array into Go value of type map[string]interface {}'],
    [STRATEGIC_MERGE_PATCH, '"x"', 'json: cannot unmarshal string into Go value of type map[string]interface {}'],
    [MERGE_PATCH, 'x', "error decoding patch: invalid character 'x' looking for beginning of value"],
    [MERGE_PATCH, '', 'error decoding patch: unexpected end of JSON input'],
    [MERGE_PATCH, 'null', 'Invalid JSON Patch'],
    [MERGE_PATCH, '[]', 'error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}'],
    [MERGE_PATCH, '3', 'error decoding patch: json: cannot unmarshal number into Go value of type map[string]interface {}'],
    [JSON_PATCH, '{"op":"add"}', 'error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp'],
    [JSON_PATCH, '[5]', 'error decoding patch: json: cannot unmarshal number into Go value of type handlers.jsonPatchOp'],
    [JSON_PATCH, '[{"op":1,"path":"/a"}]', 'error decoding patch: json: cannot unmarshal number into Go struct field jsonPatchOp.op of type string'],
    [JSON_PATCH, '[{"op":"add","path":["a"]}]', 'error decoding patch: json: cannot unmarshal array into Go struct field jsonPatchOp.path of type string'],
    [JSON_PATCH, '[{"op":"add","path":"/a",}]', "error decoding patch: invalid character '}' looking for beginning of object key string"],
    [MERGE_PATCH, '{"metadata":{"__proto__":{"x":1}}}', 'error decoding patch: the key "__proto__" is not allowed in a patch'],
    [STRATEGIC_MERGE_PATCH, '{"__proto__":{"x":1}}', 'the key "__proto__" is not allowed in a patch'],
  ])('%s %j', (contentType, body, message) => {
    const err = apiErrorOf(() => applyPatch(contentType, pod(), body, 'V1Pod'));
    expect(err.toStatus()).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'BadRequest', code: 400 });
  });

  it('refuses deep nesting with a 400 for every patch type', () => {
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    for (const type of [STRATEGIC_MERGE_PATCH, MERGE_PATCH]) {
      const err = apiErrorOf(() => applyPatch(type, pod(), deep, 'V1Pod'));
      expect(err.code).toBe(400);
      expect(err.message).toContain("invalid character '{' exceeded max depth");
    }
    expect(apiErrorOf(() => applyPatch(JSON_PATCH, pod(), '['.repeat(100_000), 'V1Pod')).code).toBe(400);
  });

  it('patches an original nested far deeper than any patch may be', () => {
    let deep: any = {};
    for (let i = 0; i < 20_000; i++) deep = { a: deep };
    const original = { ...pod(), spec: deep } as KubeObject;
    for (const [type, body] of [[MERGE_PATCH, '{"metadata":{"labels":{"x":"y"}}}'], [STRATEGIC_MERGE_PATCH, '{"metadata":{"labels":{"x":"y"}}}'],
      [JSON_PATCH, '[{"op":"add","path":"/metadata/labels/x","value":"y"}]']] as const) {
      expect(applyPatch(type, original, body, 'V1Pod').metadata.labels).toEqual({ app: 'hello', x: 'y' });
    }
  });

  it('413 for more than 10000 JSON patch operations', () => {
    const ops = JSON.stringify(Array.from({ length: 10001 }, () => ({ op: 'test', path: '/kind', value: 'Pod' })));
    const err = apiErrorOf(() => applyPatch(JSON_PATCH, pod(), ops, 'V1Pod'));
    expect(err.code).toBe(413);
    expect(err.message).toBe('Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001');
  });
});

describe('applyPatch results', () => {
  it('a null strategic merge patch or JSON patch changes nothing', () => {
    expect(applyPatch(STRATEGIC_MERGE_PATCH, pod(), 'null', 'V1Pod')).toEqual(pod());
    expect(applyPatch(JSON_PATCH, pod(), 'null', 'V1Pod')).toEqual(pod());
  });

  it('a failed JSON patch test is the 422 kube-apiserver sends', () => {
    const err = apiErrorOf(() => applyPatch(JSON_PATCH, pod(), '[{"op":"test","path":"/metadata/labels/app","value":"other"}]', 'V1Pod'));
    expect(err.toStatus()).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
      message: 'the server rejected our request due to an error in our request', reason: 'Invalid', details: {}, code: 422,
    });
  });

  it('a JSON patch on a missing path is a 422', () => {
    expect(apiErrorOf(() => applyPatch(JSON_PATCH, pod(), '[{"op":"remove","path":"/spec/nodeName"}]', 'V1Pod')).code).toBe(422);
  });

  it.each([
    [MERGE_PATCH, '{"metadata":{"name":"other"}}', 'the name of the object (other) does not match the name on the URL (hello)'],
    [JSON_PATCH, '[{"op":"remove","path":"/metadata"}]', 'the name of the object () does not match the name on the URL (hello)'],
    [STRATEGIC_MERGE_PATCH, '{"metadata":{"name":null}}', 'the name of the object () does not match the name on the URL (hello)'],
  ])('the name cannot change: %s %s', (type, body, message) => {
    const err = apiErrorOf(() => applyPatch(type, pod(), body, 'V1Pod'));
    expect(err.code).toBe(400);
    expect(err.message).toBe(message);
  });

  it('restores a removed kind and apiVersion, refuses a different one', () => {
    const patched = applyPatch(JSON_PATCH, pod(), '[{"op":"remove","path":"/kind"},{"op":"remove","path":"/apiVersion"}]', 'V1Pod');
    expect([patched.apiVersion, patched.kind]).toEqual(['v1', 'Pod']);
    expect(apiErrorOf(() => applyPatch(MERGE_PATCH, pod(), '{"kind":"Service"}', 'V1Pod')).code).toBe(422);
  });

  it('a JSON patch replacing the whole document by a list is a 422', () => {
    expect(apiErrorOf(() => applyPatch(JSON_PATCH, pod(), '[{"op":"replace","path":"","value":[]}]', 'V1Pod')).code).toBe(422);
  });

  it('kubectl scale on the scale subresource', () => {
    const scale = { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'rolling' }, spec: { replicas: 2 }, status: { replicas: 2 } } as KubeObject;
    expect(applyPatch(MERGE_PATCH, scale, '{"spec":{"replicas":3}}', 'V1Scale').spec).toEqual({ replicas: 3 });
  });

  it('kubectl set image on a Deployment', () => {
    const body = '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],"containers":[{"image":"nginxdemos/hello:latest","name":"nginx"}]}}}}';
    const live = deepFreeze(makeDeployment([{ name: 'nginx', image: 'nginxdemos/hello:plain-text' }]) as KubeObject);
    expect(applyPatch(STRATEGIC_MERGE_PATCH, live, body, 'V1Deployment').spec.template.spec.containers)
      .toEqual([{ name: 'nginx', image: 'nginxdemos/hello:latest' }]);
  });
});

/**
 * Deterministic generators of hostile bodies: token soup (mostly unparsable) and random JSON built
 * from the directive keys and field names the merges care about (parsable, structurally absurd).
 */
function rng(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

const KEYS = ['$patch', '$retainKeys', '$setElementOrder/containers', '$deleteFromPrimitiveList/finalizers', '$setElementOrder/finalizers',
  'spec', 'containers', 'metadata', 'finalizers', 'name', 'image', 'ports', 'containerPort', 'env', 'labels', 'op', 'path', 'from', 'value', 'kind'];
const SCALARS = [null, 'delete', 'replace', 'merge', 'nginx', '/spec/containers/0', '/metadata/name', 'add', 'remove', 'test', 1, 80, true];

function randomJson(next: () => number, depth: number): unknown {
  const roll = next();
  if (depth > 4 || roll < 0.35) return SCALARS[Math.floor(next() * SCALARS.length)];
  if (roll < 0.6) return Array.from({ length: Math.floor(next() * 4) }, () => randomJson(next, depth + 1));
  const obj: Record<string, unknown> = {};
  for (let i = Math.floor(next() * 4); i >= 0; i--) obj[KEYS[Math.floor(next() * KEYS.length)]!] = randomJson(next, depth + 1);
  return obj;
}

function* garbage(count: number): Generator<string> {
  const next = rng(42);
  const tokens = ['{', '}', '[', ']', ',', ':', '"a"', '"$patch"', '"spec"', 'null', '1', 'true', ' '];
  for (let i = 0; i < count; i++) {
    if (i % 2) yield JSON.stringify(randomJson(next, 0));
    else yield Array.from({ length: 1 + Math.floor(next() * 30) }, () => tokens[Math.floor(next() * tokens.length)]).join('');
  }
}

describe('applyPatch never fails with anything but an ApiError', () => {
  it('for 3000 generated bodies of each type', () => {
    for (const type of [STRATEGIC_MERGE_PATCH, MERGE_PATCH, JSON_PATCH]) {
      for (const body of garbage(3000)) {
        try {
          const result = applyPatch(type, deepFreeze(pod()), body, 'V1Pod');
          expect(typeof result.metadata).toBe('object');
        } catch (err) {
          if (!(err instanceof ApiError)) throw new Error(`${type} ${JSON.stringify(body)} threw ${String(err)}`);
          expect([400, 413, 422]).toContain(err.code);
        }
      }
    }
  });
});
