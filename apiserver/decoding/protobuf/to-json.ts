/**
 * Turns a decoded protobuf message into the JSON a Go client would have sent for the same object, so
 * the rest of the decoder cannot tell the two apart. Go's encoding/json rules, as the tables' flags
 * describe them (schema-dsl.ts):
 * - a scalar with `omitempty` is left out when zero; one without it is always written; a pointer is
 *   written exactly when it was on the wire, zero included;
 * - a message is written when it was on the wire (gogo writes non-pointer structs always, pointers iff
 *   set); an embedded (`inline`) struct's fields are written into the parent object;
 * - empty lists and maps are left out (protobuf cannot tell nil from empty, and Go decodes to nil);
 *   map keys come out sorted, as Go writes them;
 * - int64 values keep their exact decimal text; bytes become base64;
 * - Time → RFC 3339 in UTC to the second, MicroTime → to the microsecond, the zero time → left out
 *   (Go writes null); Quantity → its string ("0" when absent); IntOrString → number or string by
 *   its type; FieldsV1 → the JSON its raw bytes hold.
 *
 * Interface: messageToJson(message, spec) → JsonNode. Pure; throws TimeRangeError for a time Go could
 * not write as JSON.
 */
import type { JsonEntry, JsonNode } from '../json-node.js';
import { parseGoJson } from '../go-json.js';
import { type FieldSpec, type MessageSpec } from './schema-dsl.js';
import { messageSpec } from './tables/index.js';

type Decoded = Record<string, unknown>;

/** Go's Time.MarshalJSON error for a year it cannot write. */
export class TimeRangeError extends Error {
  override readonly name = 'TimeRangeError';
}

const has = (m: Decoded, key: string) => Object.prototype.hasOwnProperty.call(m, key);

/** Decimal text of an integer that protobufjs decoded as a number or a Long. */
function intText(v: unknown): string {
  return typeof v === 'object' && v !== null ? String(v.toString()) : String(v);
}

function isZero(f: FieldSpec, v: unknown): boolean {
  switch (f.type) {
    case 'string': return v === '';
    case 'bool': return v === false;
    case 'bytes': return (v as Uint8Array).length === 0;
    default: return intText(v) === '0';
  }
}

function scalar(type: string, v: unknown): JsonNode {
  switch (type) {
    case 'string': return { t: 'string', v: v as string };
    case 'bool': return { t: 'bool', v: v as boolean };
    case 'bytes': return { t: 'string', v: Buffer.from(v as Uint8Array).toString('base64') };
    case 'double': return { t: 'number', raw: String(v) };
    default: return { t: 'number', raw: intText(v) };
  }
}

function zeroScalar(type: string): unknown {
  return type === 'string' ? '' : type === 'bool' ? false : type === 'bytes' ? new Uint8Array() : 0;
}

const NANOS = 1_000_000_000n;
/** Go's zero time.Time, 0001-01-01T00:00:00Z, as Unix seconds. */
const GO_ZERO_SECONDS = -62135596800n;

/** Time/MicroTime: Go normalises nanos into [0, 1e9) as time.Unix does. */
function timeNode(m: Decoded, micro: boolean): JsonNode | undefined {
  if (!has(m, 'seconds') && !has(m, 'nanos')) return undefined;
  const total = BigInt(intText(m.seconds ?? 0)) * NANOS + BigInt(intText(m.nanos ?? 0));
  let seconds = total / NANOS;
  if (seconds * NANOS > total) seconds -= 1n;
  const nanos = Number(total - seconds * NANOS);
  if (seconds === GO_ZERO_SECONDS && nanos === 0) return undefined;
  const date = new Date(Number(seconds) * 1000);
  const year = date.getUTCFullYear();
  if (Number.isNaN(year) || year < 0 || year > 9999) {
    throw new TimeRangeError(`${micro ? 'MicroTime' : 'Time'}.MarshalJSON: year outside of range [0,9999]`);
  }
  const base = date.toISOString().slice(0, 19);
  const fraction = micro ? `.${String(Math.floor(nanos / 1000)).padStart(6, '0')}` : '';
  return { t: 'string', v: `${base}${fraction}Z` };
}

