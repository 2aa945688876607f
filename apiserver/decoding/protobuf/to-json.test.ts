/**
 * The JSON a decoded message turns into: Go's omitempty/pointer/inline rules and the special forms of
 * Time, MicroTime, Quantity, IntOrString and FieldsV1. Also the wire checks gogo makes that the
 * decode-protobuf tests do not reach (packed numbers, map entries, skipped groups).
 */
import { describe, expect, it } from 'vitest';
import { toPlain } from '../json-node.js';
import { jsonToMessage } from './encode-body.js';
import { protoType } from './proto-root.js';
import { messageSpec } from './tables/index.js';
import { messageToJson, TimeRangeError } from './to-json.js';
import { checkWire, ProtobufWireError } from './wire-check.js';

type Json = Record<string, unknown>;

/** Encodes a protobufjs message object of `name`, decodes it back, and returns its JSON. */
function roundTrip(name: string, message: Json): unknown {
  const type = protoType(name);
  const decoded = type.decode(type.encode(message).finish()) as unknown as Json;
  return toPlain(messageToJson(decoded, messageSpec(name)!));
}

describe('scalars, by their Go JSON tags', () => {
  it.each([
    ['omitempty zeros are left out', 'core.ContainerPort', { name: '', hostPort: 0, containerPort: 80, protocol: '' }, { containerPort: 80 }],
    ['fields without omitempty are written even when zero or absent', 'core.ContainerPort', {}, { containerPort: 0 }],
    ['a pointer is written when set, zero included', 'apps.DeploymentSpec', { replicas: 0, paused: false }, { replicas: 0 }],
    ['a pointer that is not set is left out', 'apps.DeploymentSpec', { minReadySeconds: 3 }, { minReadySeconds: 3 }],
    ['int64 keeps its exact digits', 'core.ContainerImage', { sizeBytes: '9007199254740993' }, { sizeBytes: 9007199254740993 }],
    ['bytes become base64, map keys are sorted', 'core.ConfigMap', { binaryData: { z: Buffer.from([0, 255]), a: Buffer.from('hi') } }, { binaryData: { a: 'aGk=', z: 'AP8=' } }],
    ['empty lists and maps are left out', 'core.Container', { name: 'c', command: [], env: [] }, { name: 'c' }],
  ])('%s', (_name, type, message, expected) => {
    expect(roundTrip(type, message)).toEqual(expected);
  });

  it('keeps int64 text exact in the node (the decoder, not this step, turns it into a number)', () => {
    const type = protoType('core.ContainerImage');
    const decoded = type.decode(type.encode({ sizeBytes: '9007199254740993' }).finish()) as unknown as Json;
    expect(messageToJson(decoded, messageSpec('core.ContainerImage')!)).toEqual({
      t: 'object', entries: [{ key: 'sizeBytes', value: { t: 'number', raw: '9007199254740993' } }],
    });
  });
});

describe('messages', () => {
  it('writes a message that was on the wire, even empty, and leaves out one that was not', () => {
    expect(roundTrip('core.Container', { name: 'c', resources: {} })).toEqual({ name: 'c', resources: {} });
    expect(roundTrip('core.Container', { name: 'c' })).toEqual({ name: 'c' });
  });

  it('writes an embedded struct into its parent, with its zero fields as Go does when it is absent', () => {
    expect(roundTrip('core.ConfigMapKeySelector', { localObjectReference: { name: 'cfg' }, key: 'k' })).toEqual({ name: 'cfg', key: 'k' });
    expect(roundTrip('core.EphemeralContainer', { targetContainerName: 'web' })).toEqual({ name: '', targetContainerName: 'web' });
    expect(roundTrip('core.Probe', { handler: { tcpSocket: { port: { type: 0, intVal: 80 } } }, periodSeconds: 5 })).toEqual({ tcpSocket: { port: 80 }, periodSeconds: 5 });
  });
});

