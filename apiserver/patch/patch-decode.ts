/**
 * Decoding a PATCH body, with the 400s kube-apiserver gives for bodies it cannot use.
 *
 * kube-apiserver decodes each patch type differently (handlers/patch.go), and its messages show it:
 *  - strategic merge: into map[string]interface{}, error text as is:
 *      "invalid character 'x' looking for beginning of value"
 *      "json: cannot unmarshal array into Go value of type map[string]interface {}"
 *    A `null` body decodes to an empty patch: the object is left unchanged.
 *  - JSON merge: into map[string]interface{}, prefixed "error decoding patch: "; `null` is
 *    refused by the merge library with "Invalid JSON Patch".
 *  - JSON patch: into []jsonPatchOp{op, path, from string; value any}, prefixed the same way;
 *    `null` is an empty list of operations; more than 10000 operations is a 413.
 * (These are the messages for fieldValidation Warn/Strict, the default when kubectl sends none.)
 *
 * kubelab additionally refuses any "__proto__" key (400): the key is legal JSON, but stored objects
 * flow into every component, where one careless object spread would turn it into a prototype.
 *
 * Interface: decodeStrategicPatch / decodeMergePatch / decodeJsonPatch (text → value or throw).
 */
import { BadRequestError } from '../../lib/errors.js';
import { cannotUnmarshal } from './go-format.js';
import { GoJsonSyntaxError, parseGoJson } from './go-json.js';
import { containsProtoKey, isJsonObject, type JsonObject } from './json-value.js';
import { MAX_JSON_PATCH_OPERATIONS, TooManyPatchOperationsError } from './patch-errors.js';

const DECODING = 'error decoding patch: ';
const MAP_TYPE = 'map[string]interface {}';

/** A strategic merge patch body: an object, or null for "no change". */
export function decodeStrategicPatch(text: string): JsonObject | null {
  const value = parse(text, '');
  if (value !== null && !isJsonObject(value)) throw new BadRequestError(cannotUnmarshal(value, MAP_TYPE));
  return value;
}

/** A JSON merge patch body: an object. */
export function decodeMergePatch(text: string): JsonObject {
  const value = parse(text, DECODING);
  if (value === null) throw new BadRequestError('Invalid JSON Patch');
  if (!isJsonObject(value)) throw new BadRequestError(DECODING + cannotUnmarshal(value, MAP_TYPE));
  return value;
}

/** A JSON patch body: a list of operations whose op, path and from (when present) are strings. */
export function decodeJsonPatch(text: string): unknown[] {
  const value = parse(text, DECODING);
  if (value === null) return [];
  if (!Array.isArray(value)) throw new BadRequestError(DECODING + cannotUnmarshal(value, '[]handlers.jsonPatchOp'));
  const typeError = firstOperationTypeError(value);
  if (typeError) throw new BadRequestError(DECODING + typeError);
  if (value.length > MAX_JSON_PATCH_OPERATIONS) throw new TooManyPatchOperationsError(value.length);
  return value;
}

function parse(text: string, prefix: string): unknown {
  let value: unknown;
  try {
    value = parseGoJson(text);
  } catch (err) {
    if (err instanceof GoJsonSyntaxError) throw new BadRequestError(prefix + err.message);
    throw err;
  }
  if (containsProtoKey(value)) throw new BadRequestError(`${prefix}the key "__proto__" is not allowed in a patch`);
  return value;
}

/** encoding/json decodes every element and reports the first type mismatch, in document order. */
function firstOperationTypeError(ops: unknown[]): string | undefined {
  for (const op of ops) {
    if (op === null) continue;
    if (!isJsonObject(op)) return cannotUnmarshal(op, 'handlers.jsonPatchOp');
    for (const field of Object.keys(op)) {
      const v = op[field];
      const isStringField = field === 'op' || field === 'path' || field === 'from';
      if (isStringField && v !== null && typeof v !== 'string') return cannotUnmarshal(v, 'string', `jsonPatchOp.${field}`);
    }
  }
  return undefined;
}