function intOrStringNode(m: Decoded): JsonNode {
  if (intText(m.type ?? 0) === '1') return { t: 'string', v: (m.strVal as string | undefined) ?? '' };
  return { t: 'number', raw: intText(m.intVal ?? 0) };
}

function fieldsV1Node(m: Decoded): JsonNode | undefined {
  const raw = m.Raw as Uint8Array | undefined;
  if (!raw || raw.length === 0) return undefined;
  try {
    return parseGoJson(Buffer.from(raw).toString('utf8'));
  } catch {
    return undefined; // Go would carry the bytes verbatim; invalid JSON there has no JSON form to give
  }
}

/** A message value, by type: the special forms first, then an ordinary object. */
function messageNode(type: string, m: Decoded): JsonNode | undefined {
  switch (type) {
    case 'meta.Time': return timeNode(m, false);
    case 'meta.MicroTime': return timeNode(m, true);
    case 'resource.Quantity': return { t: 'string', v: has(m, 'string') ? (m.string as string) : '0' };
    case 'intstr.IntOrString': return intOrStringNode(m);
    case 'meta.FieldsV1': return fieldsV1Node(m);
  }
  const spec = messageSpec(type);
  if (!spec) throw new Error(`no message ${type} in the protobuf tables`);
  return messageToJson(m, spec);
}

function valueNode(f: FieldSpec, v: unknown): JsonNode | undefined {
  return f.type.includes('.') ? messageNode(f.type, v as Decoded) : scalar(f.type, v);
}

function listNode(f: FieldSpec, items: unknown[] | undefined): JsonNode | undefined {
  if (!items || items.length === 0) return undefined;
  return { t: 'array', items: items.map((item) => valueNode(f, item) ?? { t: 'null' }) };
}

function mapNode(f: FieldSpec, map: Record<string, unknown> | undefined): JsonNode | undefined {
  const keys = map ? Object.keys(map).sort() : [];
  if (keys.length === 0) return undefined;
  return { t: 'object', entries: keys.map((key) => ({ key, value: valueNode(f, map![key]) ?? { t: 'null' } })) };
}

function optionalNode(f: FieldSpec, m: Decoded): JsonNode | undefined {
  const present = has(m, f.json) && m[f.json] !== null && m[f.json] !== undefined;
  if (f.type.includes('.')) return present ? messageNode(f.type, m[f.json] as Decoded) : undefined;
  if (!present) return f.presence === 'always' ? scalar(f.type, zeroScalar(f.type)) : undefined;
  if (f.presence === 'omitempty' && isZero(f, m[f.json])) return undefined;
  return scalar(f.type, m[f.json]);
}

function entriesOf(m: Decoded, spec: MessageSpec): JsonEntry[] {
  const entries: JsonEntry[] = [];
  for (const f of spec.fields) {
    if (f.inline) {
      // Go writes an embedded struct's fields even when the struct was not on the wire (it is zero).
      const inner = has(m, f.json) && m[f.json] ? (m[f.json] as Decoded) : {};
      entries.push(...entriesOf(inner, messageSpec(f.type)!));
      continue;
    }
    const node =
      f.label === 'repeated' ? listNode(f, m[f.json] as unknown[] | undefined)
        : f.label === 'map' ? mapNode(f, m[f.json] as Record<string, unknown> | undefined)
          : optionalNode(f, m);
    if (node) entries.push({ key: f.json, value: node });
  }
  return entries;
}

/** The JSON object for a decoded message of `spec`'s type. */
export function messageToJson(message: Decoded, spec: MessageSpec): JsonNode {
  return { t: 'object', entries: entriesOf(message, spec) };
}