describe('special forms', () => {
  const time = (seconds: number | string, nanos = 0) => ({ metadata: { creationTimestamp: { seconds, nanos } } });
  it.each([
    ['Time to the second, in UTC', time(1714979289, 987654321), '2024-05-06T07:08:09Z'],
    ['nanos below zero borrow a second, as time.Unix does', time(1714979290, -1), '2024-05-06T07:08:09Z'],
    ['the Unix epoch is a time like any other', time(0), '1970-01-01T00:00:00Z'],
  ])('%s', (_name, message, expected) => {
    expect(roundTrip('core.Namespace', message)).toEqual({ metadata: { creationTimestamp: expected } });
  });

  it('leaves out the zero time, empty or spelled out (Go writes null)', () => {
    expect(roundTrip('core.Namespace', { metadata: { creationTimestamp: {} } })).toEqual({ metadata: {} });
    expect(roundTrip('core.Namespace', time('-62135596800'))).toEqual({ metadata: {} });
  });

  it('fails on a year Go cannot write', () => {
    expect(() => roundTrip('core.Namespace', time('1000000000000'))).toThrow(TimeRangeError);
  });

  it('writes MicroTime to the microsecond', () => {
    expect(roundTrip('coordination.LeaseSpec', { renewTime: { seconds: 1714979289, nanos: 5_000 } })).toEqual({ renewTime: '2024-05-06T07:08:09.000005Z' });
  });

  it.each([
    ['a number', { type: 0, intVal: 8080 }, 8080],
    ['a string', { type: 1, strVal: 'http' }, 'http'],
    ['zero, which Go writes too (omitempty does not apply to structs)', {}, 0],
  ])('IntOrString as %s', (_name, value, expected) => {
    expect(roundTrip('core.ServicePort', { port: 80, targetPort: value })).toEqual({ port: 80, targetPort: expected });
  });

  it('writes a Quantity as its string, and an empty one as "0"', () => {
    expect(roundTrip('core.ResourceFieldSelector', { resource: 'limits.cpu', divisor: { string: '1m' } })).toEqual({ resource: 'limits.cpu', divisor: '1m' });
    expect(roundTrip('core.ResourceFieldSelector', { resource: 'limits.cpu', divisor: {} })).toEqual({ resource: 'limits.cpu', divisor: '0' });
  });

  it('writes FieldsV1 as the JSON it carries', () => {
    const entry = jsonToMessage({ manager: 'kubectl', fieldsV1: { 'f:metadata': { 'f:labels': {} } } }, 'meta.ManagedFieldsEntry');
    expect(roundTrip('meta.ManagedFieldsEntry', entry)).toEqual({ manager: 'kubectl', fieldsV1: { 'f:metadata': { 'f:labels': {} } } });
  });
});

describe('wire checks beyond the envelope', () => {
  const check = (bytes: number[], name: string) => () => checkWire(Uint8Array.from(bytes), name);

  it.each([
    ['packed repeated numbers', [0x22, 0x02, 0x01, 0x02], 'core.PodSecurityContext'],
    ['unpacked repeated numbers', [0x20, 0x01, 0x20, 0x02], 'core.PodSecurityContext'],
    ['an unknown group, skipped whole', [0x4b, 0x08, 0x01, 0x4c, 0x0a, 0x00], 'core.Namespace'],
    ['a map entry with an unknown field', [0x5a, 0x05, 0x18, 0x01, 0x0a, 0x01, 0x61], 'meta.ObjectMeta'],
  ])('accepts %s', (_name, bytes, name) => {
    expect(check(bytes, name)).not.toThrow();
  });

  it.each([
    ['a repeated string given as a number', [0x0a, 0x00, 0x08, 0x01], 'core.NamespaceSpec', 'proto: wrong wireType = 0 for field Finalizers'],
    ['a map value running past the message', [0x5a, 0x03, 0x12, 0x05, 0x61], 'meta.ObjectMeta', 'unexpected EOF'],
    ['a quantity with a numeric string field', [0x08, 0x01], 'resource.Quantity', 'proto: wrong wireType = 0 for field String'],
    ['a time with a bad tag', [0x00], 'meta.Time', 'proto: Timestamp: illegal tag 0 (wire type 0)'],
    ['an end group opening a map entry', [0x5a, 0x01, 0x1c], 'meta.ObjectMeta', 'proto: unexpected end of group'],
    ['a fixed64 cut short', [0x49, 0x00], 'core.Namespace', 'unexpected EOF'],
  ])('rejects %s', (_name, bytes, name, message) => {
    expect(check(bytes, name)).toThrow(new ProtobufWireError(message));
  });
});
