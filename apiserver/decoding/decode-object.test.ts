import { describe, expect, it } from 'vitest';
import { RESOURCES, type ResourceInfo } from '../../lib/api/resources.js';
import { ApiError, BadRequestError, InvalidError, UnsupportedMediaTypeError } from '../../lib/errors.js';
import { decodeObject, decodeSubresourceBody, type DecodeOptions } from './decode-object.js';

const resource = (name: string): ResourceInfo => RESOURCES.find((r) => r.resource === name)!;
const pods = resource('pods');
const deployments = resource('deployments');

type Json = Record<string, unknown>;

/** A valid Pod body; `spec`/`metadata` entries replace the defaults', extra top-level keys are added. */
function makePod(over: { metadata?: Json; spec?: Json; container?: Json; [k: string]: unknown } = {}): Json {
  const { metadata, spec, container, ...rest } = over;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'hello', ...metadata },
    spec: { containers: [{ name: 'nginx', image: 'nginxdemos/hello:plain-text', ...container }], ...spec },
    ...rest,
  };
}

function decode(body: Json | string, opts: Partial<DecodeOptions> & { expected?: ResourceInfo } = {}) {
  return decodeObject({ body: typeof body === 'string' ? body : JSON.stringify(body), expected: pods, ...opts });
}

/** The thrown error's class, code and message, for table-driven checks. */
function failure(run: () => unknown): { code: number; reason: string; message: string; error: ApiError } {
  try {
    run();
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return { code: e.code, reason: e.reason, message: e.message, error: e };
  }
  throw new Error('expected an ApiError');
}

describe('decodeObject accepts what kube-apiserver accepts', () => {
  it("decodes kubectl run's body, dropping creationTimestamp: null", () => {
    const body = '{"kind":"Pod","apiVersion":"v1","metadata":{"name":"test","creationTimestamp":null,"labels":{"run":"test"}},"spec":{"containers":[{"name":"test","image":"posquit0/doraemon","resources":{}}],"restartPolicy":"Always","dnsPolicy":"ClusterFirst"},"status":{}}';
    const { object, warnings } = decode(body, { fieldValidation: undefined });
    expect(warnings).toEqual([]);
    expect(object).toEqual({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'test', labels: { run: 'test' } },
      spec: { containers: [{ name: 'test', image: 'posquit0/doraemon', resources: {} }], restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' },
      status: {},
    });
  });

  it('takes apiVersion and kind from the URL when the body has none', () => {
    const { object } = decode({ metadata: { name: 'x' } });
    expect(object).toMatchObject({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } });
    expect(decode({ kind: 'Pod' }).object.apiVersion).toBe('v1');
    expect(decode({ apiVersion: 'apps/v1' }, { expected: deployments }).object.kind).toBe('Deployment');
  });

  it.each([
    [{ container: { ports: [{ containerPort: 80, protocol: 'TCP' }] } }, { containerPort: 80 }],
    [{ spec: { terminationGracePeriodSeconds: 9007199254740993 } }, undefined],
  ])('accepts integers within range (%#)', (over, _port) => {
    expect(() => decode(makePod(over as Json))).not.toThrow();
  });

  it('accepts int-or-string and quantity fields in either form, storing quantities canonically', () => {
    const body = makePod({ container: { resources: { limits: { cpu: 0.5, memory: '1024Mi' }, requests: { cpu: '100m' } },
      readinessProbe: { httpGet: { port: 'http' } }, livenessProbe: { httpGet: { port: 8080 } } } });
    const c = decode(body).object.spec.containers[0];
    expect(c.resources).toEqual({ limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: '100m' } });
    expect([c.readinessProbe.httpGet.port, c.livenessProbe.httpGet.port]).toEqual(['http', 8080]);
  });

  it('stores timestamps as the apiserver writes them', () => {
    const { object } = decode(makePod({ metadata: { creationTimestamp: '2024-05-01T10:00:00.123+02:00' } }));
    expect(object.metadata.creationTimestamp).toBe('2024-05-01T08:00:00Z');
  });

  it('accepts a missing or parameterised Content-Type as JSON', () => {
    for (const contentType of [undefined, '', 'application/json', 'Application/JSON; charset=utf-8']) {
      expect(decode(makePod(), { contentType }).object.metadata.name).toBe('hello');
    }
  });

  it('merges an object given twice and keeps the last scalar, as Go decodes into the value already there', () => {
    const { object } = decode('{"kind":"Pod","metadata":{"name":"a","labels":{"x":"1"}},"metadata":{"name":"b"}}', { fieldValidation: 'Ignore' });
    expect(object.metadata).toEqual({ name: 'b', labels: { x: '1' } });
  });
});

