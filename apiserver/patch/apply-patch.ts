/**
 * The PATCH dispatcher: picks the patch type from the Content-Type, decodes the body, applies it and
 * checks the result the way kube-apiserver's patcher does (handlers/patch.go).
 *
 *   application/strategic-merge-patch+json → strategicMergePatch (kubectl apply, edit, set image)
 *   application/merge-patch+json           → jsonMergePatch      (kubectl scale, label, annotate)
 *   application/json-patch+json            → jsonPatch           (kubectl rollout undo)
 *   server-side apply's application/apply-patch+yaml (not implemented) → 415 listing the types above
 *   anything else → 415 "415: Unsupported Media Type", as go-restful's route matching answers
 *
 * The media type is the header up to the first ';' (parameters such as charset are ignored), compared
 * exactly, as kube-apiserver does. After patching, the object must still be an object with an object
 * `metadata`, keep its name (kube-apiserver's checkName: 400 "the name of the object (x) does not
 * match the name on the URL (y)") and keep its apiVersion and kind (restored when a patch removed them).
 * Namespace, resourceVersion and status handling belong to the caller, which knows the request.
 *
 * Interface: applyPatch(contentType, original, patchText, typeName) → patched copy, or throws ApiError.
 * Invariant: never throws anything but ApiError for any patch text; `original` is never mutated.
 */
import type { KubeObject } from '../../lib/api/types.js';
import { BadRequestError, UnsupportedMediaTypeError } from '../../lib/errors.js';
import { isJsonObject } from './json-value.js';
import { decodeJsonPatch, decodeMergePatch, decodeStrategicPatch } from './patch-decode.js';
import { UnprocessablePatchError, UnroutablePatchMediaTypeError } from './patch-errors.js';
import { jsonMergePatch } from './json-merge-patch.js';
import { jsonPatch } from './json-patch.js';
import { strategicMergePatch } from './strategic-merge.js';

export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';
export const MERGE_PATCH = 'application/merge-patch+json';
export const JSON_PATCH = 'application/json-patch+json';
export const APPLY_PATCH = 'application/apply-patch+yaml';

/** The patch media types kubelab accepts, in kube-apiserver's order. */
export const SUPPORTED_PATCH_TYPES: readonly string[] = [JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH];

export function applyPatch(contentType: string, original: KubeObject, patchText: string, typeName: string): KubeObject {
  try {
    return checkPatched(original, patchByType(patchMediaType(contentType), original, patchText, typeName));
  } catch (err) {
    // Last line of defence: depth limits and iterative copies should make a stack overflow impossible,
    // but if some input still finds one, it is the request's fault and must not surface as a 500.
    if (err instanceof RangeError) throw new UnprocessablePatchError('the object or the patch nests too deeply', { cause: err });
    throw err;
  }
}

/** "application/merge-patch+json; charset=utf-8" → "application/merge-patch+json". */
export function patchMediaType(contentType: string): string {
  const semicolon = contentType.indexOf(';');
  return semicolon > 0 ? contentType.slice(0, semicolon) : contentType;
}

function patchByType(mediaType: string, original: KubeObject, text: string, typeName: string): unknown {
  switch (mediaType) {
    case STRATEGIC_MERGE_PATCH:
      return strategicMergePatch(original, decodeStrategicPatch(text), typeName);
    case MERGE_PATCH:
      return jsonMergePatch(original, decodeMergePatch(text));
    case JSON_PATCH:
      return jsonPatch(original, decodeJsonPatch(text));
    case APPLY_PATCH:
      throw new UnsupportedMediaTypeError(mediaType);
    default:
      throw new UnroutablePatchMediaTypeError(mediaType);
  }
}

function checkPatched(original: KubeObject, patched: unknown): KubeObject {
  if (!isJsonObject(patched)) throw new UnprocessablePatchError('the patched document is not an object');
  const meta = patched.metadata;
  const name = isJsonObject(meta) && typeof meta.name === 'string' ? meta.name : '';
  const urlName = original.metadata.name ?? '';
  if (name !== urlName) {
    throw new BadRequestError(`the name of the object (${name}) does not match the name on the URL (${urlName})`);
  }
  if (!isJsonObject(meta)) throw new UnprocessablePatchError('the patched metadata is not an object');
  for (const field of ['apiVersion', 'kind'] as const) {
    const value = patched[field];
    // Decoding into the resource's Go type fills in a missing apiVersion/kind; a different one cannot decode.
    if (value === undefined || value === null) patched[field] = original[field];
    else if (value !== original[field]) throw new UnprocessablePatchError(`the patch changes ${field} to ${String(value)}`);
  }
  return patched as KubeObject;
}
