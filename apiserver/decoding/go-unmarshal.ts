/**
 * Decodes a parsed body into a typed object the way kube-apiserver's Go decoder does
 * (sigs.k8s.io/json: case-sensitive keys, strict mode collecting unknown and duplicate fields).
 *
 * What it reproduces, because clients see it:
 * - type mismatches produce Go's UnmarshalTypeError text, e.g. `json: cannot unmarshal string into Go
 *   struct field ContainerPort.spec.containers.ports.containerPort of type int32` (the field path has no
 *   list indexes; the struct is the innermost one). The first such error is kept and decoding goes on;
 *   it is reported at the end, unless a "fatal" error happens later.
 * - fatal errors come from types with their own UnmarshalJSON (IntOrString, Quantity, Time) and stop
 *   decoding at once.
 * - strict errors (`unknown field "spec.containers[0].foo"`, `duplicate field "spec.paused"`) use full
 *   paths with indexes, are de-duplicated, and are reported only when decoding otherwise succeeded.
 *   A field both unknown and duplicated is only reported as unknown.
 * - unknown fields are never kept; `null` leaves a field unset; a key given twice keeps the last value
 *   (objects merge, as Go decodes into the value already there).
 *
 * Interface: goUnmarshal(node, model, strict) → { value, strictErrors } or throws GoDecodeError.
 */
import { goValueNoun, toJsonText, toPlain, type JsonNode } from './json-node.js';
import { goFieldsOf, structType, type GoType } from './go-schema.js';
import { parseGoTime } from './go-time.js';
import { formatQuantity, parseQuantity } from './quantity.js';

export class GoDecodeError extends Error {
  override readonly name = 'GoDecodeError';
}

interface Ctx {
  /** Go name of the innermost struct being decoded, e.g. "ContainerPort". */
  struct: string;
  /** JSON names from the root, without list indexes: Go's errorContext.FieldStack. */
  fields: string[];
  /** Path for strict errors, with indexes: "spec.containers[0].ports". */
  path: string;
}

const ABSENT = Symbol('absent');
type Out = unknown | typeof ABSENT;

const INT_RANGE = { 32: [-(2n ** 31n), 2n ** 31n - 1n], 64: [-(2n ** 63n), 2n ** 63n - 1n] } as const;
const MAX_STRICT_ERRORS = 100;

function typeErrorText(noun: string, type: string, ctx: Ctx): string {
  if (ctx.struct || ctx.fields.length) {
    return `json: cannot unmarshal ${noun} into Go struct field ${ctx.struct}.${ctx.fields.join('.')} of type ${type}`;
  }
  return `json: cannot unmarshal ${noun} into Go value of type ${type}`;
}

/** Index of the first byte Go's base64.StdEncoding rejects, or -1 when `s` decodes. */
export function base64ErrorIndex(s: string): number {
  const chars = [...s].map((c, i) => ({ c, i })).filter(({ c }) => c !== '\n' && c !== '\r');
  const pad = chars.findIndex(({ c }) => c === '=');
  const body = pad < 0 ? chars : chars.slice(0, pad);
  const bad = body.find(({ c }) => !/[A-Za-z0-9+/]/.test(c));
  if (bad) return bad.i;
  if (pad < 0) return chars.length % 4 === 0 ? -1 : chars[chars.length - (chars.length % 4)]!.i;
  const tail = chars.slice(pad);
  const wanted = 4 - (body.length % 4);
  if (body.length % 4 < 2 || tail.length !== wanted || tail.some(({ c }) => c !== '=')) return chars[pad]!.i;
  return -1;
}

