/**
 * Protobuf bodies through decodeObject: the real kubectl's bodies and one object of every body kind
 * decode to exactly what the same object sent as JSON decodes to; malformed bodies get
 * kube-apiserver's 400 texts.
 */
import { describe, expect, it } from 'vitest';
import { RESOURCES, type ResourceInfo } from '../../../lib/api/resources.js';
import { ApiError } from '../../../lib/errors.js';
import { decodeObject, decodeSubresourceBody } from '../decode-object.js';
import { PROTOBUF_MAGIC, PROTOBUF_MEDIA_TYPE } from './decode-protobuf.js';
import { encodeProtobufBody } from './encode-body.js';
import { GO_OBJECTS, GO_SUBRESOURCE_OBJECTS } from './go-objects.fixture.js';
import { KUBECTL_BODIES } from './kubectl-bodies.fixture.js';
import { protoType } from './proto-root.js';

type Json = Record<string, unknown>;
const resource = (name: string): ResourceInfo => RESOURCES.find((r) => r.resource === name)!;

function viaProtobuf(body: Uint8Array | string, expected: ResourceInfo, fieldValidation = 'Strict') {
  return decodeObject({ body, contentType: PROTOBUF_MEDIA_TYPE, expected, fieldValidation });
}

/** The same object as a JSON client would send it, under Strict, so a fixture with a field the JSON schema lacks fails. */
function viaJson(object: Json, expected: ResourceInfo) {
  return decodeObject({ body: JSON.stringify(object), contentType: 'application/json', expected, fieldValidation: 'Strict' });
}

describe('the bodies kubectl v1.32 sends', () => {
  it.each(KUBECTL_BODIES)('$command decodes as its JSON does', ({ resource: name, protobufHex, json }) => {
    const decoded = viaProtobuf(Buffer.from(protobufHex, 'hex'), resource(name));
    expect(decoded).toEqual(viaJson(json, resource(name)));
    expect(decoded.warnings).toEqual([]);
  });

  it('create deployment: the object, field by field', () => {
    const { object } = viaProtobuf(Buffer.from(KUBECTL_BODIES[2]!.protobufHex, 'hex'), resource('deployments'));
    expect(object).toEqual({
      apiVersion: 'apps/v1', kind: 'Deployment',
      metadata: { name: 'hello', labels: { app: 'hello' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'hello' } },
        template: {
          metadata: { labels: { app: 'hello' } },
          spec: { containers: [{ name: 'hello', image: 'nginxdemos/hello:plain-text', resources: {} }] },
        },
        strategy: {},
      },
      status: {},
    });
  });

  it('takes the body as a one-byte-per-character string, as ApiRequest carries it', () => {
    const bytes = Buffer.from(KUBECTL_BODIES[3]!.protobufHex, 'hex');
    expect(viaProtobuf(bytes.toString('latin1'), resource('services'))).toEqual(viaProtobuf(bytes, resource('services')));
  });
});

describe('every body kind round-trips through protobuf', () => {
  it.each(GO_OBJECTS)('%s', (name, object) => {
    const fromJson = viaJson(object, resource(name));
    for (const goZeros of [false, true]) {
      expect(viaProtobuf(encodeProtobufBody(object, { goZeros }), resource(name)), `goZeros=${goZeros}`).toEqual(fromJson);
    }
  });

  it.each(GO_SUBRESOURCE_OBJECTS)('%s/%s', (_resource, _sub, object) => {
    const opts = { apiVersion: object.apiVersion as string, kind: object.kind as string, fieldValidation: 'Strict' };
    const fromJson = decodeSubresourceBody({ ...opts, body: JSON.stringify(object), contentType: 'application/json' });
    const fromProto = decodeSubresourceBody({ ...opts, body: encodeProtobufBody(object, { goZeros: true }), contentType: PROTOBUF_MEDIA_TYPE });
    expect(fromProto).toEqual(fromJson);
  });

  it('keeps a pointer set to zero and drops a zero that Go omits', () => {
    const object = GO_OBJECTS.find(([n]) => n === 'deployments')![1];
    const { object: decoded } = viaProtobuf(encodeProtobufBody({ ...object, spec: { ...(object.spec as Json), paused: false, minReadySeconds: 0 } }, { goZeros: true }), resource('deployments'));
    const spec = decoded.spec as Json;
    expect(spec.replicas).toBe(0);
    expect(spec).not.toHaveProperty('paused');
    expect(spec).not.toHaveProperty('minReadySeconds');
  });
});

/** magic + runtime.Unknown{typeMeta, raw}. */
function envelope(raw: number[], typeMeta: Json = { apiVersion: 'v1', kind: 'Namespace' }): Uint8Array {
  const unknown = protoType('runtime.Unknown').encode({ typeMeta, raw: Uint8Array.from(raw) }).finish();
  return Uint8Array.from([...PROTOBUF_MAGIC, ...unknown]);
}

