/**
 * Strategic merge patch (`application/strategic-merge-patch+json`), the patch kubectl apply, edit
 * and set image send. It is JSON merge patch (maps merge, `null` deletes a key) made type-aware:
 * the schema (patch-schema.ts) says which lists merge element by element (patch-strategies.ts), and
 * the patch may carry directives:
 *
 *   "$patch": "replace"               in a map: the map becomes the patch map (minus the directive)
 *   "$patch": "delete"                in a map: the map becomes {}
 *   "$patch": "merge"                 in a map: ordinary merge (kubelab extension; kube rejects it)
 *   "$retainKeys": [k...]             clear every live key not listed (Deployment strategy, volumes)
 *   "$setElementOrder/<list>": [...]  the final order of a merged list (kubectl always sends it)
 *   "$deleteFromPrimitiveList/<list>" values to remove from a primitive list (finalizers)
 *
 * The algorithm follows apimachinery strategicpatch.StrategicMergeMapPatch step by step (mergeMap:
 * directive, retainKeys, setElementOrder, then each key). Where Go takes a patch value verbatim
 * because the live object lacks the field, kubelab merges it into an empty value instead, so that
 * directives nested in it are applied rather than stored (Go's typed decoding would drop them).
 *
 * Interface: strategicMergePatch(original, patch, typeName) → new object.
 * Invariants: original and patch are never mutated, and the result shares no structure with
 * either; malformed patches throw ApiErrors (400, or 422 for a list of lists), never other errors.
 */
import { BadRequestError } from '../../lib/errors.js';
import { cannotUnmarshal } from './go-format.js';
import {
  deepClone, deleteOwn, exceedsDepth, getOwn, hasOwn, isJsonObject, MAX_NESTING_DEPTH, setOwn, type JsonObject,
} from './json-value.js';
import { fieldScope, listMeta, rootScope, type Scope } from './patch-schema.js';
import type { PatchMeta } from './patch-strategies.js';
import { badArgTypeError, badPatchTypeError, SMP_MESSAGES, StrategicMergePatchError } from './patch-errors.js';
import { deleteFromList, freshList, mergeList, type ElementMerger } from './strategic-list.js';
import { orderMergedList, validateSetElementOrder } from './list-order.js';

const PATCH = '$patch';
const RETAIN_KEYS = '$retainKeys';
const SET_ORDER = '$setElementOrder';
const DELETE_FROM = '$deleteFromPrimitiveList';

/**
 * Applies a strategic merge patch to a copy of `original`. `typeName` is the model type of the
 * object (e.g. 'V1Pod', see typeNameOf); an unknown type gives plain JSON merge semantics for lists.
 * A null patch changes nothing, as in kube-apiserver.
 */
export function strategicMergePatch(original: unknown, patch: unknown, typeName: string): unknown {
  if (patch === null || patch === undefined) return deepClone(original);
  if (!isJsonObject(patch)) throw new BadRequestError(cannotUnmarshal(patch, 'map[string]interface {}'));
  if (exceedsDepth(patch, MAX_NESTING_DEPTH)) throw new BadRequestError('exceeded max depth');
  const base = isJsonObject(original) ? deepClone(original) : {};
  return mergeMap(base, patch, rootScope(typeName));
}

const merger: ElementMerger = { mergeMap: (o, p, s) => mergeMap(o, p, s), fresh: (v, s, m) => fresh(v, s, m) };

/** Merges `patch` into `original`, which belongs to the result and is modified in place. */
function mergeMap(original: JsonObject, patch: JsonObject, scope: Scope): JsonObject {
  const directive = getOwn(patch, PATCH);
  if (directive === 'delete') return {};
  if (directive === 'replace') return mergeMap({}, withoutDirective(patch), scope);
  if (directive !== undefined && directive !== 'merge') throw badPatchTypeError(directive, patch);
  applyRetainKeys(original, patch);
  const ordered = applySetElementOrder(original, patch, scope);
  const deletions: string[] = [];
  for (const key of Object.keys(patch)) {
    if (key === PATCH || key === RETAIN_KEYS || key.startsWith(SET_ORDER) || ordered.has(key)) continue;
    if (key.startsWith(DELETE_FROM)) deletions.push(key);
    else mergeField(original, key, patch[key], scope);
  }
  // Deletions run after the merges, as they do when $setElementOrder accompanies the list (always, from kubectl).
  for (const key of deletions) {
    const field = directiveField(key, DELETE_FROM, SMP_MESSAGES.badPrimitiveList);
    const remaining = deleteFromList(getOwn(original, field), patch[key]);
    if (remaining !== undefined) setOwn(original, field, remaining);
  }
  return original;
}

