/**
 * Turns the body of a create or update into an API object, accepting and rejecting exactly what
 * kube-apiserver v1.32's create/update handlers do, in the same order:
 *   1. the Content-Type must be JSON, YAML or Kubernetes protobuf (415);
 *   2. the fieldValidation parameter must be "", Ignore, Warn or Strict (422 on CreateOptions/UpdateOptions);
 *   3. the body must parse (400 "the object provided is unrecognized ..."); a protobuf body is turned
 *      into the JSON a JSON client would have sent (protobuf/), so every later step is shared;
 *   4. its apiVersion/kind, defaulted from the URL when absent, must be a kind the scheme knows, decode
 *      without type errors, and convert to the URL's type (400 "<Kind> in version ... cannot be handled as a ...");
 *   5. unknown and duplicate fields: Strict rejects them (400 "... strict decoding error: ..."), Warn (the
 *      default) returns one warning each, Ignore drops them silently. They are never kept.
 *   6. the body's group/version must be the URL's (400 "the API version in the data ... does not match ...").
 *
 * Interface: decodeObject, decodeSubresourceBody. Pure: no I/O, and warnings are returned, not sent (the
 * HTTP layer turns each into a `Warning: 299 - "<text>"` header).
 *
 * Bodies are text, except protobuf bodies, which are bytes: given as a Uint8Array, or as a string of
 * one character per byte (latin1), the form in which ApiRequest carries them.
 */
import type { KubeObject } from '../../lib/api/types.js';
import type { ResourceInfo } from '../../lib/api/resources.js';
import { BadRequestError } from '../../lib/errors.js';
import { cannotBeHandled, notSupported, optionsInvalid, unrecognized } from './decode-errors.js';
import { GoDecodeError, goUnmarshal } from './go-unmarshal.js';
import { GoJsonSyntaxError, parseGoJson } from './go-json.js';
import { toPlain, type JsonNode } from './json-node.js';
import { negotiateBodyFormat, type BodyFormat } from './media-type.js';
import { internalType, isRegistered, LEGACY_SCHEME, modelFor, versionedType } from './scheme-kinds.js';
import { formatGroupVersion, interpretTypeMeta, parseGroupVersion, TypeMetaError, withDefaults, type GroupVersionKind } from './type-meta.js';
import { parseYamlBody, YamlSyntaxError } from './yaml-body.js';
import { decodeProtobufBody } from './protobuf/index.js';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface DecodeOptions {
  /** JSON or YAML text, or protobuf bytes (see the header). */
  body: string | Uint8Array;
  contentType?: string;
  /** The `fieldValidation` query parameter as sent; absent means Warn. */
  fieldValidation?: string;
  /** Which options kind names an invalid fieldValidation in the 422: create (default) or update. */
  verb?: 'create' | 'update';
}

export interface DecodedObject {
  object: KubeObject;
  /** One text per unknown or duplicate field under Warn, for `Warning: 299` headers. */
  warnings: string[];
}

/** What the URL expects the body to be. `accepts` lists other apiVersions the endpoint takes as its own. */
interface Target extends GroupVersionKind {
  accepts?: string[];
}

const FIELD_VALIDATION_VALUES = ['', 'Ignore', 'Strict', 'Warn'];

/** The effective directive; an unknown value is the 422 kube-apiserver gives on the options kind. */
export function fieldValidationDirective(value: string | undefined, verb: 'create' | 'update' = 'create'): FieldValidation {
  if (value === undefined || value === '') return 'Warn';
  if (!FIELD_VALIDATION_VALUES.includes(value)) {
    const message = notSupported(value, FIELD_VALIDATION_VALUES);
    throw optionsInvalid(verb === 'create' ? 'CreateOptions' : 'UpdateOptions', [{ reason: 'FieldValueNotSupported', message, field: 'fieldValidation' }]);
  }
  return value as FieldValidation;
}

interface ParsedBody {
  node: JsonNode;
  /** go-yaml's "line N: key ... already set in map" texts (YAML bodies only). */
  duplicateKeys: string[];
}

function bodyText(body: string | Uint8Array): string {
  return typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
}

function bodyBytes(body: string | Uint8Array): Uint8Array {
  return typeof body === 'string' ? Buffer.from(body, 'latin1') : body;
}

function parseBody(opts: DecodeOptions, format: BodyFormat, target: Target): ParsedBody {
  if (format === 'protobuf') return { node: decodeProtobufBody(bodyBytes(opts.body), target), duplicateKeys: [] };
  const body = bodyText(opts.body);
  const expectedKind = target.kind;
  try {
    if (format === 'yaml') return parseYamlBody(body);
    return { node: parseGoJson(body), duplicateKeys: [] };
  } catch (e) {
    if (e instanceof GoJsonSyntaxError) throw unrecognized(expectedKind, `couldn't get version/kind; json parse error: ${e.message}`, body);
    if (e instanceof YamlSyntaxError) throw unrecognized(expectedKind, `error converting YAML to JSON: ${e.message}`, body);
    throw e;
  }
}

