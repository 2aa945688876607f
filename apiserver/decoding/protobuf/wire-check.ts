/**
 * Checks that bytes are a well-formed protobuf message of a table type, failing with the error text
 * the gogo-generated Unmarshal code in kube-apiserver returns for the same bytes:
 *   unexpected EOF                                   a varint or a length runs past the data
 *   proto: integer overflow                          a varint longer than 64 bits
 *   proto: negative length found during unmarshaling a length with its sign bit set
 *   proto: Pod: illegal tag 0 (wire type 2)          field number 0 (the number printed is the whole tag)
 *   proto: Pod: wiretype end group for non-group     wire type 4 where a field starts
 *   proto: wrong wireType = 0 for field ObjectMeta   a known field with the wrong wire type
 *   proto: illegal wireType 7                        an unknown field with wire type 6 or 7
 * Fields the tables do not list are skipped as gogo skips unknown fields (groups included). Map
 * entries are read as gogo reads them: key 1 and value 2 without a wire-type check, anything else
 * skipped. protobufjs then decodes bytes that passed; it is lenient where gogo is strict, hence this.
 *
 * Interface: checkWire(bytes, messageName) or throws ProtobufWireError. Pure.
 */
import { goFieldName, SCALARS, shortName, type FieldSpec, type MessageSpec } from './schema-dsl.js';
import { messageSpec } from './tables/index.js';

export class ProtobufWireError extends Error {
  override readonly name = 'ProtobufWireError';
}

const EOF = 'unexpected EOF';
const OVERFLOW = 'proto: integer overflow';
const NEGATIVE = 'proto: negative length found during unmarshaling';
const NUMERIC = new Set(['int32', 'int64', 'bool']);

/** The wire type gogo requires for a field; packed repeated numbers also accept 2. */
function wireTypeOf(f: FieldSpec): number {
  if (f.label === 'map' || !SCALARS.has(f.type)) return 2;
  if (f.type === 'double') return 1;
  return NUMERIC.has(f.type) ? 0 : 2;
}

/** gogo's name for a message in "proto: X: ..." texts; Time and MicroTime unmarshal as Timestamp. */
function goMessageName(spec: MessageSpec): string {
  return spec.name === 'meta.Time' || spec.name === 'meta.MicroTime' ? 'Timestamp' : shortName(spec.name);
}

class WireReader {
  constructor(private readonly buf: Uint8Array) {}

  /** A varint at `pos` read within `end`: [value, next position]. */
  varint(pos: number, end: number): [bigint, number] {
    let value = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (shift >= 64n) throw new ProtobufWireError(OVERFLOW);
      if (pos >= end) throw new ProtobufWireError(EOF);
      const b = this.buf[pos++]!;
      value |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return [BigInt.asUintN(64, value), pos];
    }
  }

  /** A length prefix and the end of the bytes it announces, checked against `limit`. */
  length(pos: number, end: number, limit: number): [number, number] {
    const [raw, next] = this.varint(pos, end);
    const len = BigInt.asIntN(64, raw);
    if (len < 0n) throw new ProtobufWireError(NEGATIVE);
    if (BigInt(next) + len > BigInt(limit)) throw new ProtobufWireError(EOF);
    return [next, next + Number(len)];
  }

  /** gogo's skipGenerated from a tag at `pos`: the position after the field (or group). */
  skip(pos: number, end: number): number {
    let depth = 0;
    while (pos < end) {
      const [tag, afterTag] = this.varint(pos, end);
      pos = afterTag;
      const wireType = Number(tag & 7n);
      if (wireType === 0) pos = this.varint(pos, end)[1];
      else if (wireType === 1) pos += 8;
      else if (wireType === 2) pos = this.skipLength(pos, end);
      else if (wireType === 3) depth++;
      else if (wireType === 4) {
        if (depth === 0) throw new ProtobufWireError('proto: unexpected end of group');
        depth--;
      } else if (wireType === 5) pos += 4;
      else throw new ProtobufWireError(`proto: illegal wireType ${wireType}`);
      if (depth === 0) {
        if (pos > end) throw new ProtobufWireError(EOF);
        return pos;
      }
    }
    throw new ProtobufWireError(EOF);
  }

  private skipLength(pos: number, end: number): number {
    const [raw, next] = this.varint(pos, end);
    if (BigInt.asIntN(64, raw) < 0n) throw new ProtobufWireError(NEGATIVE);
    return next + Number(raw);
  }

  message(start: number, end: number, spec: MessageSpec): void {
    const byId = new Map(spec.fields.map((f) => [f.id, f]));
    let pos = start;
    while (pos < end) {
      const fieldStart = pos;
      const [tag, afterTag] = this.varint(pos, end);
      const fieldNum = Number(BigInt.asIntN(32, tag >> 3n));
      const wireType = Number(tag & 7n);
      if (wireType === 4) throw new ProtobufWireError(`proto: ${goMessageName(spec)}: wiretype end group for non-group`);
      if (fieldNum <= 0) throw new ProtobufWireError(`proto: ${goMessageName(spec)}: illegal tag ${fieldNum} (wire type ${tag})`);
      const field = byId.get(fieldNum);
      pos = field ? this.field(field, wireType, afterTag, end) : this.skip(fieldStart, end);
    }
  }

  private field(f: FieldSpec, wireType: number, pos: number, end: number): number {
    const packable = f.label === 'repeated' && NUMERIC.has(f.type);
    if (wireType !== wireTypeOf(f) && !(packable && wireType === 2)) {
      throw new ProtobufWireError(`proto: wrong wireType = ${wireType} for field ${goFieldName(f)}`);
    }
    if (wireType === 0) return this.varint(pos, end)[1];
    if (wireType === 1) {
      if (pos + 8 > end) throw new ProtobufWireError(EOF);
      return pos + 8;
    }
    const [start, stop] = this.length(pos, end, end);
    if (f.label === 'map') this.mapEntry(f, start, stop, end);
    else if (packable) for (let p = start; p < stop; ) p = this.varint(p, stop)[1];
    else if (!SCALARS.has(f.type)) this.message(start, stop, messageSpec(f.type)!);
    return stop;
  }

  /** One map entry as gogo's inlined map code reads it; key and value lengths are bounded by `outer`. */
  private mapEntry(f: FieldSpec, start: number, stop: number, outer: number): void {
    let pos = start;
    while (pos < stop) {
      const entryStart = pos;
      const [tag, afterTag] = this.varint(pos, outer);
      const fieldNum = Number(BigInt.asIntN(32, tag >> 3n));
      if (fieldNum === 1 || fieldNum === 2) {
        const [s, e] = this.length(afterTag, outer, outer);
        if (fieldNum === 2 && !SCALARS.has(f.type)) this.message(s, e, messageSpec(f.type)!);
        pos = e;
      } else {
        pos = this.skip(entryStart, outer);
        if (pos > stop) throw new ProtobufWireError(EOF);
      }
    }
  }
}

/** Throws ProtobufWireError with gogo's text unless `bytes` is a well-formed `messageName`. */
export function checkWire(bytes: Uint8Array, messageName: string): void {
  const spec = messageSpec(messageName);
  if (!spec) throw new Error(`no message ${messageName} in the protobuf tables`);
  new WireReader(bytes).message(0, bytes.length, spec);
}