describe('decodeObject errors', () => {
  const expectedFormat = 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf';
  it.each([
    ['text/plain', 'text/plain'], ['CBOR', 'application/cbor'], ['garbage', 'json'],
  ])('415 for a %s body', (_name, contentType) => {
    const f = failure(() => decode(makePod(), { contentType }));
    expect(f).toMatchObject({ code: 415, reason: 'UnsupportedMediaType', message: expectedFormat });
    expect(f.error).toBeInstanceOf(UnsupportedMediaTypeError);
  });

  it('reads a protobuf Content-Type as protobuf: JSON text there is not a protobuf message (400)', () => {
    const f = failure(() => decode(makePod(), { contentType: 'application/vnd.kubernetes.protobuf' }));
    expect(f).toMatchObject({ code: 400, reason: 'BadRequest' });
    expect(f.message).toMatch(/^the object provided is unrecognized \(must be of type Pod\): provided data does not appear to be a protobuf message, expected prefix \[107 56 115 0\] \(\{"apiVersion":"v1","kind":"Pod \.\.\.\)$/);
  });

  it.each([
    ['create', 'strict', 'CreateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "strict": supported values: "", "Ignore", "Strict", "Warn"'],
    ['update', 'Foo', 'UpdateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "Foo": supported values: "", "Ignore", "Strict", "Warn"'],
  ] as const)('422 for an invalid fieldValidation on %s', (verb, fieldValidation, message) => {
    const f = failure(() => decode(makePod(), { verb, fieldValidation }));
    expect(f).toMatchObject({ code: 422, reason: 'Invalid', message });
    expect(f.error).toBeInstanceOf(InvalidError);
    expect(f.error.details).toMatchObject({ group: 'meta.k8s.io', causes: [{ reason: 'FieldValueNotSupported', field: 'fieldValidation' }] });
  });

  const bad = (cause: string) => `Pod in version "v1" cannot be handled as a Pod: ${cause}`;
  it.each([
    ['malformed JSON', '{"kind":"Pod",', 'the object provided is unrecognized (must be of type Pod): couldn\'t get version/kind; json parse error: unexpected end of JSON input ({"kind":"Pod",)'],
    ['trailing comma', '{"kind":"Pod","metadata":{"name":"a"},}', 'the object provided is unrecognized (must be of type Pod): couldn\'t get version/kind; json parse error: invalid character \'}\' looking for beginning of object key string ({"kind":"Pod","metadata":{"nam ...)'],
    ['empty body', '', 'the object provided is unrecognized (must be of type Pod): couldn\'t get version/kind; json parse error: unexpected end of JSON input (<empty>)'],
    ['not JSON', 'hello: world', 'the object provided is unrecognized (must be of type Pod): couldn\'t get version/kind; json parse error: invalid character \'h\' looking for beginning of value (68656c6c6f3a20776f726c64)'],
    ['an array', '[]', 'the object provided is unrecognized (must be of type Pod): couldn\'t get version/kind; json parse error: json: cannot unmarshal array into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" } (5b5d)'],
    ['a numeric kind', '{"kind":5}', 'the object provided is unrecognized (must be of type Pod): couldn\'t get version/kind; json parse error: json: cannot unmarshal number into Go struct field .kind of type string ({"kind":5})'],
    ['a bad apiVersion', '{"apiVersion":"a/b/c"}', 'the object provided is unrecognized (must be of type Pod): unexpected GroupVersion string: a/b/c ({"apiVersion":"a/b/c"})'],
    ['a lower-case kind', '{"apiVersion":"v1","kind":"pod"}', 'pod in version "v1" cannot be handled as a Pod: no kind "pod" is registered for version "v1" in scheme "pkg/api/legacyscheme/scheme.go:30"'],
    ['a kind from another group', '{"apiVersion":"apps/v1","kind":"Pod"}', 'Pod in version "v1" cannot be handled as a Pod: no kind "Pod" is registered for version "apps/v1" in scheme "pkg/api/legacyscheme/scheme.go:30"'],
    ['another kind', '{"apiVersion":"v1","kind":"Service"}', 'Service in version "v1" cannot be handled as a Pod: converting (v1.Service) to (core.Pod): unknown conversion'],
    ['a Deployment', '{"apiVersion":"apps/v1","kind":"Deployment"}', 'Deployment in version "v1" cannot be handled as a Pod: converting (v1.Deployment) to (core.Pod): unknown conversion'],
    ['a group without version', '{"apiVersion":"apps/","kind":"Pod"}', 'Pod in version "" cannot be handled as a Pod: Object \'apiVersion\' is missing in \'{"apiVersion":"apps/","kind":"Pod"}\''],
  ])('400 for %s', (_name, body, message) => {
    const f = failure(() => decode(body));
    expect(f).toMatchObject({ code: 400, reason: 'BadRequest', message });
    expect(f.error).toBeInstanceOf(BadRequestError);
  });

  it.each([
    ['a string port', { container: { ports: [{ containerPort: '80' }] } }, 'json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32'],
    ['a fractional port', { container: { ports: [{ containerPort: 80.5 }] } }, 'json: cannot unmarshal number 80.5 into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32'],
    ['an int32 overflow', { container: { ports: [{ containerPort: 2147483648 }] } }, 'json: cannot unmarshal number 2147483648 into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32'],
    ['an object for a list', { spec: { containers: {} } }, 'json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container'],
    ['a list for an object', { spec: { securityContext: [] } }, 'json: cannot unmarshal array into Go struct field PodSpec.spec.securityContext of type v1.PodSecurityContext'],
    ['a numeric label', { metadata: { labels: { app: 1 } } }, 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string'],
    ['a bool env value', { container: { env: [{ name: 'A', value: true }] } }, 'json: cannot unmarshal bool into Go struct field EnvVar.spec.containers.env.value of type string'],
    ['a number for a named string type', { spec: { restartPolicy: 1 } }, 'json: cannot unmarshal number into Go struct field PodSpec.spec.restartPolicy of type v1.RestartPolicy'],
    ['a string for a bool', { spec: { hostNetwork: 'yes' } }, 'json: cannot unmarshal string into Go struct field PodSpec.spec.hostNetwork of type bool'],
    ['a bool int-or-string', { container: { livenessProbe: { httpGet: { port: true } } } }, 'json: cannot unmarshal bool into Go struct field HTTPGetAction.spec.containers.livenessProbe.httpGet.port of type int32'],
    ['a bad quantity', { container: { resources: { limits: { cpu: 'lots' } } } }, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ['a bad timestamp', { metadata: { creationTimestamp: 'now' } }, 'parsing time "now" as "2006-01-02T15:04:05Z07:00": cannot parse "now" as "2006"'],
    ['a numeric timestamp', { metadata: { creationTimestamp: 5 } }, 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string'],
  ])('400 for %s', (_name, over, cause) => {
    expect(failure(() => decode(makePod(over as Json)))).toMatchObject({ code: 400, reason: 'BadRequest', message: bad(cause) });
  });

  it('reports the first ordinary type error, unless a later custom decoder fails', () => {
    const twoErrors = makePod({ metadata: { labels: { a: 1 }, annotations: { b: 2 } } });
    expect(failure(() => decode(twoErrors)).message).toBe(bad('json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string'));
    const fatalLater = makePod({ metadata: { labels: { a: 1 } }, container: { resources: { limits: { cpu: 'x' } } } });
    expect(failure(() => decode(fatalLater)).message).toMatch(/^Pod in version "v1" cannot be handled as a Pod: quantities must match/);
  });

  it('type errors win over unknown fields, even under Strict', () => {
    const body = makePod({ spec: { foo: 1, restartPolicy: 2 } });
    expect(failure(() => decode(body, { fieldValidation: 'Strict' })).message).toBe(bad('json: cannot unmarshal number into Go struct field PodSpec.spec.restartPolicy of type v1.RestartPolicy'));
  });

  it('checks the API version last: a same-type body of another version', () => {
    const f = failure(() => decode({ apiVersion: 'apps/v1beta1', kind: 'Deployment', metadata: { name: 'd' } }, { expected: deployments }));
    expect(f).toMatchObject({ code: 400, message: 'the API version in the data (apps/v1beta1) does not match the expected API version (apps/v1)' });
    const events = resource('events');
    expect(failure(() => decode({ apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'e' } }, { expected: events })).message)
      .toBe('the API version in the data (events.k8s.io/v1) does not match the expected API version (v1)');
  });
});

describe('fields with their own Go types', () => {
  it('MicroTime fields (Lease, Event) need six fractional digits, as in kube-apiserver', () => {
    const lease = (renewTime: string) => decode({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'l' }, spec: { renewTime } }, { expected: resource('leases') });
    expect(lease('2024-01-01T00:00:00.123456+01:00').object.spec.renewTime).toBe('2023-12-31T23:00:00.123456Z');
    expect(failure(() => lease('2024-01-01T00:00:00.000Z')).message).toBe(
      'Lease in version "v1" cannot be handled as a Lease: parsing time "2024-01-01T00:00:00.000Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse ".000Z" as ".000000"');
  });

  it('binaryData must be standard base64', () => {
    const cm = (binaryData: Json) => decode({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, binaryData }, { expected: resource('configmaps') });
    expect(cm({ a: 'aGVsbG8=' }).object.binaryData).toEqual({ a: 'aGVsbG8=' });
    expect(failure(() => cm({ a: 'aGVs*G8=' })).message).toBe('ConfigMap in version "v1" cannot be handled as a ConfigMap: illegal base64 data at input byte 4');
    expect(failure(() => cm({ a: 5 })).message).toBe('ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.binaryData of type []uint8');
  });

  it('null entries of lists and maps become Go zero values', () => {
    const { object } = decode(makePod({ metadata: { labels: { a: null } }, container: { args: ['x', null] } }));
    expect([object.metadata.labels, object.spec.containers[0].args]).toEqual([{ a: '' }, ['x', '']]);
  });
});

describe('unknown and duplicate fields by fieldValidation', () => {
  const body = '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"dupename","name":"d","unknownMeta":"x"},'
    + '"spec":{"unknown1":"v","unknownDupe":"a","unknownDupe":"b","paused":true,"paused":false,"selector":{"matchLabels":{"app":"n"}},'
    + '"template":{"metadata":{"labels":{"app":"n"}},"spec":{"containers":[{"name":"n","image":"nginx","unknownNested":"v","imagePullPolicy":"Always","imagePullPolicy":"Never"}]}}}}';
  const listed = [
    'duplicate field "metadata.name"', 'unknown field "metadata.unknownMeta"', 'unknown field "spec.unknown1"',
    'unknown field "spec.unknownDupe"', 'duplicate field "spec.paused"', 'unknown field "spec.template.spec.containers[0].unknownNested"',
    'duplicate field "spec.template.spec.containers[0].imagePullPolicy"',
  ];

  it('Strict rejects them all in document order, each once', () => {
    expect(failure(() => decode(body, { expected: deployments, fieldValidation: 'Strict' }))).toMatchObject({
      code: 400, message: `Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: ${listed.join(', ')}`,
    });
  });

  it.each([['Warn'], [undefined]])('%s (the default) warns once per field and drops them', (fieldValidation) => {
    const { object, warnings } = decode(body, { expected: deployments, fieldValidation });
    expect(warnings).toEqual(listed);
    expect(object.metadata).toEqual({ name: 'd' });
    expect(object.spec.paused).toBe(false);
    expect(object.spec.template.spec.containers[0]).toEqual({ name: 'n', image: 'nginx', imagePullPolicy: 'Never' });
  });

  it('Ignore drops them silently', () => {
    const { object, warnings } = decode(body, { expected: deployments, fieldValidation: 'Ignore' });
    expect(warnings).toEqual([]);
    expect(object.spec).not.toHaveProperty('unknown1');
  });

  it('is case-sensitive, and reports duplicate map keys', () => {
    const { warnings } = decode('{"kind":"Pod","metadata":{"Name":"x","labels":{"a":"1","a":"2"}}}');
    expect(warnings).toEqual(['unknown field "metadata.Name"', 'duplicate field "metadata.labels.a"']);
  });
});

describe('decodeSubresourceBody', () => {
  it('decodes a Binding, a Scale and an Eviction against their own kinds', () => {
    const binding = decodeSubresourceBody({ apiVersion: 'v1', kind: 'Binding', body: '{"apiVersion":"v1","kind":"Binding","metadata":{"name":"p"},"target":{"kind":"Node","name":"node-1"}}' });
    expect(binding.object.target).toEqual({ kind: 'Node', name: 'node-1' });
    const scale = decodeSubresourceBody({ apiVersion: 'autoscaling/v1', kind: 'Scale', body: '{"spec":{"replicas":3}}' });
    expect(scale.object).toEqual({ apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: {}, spec: { replicas: 3 } });
    const eviction = decodeSubresourceBody({ apiVersion: 'policy/v1', kind: 'Eviction', body: '{"apiVersion":"policy/v1beta1","kind":"Eviction","metadata":{"name":"p"}}' });
    expect(eviction.object.apiVersion).toBe('policy/v1');
  });

  it('names the subresource kind in its errors', () => {
    expect(failure(() => decodeSubresourceBody({ apiVersion: 'autoscaling/v1', kind: 'Scale', body: '{"spec":{"replicas":"3"}}' })).message)
      .toBe('Scale in version "v1" cannot be handled as a Scale: json: cannot unmarshal string into Go struct field ScaleSpec.spec.replicas of type int32');
    expect(failure(() => decodeSubresourceBody({ apiVersion: 'v1', kind: 'Binding', body: '{"kind":"Pod","apiVersion":"v1"}' })).message)
      .toBe('Pod in version "v1" cannot be handled as a Binding: converting (v1.Pod) to (core.Binding): unknown conversion');
  });
});