/** The body's group/version/kind with the URL's filled in, or the 400 for an unusable one. */
function resolveKind(node: JsonNode, body: string, target: Target): GroupVersionKind {
  let gvk: GroupVersionKind;
  try {
    gvk = withDefaults(interpretTypeMeta(node), target);
  } catch (e) {
    if (e instanceof TypeMetaError) throw unrecognized(target.kind, e.message, body);
    throw e;
  }
  if (!gvk.version) throw cannotBeHandled(gvk.kind, gvk.version, target.kind, `Object 'apiVersion' is missing in '${body}'`);
  const apiVersion = formatGroupVersion(gvk);
  if (!isRegistered(apiVersion, gvk.kind)) {
    const cause = `no kind ${JSON.stringify(gvk.kind)} is registered for version ${JSON.stringify(apiVersion)} in scheme ${JSON.stringify(LEGACY_SCHEME)}`;
    throw cannotBeHandled(gvk.kind, gvk.version, target.kind, cause);
  }
  return gvk;
}

/** Decodes into the body kind's fields; a type error is the 400 naming both kinds. */
function unmarshal(node: JsonNode, gvk: GroupVersionKind, strict: boolean, target: Target) {
  const model = modelFor(formatGroupVersion(gvk), gvk.kind);
  try {
    if (model) return goUnmarshal(node, model, strict);
    const plain = toPlain(node);
    return { value: (typeof plain === 'object' && plain && !Array.isArray(plain) ? plain : {}) as Record<string, unknown>, strictErrors: [] };
  } catch (e) {
    if (e instanceof GoDecodeError) throw cannotBeHandled(gvk.kind, gvk.version, target.kind, e.message);
    throw e;
  }
}

/** Warn mode sends go-yaml's multi-line duplicate-key error as one warning per line. */
function warningsOf(errors: string[]): string[] {
  return errors.flatMap((e) => (e.startsWith('yaml: unmarshal errors:\n') ? e.split('\n').slice(1).map((l) => l.trim()) : [e]));
}

function decodeAs(target: Target, opts: DecodeOptions): DecodedObject {
  const format = negotiateBodyFormat(opts.contentType, { protobuf: true });
  const directive = fieldValidationDirective(opts.fieldValidation, opts.verb);
  const { node, duplicateKeys } = parseBody(opts, format, target);
  const gvk = resolveKind(node, format === 'protobuf' ? '' : bodyText(opts.body), target);
  const strict = directive !== 'Ignore';
  const { value, strictErrors } = unmarshal(node, gvk, strict, target);
  const from = internalType(gvk.group, gvk.kind);
  const to = internalType(target.group, target.kind);
  if (from !== to) {
    throw cannotBeHandled(gvk.kind, gvk.version, target.kind, `converting (${versionedType(gvk.version, gvk.kind)}) to (${to}): unknown conversion`);
  }
  const errors = [...(strict && duplicateKeys.length ? [`yaml: unmarshal errors:\n  ${duplicateKeys.join('\n  ')}`] : []), ...strictErrors];
  if (errors.length && directive === 'Strict') {
    throw cannotBeHandled(gvk.kind, gvk.version, target.kind, `strict decoding error: ${errors.join(', ')}`);
  }
  const bodyVersion = formatGroupVersion(gvk);
  const expectedVersion = formatGroupVersion(target);
  if (bodyVersion !== expectedVersion && !target.accepts?.includes(bodyVersion)) {
    throw new BadRequestError(`the API version in the data (${bodyVersion}) does not match the expected API version (${expectedVersion})`);
  }
  const { apiVersion: _a, kind: _k, metadata, ...rest } = value;
  const object: KubeObject = { apiVersion: expectedVersion, kind: target.kind, metadata: (metadata ?? {}) as KubeObject['metadata'], ...rest };
  return { object, warnings: directive === 'Warn' ? warningsOf(errors) : [] };
}

/** Decodes the body of a create (POST) or update (PUT) on `expected`'s collection or object. */
export function decodeObject(opts: DecodeOptions & { expected: ResourceInfo }): DecodedObject {
  const { group, version, kind } = opts.expected;
  return decodeAs({ group, version, kind }, opts);
}

/** Subresources that also take their kind in an older version (the eviction REST accepts policy/v1beta1). */
const SUBRESOURCE_ALSO_ACCEPTS: Record<string, string[]> = { 'policy/Eviction': ['policy/v1beta1'] };

/**
 * Decodes the body of a subresource write, whose kind is the subresource's own (SubresourceInfo's
 * group/version/kind): v1 Binding for pods/binding, autoscaling/v1 Scale for the scale subresources,
 * policy/v1 Eviction for pods/eviction.
 */
export function decodeSubresourceBody(opts: DecodeOptions & { apiVersion: string; kind: string }): DecodedObject {
  const { group, version } = parseGroupVersion(opts.apiVersion);
  return decodeAs({ group, version, kind: opts.kind, accepts: SUBRESOURCE_ALSO_ACCEPTS[`${group}/${opts.kind}`] }, opts);
}