function failure(run: () => unknown): { code: number; message: string } {
  try {
    run();
  } catch (e) {
    if (e instanceof ApiError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected an ApiError');
}

const unrecognized = (cause: string, summary: string) => `the object provided is unrecognized (must be of type Namespace): ${cause} (${summary})`;
const namespaceError = (cause: string) => `Namespace in version "v1" cannot be handled as a Namespace: ${cause}`;
const ff = (n: number) => new Array<number>(n).fill(0xff);

describe('malformed protobuf bodies: 400 with kube-apiserver words', () => {
  it.each([
    ['an empty body', new Uint8Array(), unrecognized('empty data', '<empty>')],
    ['no magic', Buffer.from('hello'), unrecognized('provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]', '68656c6c6f')],
    ['a short magic', Buffer.from('k8s'), unrecognized('provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]', '6b3873')],
    ['the magic alone', Uint8Array.from(PROTOBUF_MAGIC), unrecognized('empty body', '6b387300')],
    ['a cut envelope', Uint8Array.from([...PROTOBUF_MAGIC, 0x0a, 0x05]), unrecognized('unexpected EOF', '6b3873000a05')],
    ['an envelope field of the wrong wire type', Uint8Array.from([...PROTOBUF_MAGIC, 0x08, 0x00]), unrecognized('proto: wrong wireType = 0 for field TypeMeta', '6b3873000800')],
    ['a cut object', envelope([0x0a, 0x05, 0x64]), namespaceError('unexpected EOF')],
    ['metadata as a number', envelope([0x08, 0x01]), namespaceError('proto: wrong wireType = 0 for field ObjectMeta')],
    ['labels as a number', envelope([0x0a, 0x02, 0x58, 0x01]), namespaceError('proto: wrong wireType = 0 for field Labels')],
    ['field number 0', envelope([0x02, 0x00]), namespaceError('proto: Namespace: illegal tag 0 (wire type 2)')],
    ['an end-group tag', envelope([0x0c]), namespaceError('proto: Namespace: wiretype end group for non-group')],
    ['an unknown field of wire type 7', envelope([0x3f]), namespaceError('proto: illegal wireType 7')],
    ['a varint of 11 bytes', envelope([0x38, ...ff(10), 0x01]), namespaceError('proto: integer overflow')],
    ['a negative length', envelope([0x0a, ...ff(9), 0x01]), namespaceError('proto: negative length found during unmarshaling')],
    ['a time Go cannot write', envelope([0x0a, 0x09, 0x42, 0x07, 0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20]), namespaceError('Time.MarshalJSON: year outside of range [0,9999]')],
  ])('%s', (_name, body, message) => {
    expect(failure(() => viaProtobuf(body, resource('namespaces')))).toEqual({ code: 400, message });
  });

  it('a quantity that does not parse', () => {
    const pod = GO_OBJECTS.find(([n]) => n === 'pods')![1];
    const bad = { ...pod, spec: { containers: [{ name: 'c', resources: { limits: { cpu: 'lots' } } }] } };
    expect(failure(() => viaProtobuf(encodeProtobufBody(bad), resource('pods')))).toEqual({
      code: 400,
      message: `Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    });
  });
});

describe('the kind a protobuf body names', () => {
  const pod = GO_OBJECTS.find(([n]) => n === 'pods')![1];

  it('takes kind and version from the URL when the envelope leaves them empty', () => {
    const { object } = viaProtobuf(envelope([0x0a, 0x06, 0x0a, 0x04, ...Buffer.from('demo')], {}), resource('namespaces'));
    expect(object).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } });
  });

  it.each([
    ['another kind', encodeProtobufBody(pod), 'Pod in version "v1" cannot be handled as a Namespace: converting (v1.Pod) to (core.Namespace): unknown conversion'],
    ['an unregistered kind', envelope([], { apiVersion: 'v1', kind: 'Foo' }), 'Foo in version "v1" cannot be handled as a Namespace: no kind "Foo" is registered for version "v1" in scheme "pkg/api/legacyscheme/scheme.go:30"'],
  ])('%s on the namespaces URL', (_name, body, message) => {
    expect(failure(() => viaProtobuf(body, resource('namespaces')))).toEqual({ code: 400, message });
  });

  it('another version of the same kind', () => {
    const body = envelope([], { apiVersion: 'apps/v1beta2', kind: 'Deployment' });
    expect(failure(() => viaProtobuf(body, resource('deployments')))).toEqual({
      code: 400, message: 'the API version in the data (apps/v1beta2) does not match the expected API version (apps/v1)',
    });
  });

  it('still answers 422 for an invalid fieldValidation and 415 for unreadable media types', () => {
    expect(failure(() => viaProtobuf(encodeProtobufBody(pod), resource('pods'), 'strict')).code).toBe(422);
    const cbor = () => decodeObject({ body: encodeProtobufBody(pod), contentType: 'application/cbor', expected: resource('pods') });
    expect(failure(cbor).code).toBe(415);
  });
});
