/**
 * The inverse of decode-protobuf.ts: writes a JSON object as a Kubernetes protobuf body (magic,
 * runtime.Unknown envelope, the kind's message), as client-go does. Tests use it to produce bodies
 * for every kind; a tool could use it to talk protobuf to any apiserver.
 *
 * `goZeros` also writes every non-pointer scalar the JSON leaves out, with its zero value, because
 * gogo's generated Marshal does (kubectl's bodies carry `generateName=""`, `paused=false`, ...).
 *
 * Interface: encodeProtobufBody(object, options) → Uint8Array; jsonToMessage(value, name). Pure.
 */
import { PROTOBUF_MAGIC } from './decode-protobuf.js';
import { protoType } from './proto-root.js';
import { SCALARS, type FieldSpec } from './schema-dsl.js';
import { kindMessage, messageSpec } from './tables/index.js';

type Json = Record<string, unknown>;

export interface EncodeOptions {
  goZeros?: boolean;
  /** The envelope's typeMeta; defaults to the object's own apiVersion and kind. */
  typeMeta?: { apiVersion?: string; kind?: string };
}

function timeMessage(value: string): Json {
  const ms = Date.parse(value);
  const fraction = /\.(\d+)Z$/.exec(value)?.[1] ?? '';
  return { seconds: Math.floor(ms / 1000), nanos: Number(fraction.padEnd(9, '0').slice(0, 9)) };
}

function specialMessage(type: string, value: unknown): Json | undefined {
  switch (type) {
    case 'meta.Time': case 'meta.MicroTime': return timeMessage(value as string);
    case 'resource.Quantity': return { string: String(value) };
    case 'intstr.IntOrString': return typeof value === 'string' ? { type: 1, strVal: value } : { type: 0, intVal: value };
    case 'meta.FieldsV1': return { Raw: Buffer.from(JSON.stringify(value)) };
  }
  return undefined;
}

function scalarValue(type: string, value: unknown): unknown {
  return type === 'bytes' ? Buffer.from(value as string, 'base64') : value;
}

function elementValue(f: FieldSpec, value: unknown, goZeros: boolean): unknown {
  if (SCALARS.has(f.type)) return scalarValue(f.type, value);
  return specialMessage(f.type, value) ?? messageValue(value as Json, f.type, goZeros);
}

function zeroOf(type: string): unknown {
  return type === 'string' ? '' : type === 'bool' ? false : type === 'bytes' ? Buffer.alloc(0) : 0;
}

function messageValue(obj: Json, name: string, goZeros: boolean): Json {
  const spec = messageSpec(name);
  if (!spec) throw new Error(`no message ${name} in the protobuf tables`);
  const out: Json = {};
  for (const f of spec.fields) {
    if (f.inline) {
      out[f.json] = messageValue(obj, f.type, goZeros);
      continue;
    }
    const value = obj[f.json];
    if (value === undefined || value === null) {
      const goWrites = goZeros && f.label === 'optional' && SCALARS.has(f.type) && f.presence !== 'pointer';
      if (goWrites) out[f.json] = zeroOf(f.type);
      continue;
    }
    if (f.label === 'repeated') out[f.json] = (value as unknown[]).map((v) => elementValue(f, v, goZeros));
    else if (f.label === 'map') {
      out[f.json] = Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, elementValue(f, v, goZeros)]));
    } else out[f.json] = elementValue(f, value, goZeros);
  }
  return out;
}

/** A JSON value as the protobufjs message object of table message `name`. */
export function jsonToMessage(value: Json, name: string, goZeros = false): Json {
  return messageValue(value, name, goZeros);
}

/** `object` (with apiVersion and kind) as a complete protobuf request body. */
export function encodeProtobufBody(object: Json, options: EncodeOptions = {}): Uint8Array {
  const apiVersion = String(object.apiVersion ?? '');
  const kind = String(object.kind ?? '');
  const spec = kindMessage(apiVersion, kind);
  if (!spec) throw new Error(`no protobuf message for ${apiVersion} ${kind}`);
  const raw = protoType(spec.name).encode(jsonToMessage(object, spec.name, options.goZeros)).finish();
  const typeMeta = { apiVersion, kind, ...options.typeMeta };
  const unknown = protoType('runtime.Unknown').encode({ typeMeta, raw, contentEncoding: '', contentType: '' }).finish();
  return new Uint8Array([...PROTOBUF_MAGIC, ...unknown]);
}