function zeroOf(t: GoType): unknown {
  switch (t.kind) {
    case 'string': case 'bytes': return '';
    case 'int': case 'float': case 'intOrString': return 0;
    case 'bool': return false;
    case 'struct': return {};
    case 'quantity': return '0';
    default: return null;
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Go decodes a repeated object key into the value already there: objects merge, the rest is replaced. */
function mergeInto(prev: unknown, next: unknown): unknown {
  if (!isPlainObject(prev) || !isPlainObject(next)) return next;
  const out: Record<string, unknown> = { ...prev };
  for (const [k, v] of Object.entries(next)) out[k] = k in out ? mergeInto(out[k], v) : v;
  return out;
}

class Decoder {
  private saved: string | undefined;
  readonly strictErrors: string[] = [];
  private readonly seenStrict = new Set<string>();

  constructor(private readonly strict: boolean) {}

  finish(): void {
    if (this.saved !== undefined) throw new GoDecodeError(this.saved);
  }

  private save(message: string): typeof ABSENT {
    this.saved ??= message;
    return ABSENT;
  }

  private strictError(message: string): void {
    if (!this.strict || this.seenStrict.has(message) || this.strictErrors.length >= MAX_STRICT_ERRORS) return;
    this.seenStrict.add(message);
    this.strictErrors.push(message);
  }

  decode(n: JsonNode, t: GoType, ctx: Ctx): Out {
    if (t.kind === 'any') return n.t === 'null' ? ABSENT : toPlain(n);
    if (n.t === 'null') return ABSENT;
    switch (t.kind) {
      case 'struct': return n.t === 'object' ? this.struct(n.entries, t.model, t.goStruct, ctx) : this.mismatch(n, t, ctx);
      case 'slice': return n.t === 'array' ? this.slice(n.items, t.of, ctx) : this.mismatch(n, t, ctx);
      case 'map': return n.t === 'object' ? this.map(n.entries, t.of, ctx) : this.mismatch(n, t, ctx);
      case 'string': return n.t === 'string' ? n.v : this.mismatch(n, t, ctx);
      case 'bool': return n.t === 'bool' ? n.v : this.mismatch(n, t, ctx);
      case 'int': return n.t === 'number' ? this.int(n.raw, t.bits, t.name, ctx, false) : this.mismatch(n, t, ctx);
      case 'float': return n.t === 'number' && Number.isFinite(Number(n.raw)) ? Number(n.raw) : this.mismatch(n, t, ctx);
      case 'bytes': return this.bytes(n, t, ctx);
      case 'time': return this.time(n, t.micro, ctx);
      case 'quantity': return this.quantity(n);
      case 'intOrString': return this.intOrString(n, ctx);
    }
  }

  private mismatch(n: JsonNode, t: GoType, ctx: Ctx): typeof ABSENT {
    // Only a number that fits no float64 is quoted (`number 1e999`); ints are checked in int().
    const noun = n.t === 'number' && t.kind === 'float' ? `number ${n.raw}` : goValueNoun(n);
    return this.save(typeErrorText(noun, t.name, ctx));
  }

  private int(raw: string, bits: 32 | 64, name: string, ctx: Ctx, fatal: boolean): Out {
    const [min, max] = INT_RANGE[bits];
    if (/^-?\d+$/.test(raw) && BigInt(raw) >= min && BigInt(raw) <= max) return Number(raw);
    const message = typeErrorText(`number ${raw}`, name, ctx);
    if (fatal) throw new GoDecodeError(message);
    return this.save(message);
  }

  private struct(entries: { key: string; value: JsonNode }[], model: string, goStruct: string, ctx: Ctx): Out {
    const fields = goFieldsOf(model);
    const out: Record<string, unknown> = {};
    const seen = new Set<string>();
    for (const { key, value } of entries) {
      const path = ctx.path ? `${ctx.path}.${key}` : key;
      const ft = fields.get(key);
      if (!ft) {
        this.strictError(`unknown field "${path}"`);
        continue;
      }
      if (seen.has(key)) this.strictError(`duplicate field "${path}"`);
      seen.add(key);
      const v = this.decode(value, ft, { struct: goStruct, fields: [...ctx.fields, key], path });
      if (v === ABSENT) {
        if (value.t === 'null') delete out[key];
      } else {
        out[key] = key in out ? mergeInto(out[key], v) : v;
      }
    }
    return out;
  }

  private slice(items: JsonNode[], of: GoType, ctx: Ctx): Out {
    return items.map((item, i) => {
      const v = this.decode(item, of, { ...ctx, path: `${ctx.path}[${i}]` });
      return v === ABSENT ? zeroOf(of) : v;
    });
  }

  private map(entries: { key: string; value: JsonNode }[], of: GoType, ctx: Ctx): Out {
    const out: Record<string, unknown> = {};
    for (const { key, value } of entries) {
      const path = `${ctx.path}.${key}`;
      if (key in out) this.strictError(`duplicate field "${path}"`);
      const v = this.decode(value, of, { ...ctx, path });
      const next = v === ABSENT ? zeroOf(of) : v;
      out[key] = key in out ? mergeInto(out[key], next) : next;
    }
    return out;
  }

  private bytes(n: JsonNode, t: GoType, ctx: Ctx): Out {
    if (n.t !== 'string') return this.mismatch(n, t, ctx);
    const bad = base64ErrorIndex(n.v);
    return bad < 0 ? n.v.replace(/[\r\n]/g, '') : this.save(`illegal base64 data at input byte ${bad}`);
  }

  /** metav1.Time/MicroTime: their UnmarshalJSON decodes a Go string first, then time.Parse. */
  private time(n: JsonNode, micro: boolean, ctx: Ctx): Out {
    if (n.t !== 'string') throw new GoDecodeError(typeErrorText(goValueNoun(n), 'string', ctx));
    const r = parseGoTime(n.v, micro);
    if (!r.ok) throw new GoDecodeError(r.message);
    return r.canonical;
  }

  /** resource.Quantity.UnmarshalJSON: the raw text, unquoted and trimmed, must parse. */
  private quantity(n: JsonNode): Out {
    const text = n.t === 'string' ? n.v.trim() : n.t === 'number' ? n.raw : toJsonText(n);
    const r = parseQuantity(text);
    if (!r.ok) throw new GoDecodeError(r.message);
    return formatQuantity(r.q);
  }

  /** intstr.IntOrString.UnmarshalJSON: a JSON string is the string form, anything else must be an int32. */
  private intOrString(n: JsonNode, ctx: Ctx): Out {
    if (n.t === 'string') return n.v;
    if (n.t === 'number') return this.int(n.raw, 32, 'int32', ctx, true);
    throw new GoDecodeError(typeErrorText(goValueNoun(n), 'int32', ctx));
  }
}

export interface UnmarshalResult {
  value: Record<string, unknown>;
  strictErrors: string[];
}

/** Decodes `node` into the model's Go struct; `strict` collects unknown/duplicate field errors. */
export function goUnmarshal(node: JsonNode, model: string, strict: boolean): UnmarshalResult {
  const d = new Decoder(strict);
  const out = d.decode(node, structType(model), { struct: '', fields: [], path: '' });
  d.finish();
  return { value: isPlainObject(out) ? out : {}, strictErrors: d.strictErrors };
}
