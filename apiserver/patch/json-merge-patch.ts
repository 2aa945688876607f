/**
 * JSON merge patch (RFC 7386, `application/merge-patch+json`), used by kubectl scale, label,
 * annotate and `patch --type merge`:
 *
 *   MergePatch(target, patch):
 *     patch not an object → the result is the patch
 *     otherwise           → start from target if it is an object, else {}; for each key of the
 *                           patch, null removes the key, anything else is MergePatch(target[key], value)
 *
 * Arrays are values like any other: replaced whole, never merged. Nulls inside a value that is
 * added are dropped (the recursion into {} removes them), nulls inside arrays are kept, per the RFC.
 *
 * Interface: jsonMergePatch(original, patch) → new value.
 * Invariants: inputs never mutated; the result shares no structure with them; keys are own
 * properties only ("__proto__" is ordinary data); nesting beyond MAX_NESTING_DEPTH is refused (400).
 * kube-apiserver accepts only object patches; that check belongs to the dispatcher (apply-patch.ts).
 */
import { BadRequestError } from '../../lib/errors.js';
import { deepClone, deleteOwn, exceedsDepth, getOwn, isJsonObject, MAX_NESTING_DEPTH, setOwn, type JsonObject } from './json-value.js';

export function jsonMergePatch(original: unknown, patch: unknown): unknown {
  if (exceedsDepth(patch, MAX_NESTING_DEPTH)) throw new BadRequestError('exceeded max depth');
  if (!isJsonObject(patch)) return deepClone(patch);
  return mergeInto(isJsonObject(original) ? deepClone(original) : {}, patch);
}

/** Merges `patch` into `target`, which belongs to the result and is modified in place. */
function mergeInto(target: JsonObject, patch: JsonObject): JsonObject {
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    if (value === null) {
      deleteOwn(target, key);
      continue;
    }
    if (!isJsonObject(value)) {
      setOwn(target, key, deepClone(value));
      continue;
    }
    const current = getOwn(target, key);
    setOwn(target, key, mergeInto(isJsonObject(current) ? current : {}, value));
  }
  return target;
}
