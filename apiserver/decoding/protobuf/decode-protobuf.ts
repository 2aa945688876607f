/**
 * Reads a Kubernetes protobuf request body (`Content-Type: application/vnd.kubernetes.protobuf`) the
 * way apimachinery's protobuf serializer does, and hands the rest of the decoder the JSON object a
 * JSON client would have sent:
 *   1. the 4-byte magic `k8s\0`, then a runtime.Unknown: typeMeta{apiVersion, kind}, raw, ...;
 *   2. the body's group/version/kind is typeMeta's, each part left empty filled from the URL's
 *      (copyKindDefaults: an empty version takes the URL's group and version together);
 *   3. raw is the object's own message (core/v1 Namespace, apps/v1 Deployment, ...), decoded with
 *      protobufjs and turned into JSON by to-json.ts, with apiVersion and kind put in front.
 * Errors are kube-apiserver's 400s: before the kind is known (bad magic, a broken envelope)
 * "the object provided is unrecognized (must be of type <Kind>): <cause> (<hex summary>)"; after,
 * "<Kind> in version "<v>" cannot be handled as a <Kind>: <cause>". Causes are gogo's words.
 *
 * A kind the scheme does not know, or knows but kubelab reads no protobuf for, comes back with only
 * apiVersion and kind: the decoder's usual checks then give the real error (not registered, unknown
 * conversion, or the version mismatch) before any field would matter.
 *
 * Interface: decodeProtobufBody(bytes, target) → JsonNode; isProtobufMediaType; PROTOBUF_MAGIC. Pure.
 */
import { BadRequestError } from '../../../lib/errors.js';
import { cannotBeHandled } from '../decode-errors.js';
import type { JsonEntry, JsonNode } from '../json-node.js';
import { isRegistered } from '../scheme-kinds.js';
import { formatGroupVersion, parseGroupVersion, type GroupVersionKind } from '../type-meta.js';
import { protoType } from './proto-root.js';
import { kindMessage } from './tables/index.js';
import { messageToJson, TimeRangeError } from './to-json.js';
import { checkWire, ProtobufWireError } from './wire-check.js';

export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';
export const PROTOBUF_MAGIC: readonly number[] = [0x6b, 0x38, 0x73, 0x00];

/** Go's summarizeData(body, 30) on raw bytes: text when it starts with '{', hex otherwise. */
export function summarizeBytes(bytes: Uint8Array): string {
  if (bytes.length === 0) return '<empty>';
  const head = Buffer.from(bytes.subarray(0, 30));
  const more = bytes.length > 30 ? ' ...' : '';
  return bytes[0] === 0x7b ? head.toString('utf8') + more : head.toString('hex') + more;
}

function unrecognized(expectedKind: string, cause: string, bytes: Uint8Array): BadRequestError {
  return new BadRequestError(`the object provided is unrecognized (must be of type ${expectedKind}): ${cause} (${summarizeBytes(bytes)})`);
}

interface Envelope {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
}

/** The runtime.Unknown after the magic, or the "unrecognized" 400. */
function readEnvelope(bytes: Uint8Array, expectedKind: string): Envelope {
  const fail = (cause: string) => unrecognized(expectedKind, cause, bytes);
  if (bytes.length === 0) throw fail('empty data');
  if (bytes.length < 4 || PROTOBUF_MAGIC.some((b, i) => bytes[i] !== b)) {
    throw fail(`provided data does not appear to be a protobuf message, expected prefix [${PROTOBUF_MAGIC.join(' ')}]`);
  }
  if (bytes.length === 4) throw fail('empty body');
  const data = bytes.subarray(4);
  try {
    checkWire(data, 'runtime.Unknown');
  } catch (e) {
    if (e instanceof ProtobufWireError) throw fail(e.message);
    throw e;
  }
  const unk = protoType('runtime.Unknown').decode(data) as unknown as { typeMeta?: { apiVersion?: string; kind?: string }; raw?: Uint8Array };
  return { apiVersion: unk.typeMeta?.apiVersion ?? '', kind: unk.typeMeta?.kind ?? '', raw: unk.raw ?? new Uint8Array() };
}

/** runtime.Unknown's GroupVersionKind, completed from the URL as the protobuf serializer does. */
function envelopeKind(apiVersion: string, kind: string, target: GroupVersionKind): GroupVersionKind {
  let gv = { group: '', version: '' };
  try {
    gv = parseGroupVersion(apiVersion);
  } catch {
    // schema.FromAPIVersionAndKind keeps only the kind of an unparsable apiVersion
  }
  const out = { ...gv, kind: kind || target.kind };
  if (!out.version && target.version) return { ...out, group: target.group, version: target.version };
  return out;
}

/** Decodes `raw` as `gvk`'s message; the object's fields as JSON entries. */
function decodeRaw(raw: Uint8Array, gvk: GroupVersionKind, expectedKind: string): JsonEntry[] {
  const apiVersion = formatGroupVersion(gvk);
  const spec = isRegistered(apiVersion, gvk.kind) ? kindMessage(apiVersion, gvk.kind) : undefined;
  if (!spec) return [];
  try {
    checkWire(raw, spec.name);
    const node = messageToJson(protoType(spec.name).decode(raw) as unknown as Record<string, unknown>, spec);
    return node.t === 'object' ? node.entries : [];
  } catch (e) {
    if (e instanceof ProtobufWireError || e instanceof TimeRangeError) throw cannotBeHandled(gvk.kind, gvk.version, expectedKind, e.message);
    // protobufjs refusing bytes gogo accepted: the only such case left is a length running past its end.
    if (e instanceof RangeError) throw cannotBeHandled(gvk.kind, gvk.version, expectedKind, 'unexpected EOF');
    throw e;
  }
}

/**
 * The JSON object a protobuf body stands for, `apiVersion` and `kind` first, for a create/update on a
 * URL whose kind is `target`; throws the 400 kube-apiserver gives for a malformed body.
 */
export function decodeProtobufBody(bytes: Uint8Array, target: GroupVersionKind): JsonNode {
  const envelope = readEnvelope(bytes, target.kind);
  const gvk = envelopeKind(envelope.apiVersion, envelope.kind, target);
  const typeMeta: JsonEntry[] = [
    { key: 'apiVersion', value: { t: 'string', v: formatGroupVersion(gvk) } },
    { key: 'kind', value: { t: 'string', v: gvk.kind } },
  ];
  return { t: 'object', entries: [...typeMeta, ...decodeRaw(envelope.raw, gvk, target.kind)] };
}

/** True for a Content-Type naming the Kubernetes protobuf encoding (parameters and case ignored). */
export function isProtobufMediaType(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]!.trim().toLowerCase() === PROTOBUF_MEDIA_TYPE;
}