/** One key of a patch map: null deletes, a missing or differently-typed value is replaced, maps and lists merge. */
function mergeField(original: JsonObject, key: string, patchValue: unknown, scope: Scope): void {
  if (patchValue === null) return deleteOwn(original, key);
  const child = fieldScope(scope, key);
  const current = getOwn(original, key);
  if (current === undefined || current === null || jsonKind(current) !== jsonKind(patchValue)) {
    return setOwn(original, key, fresh(patchValue, child, listMeta(scope, key)));
  }
  if (isJsonObject(current)) setOwn(original, key, mergeMap(current, patchValue as JsonObject, child));
  else if (Array.isArray(current)) setOwn(original, key, mergeList(current, patchValue as unknown[], child, listMeta(scope, key), merger));
  else setOwn(original, key, patchValue);
}

/** A patch value placed where the live object has nothing: merged into an empty value of its kind. */
function fresh(value: unknown, scope: Scope, meta?: PatchMeta): unknown {
  if (isJsonObject(value)) return mergeMap({}, value, scope);
  if (Array.isArray(value)) return freshList(value, scope, meta, merger);
  return value;
}

function jsonKind(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

function withoutDirective(patch: JsonObject): JsonObject {
  const copy: JsonObject = {};
  for (const k of Object.keys(patch)) if (k !== PATCH) setOwn(copy, k, patch[k]);
  return copy;
}

/** `<prefix>/<field>` → field; anything else after the prefix is malformed (extractKey). */
function directiveField(key: string, prefix: string, malformed: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) throw new StrategicMergePatchError(malformed);
  return key.slice(slash + 1);
}

/**
 * `$retainKeys` (applyRetainKeysDirective): every non-null key the patch sets must be listed, and
 * every live key not listed is cleared before the merge.
 */
function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!hasOwn(patch, RETAIN_KEYS)) return;
  const list = patch[RETAIN_KEYS];
  if (!Array.isArray(list)) throw new StrategicMergePatchError(SMP_MESSAGES.badRetainKeys);
  const retained = new Set(list.filter((k): k is string => typeof k === 'string'));
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k === RETAIN_KEYS || k === PATCH || k.startsWith(DELETE_FROM) || k.startsWith(SET_ORDER)) continue;
    if (!retained.has(k)) throw new StrategicMergePatchError(SMP_MESSAGES.badRetainKeys);
  }
  for (const k of Object.keys(original)) if (!retained.has(k)) delete original[k];
}

/**
 * Each `$setElementOrder/<list>` (mergePatchIntoOriginal): merge the list now, then order it by the
 * directive. Returns the list keys handled here, which the key loop must skip.
 */
function applySetElementOrder(original: JsonObject, patch: JsonObject, scope: Scope): Set<string> {
  const handled = new Set<string>();
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ORDER)) continue;
    const order = patch[key];
    if (!Array.isArray(order)) throw badArgTypeError('[]interface {}', order);
    const field = directiveField(key, SET_ORDER, SMP_MESSAGES.badSetElementOrder);
    const merged = mergeOrderedList(original, patch, field, order, scope);
    handled.add(field);
    if (merged !== undefined) setOwn(original, field, merged);
  }
  return handled;
}

function mergeOrderedList(original: JsonObject, patch: JsonObject, field: string, order: unknown[], scope: Scope): unknown[] | undefined {
  const live = getOwn(original, field);
  const patchList = getOwn(patch, field);
  if (live !== undefined && !Array.isArray(live)) throw badArgTypeError('[]interface {}', live);
  if (patchList !== undefined && !Array.isArray(patchList)) throw badArgTypeError('[]interface {}', patchList);
  const meta = listMeta(scope, field);
  validateSetElementOrder(patchList ?? [], order, meta?.mergeKey);
  if (live === undefined && patchList === undefined) return undefined;
  const child = fieldScope(scope, field);
  const merged = patchList === undefined ? live! : live === undefined
    ? freshList(patchList, child, meta, merger)
    : mergeList(live, patchList, child, meta, merger);
  // Go would reorder a replaced list of maps by hashing maps, and panic; only primitives and merge-keyed maps are ordered.
  const orderable = meta?.mergeKey !== undefined || merged.every((v) => !isJsonObject(v) && !Array.isArray(v));
  return orderable ? orderMergedList(merged, order, live ?? [], meta?.mergeKey) : merged;
}
