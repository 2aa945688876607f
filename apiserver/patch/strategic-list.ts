/**
 * Strategic merge of one list field (apimachinery strategicpatch mergeSlice and friends).
 *
 *  - A list whose field has no merge strategy is replaced by the patch list.
 *  - A merged list of primitives (metadata.finalizers) becomes the union, without duplicates.
 *  - A merged list of maps matches elements on the merge key: a patch element merges into the live
 *    element with the same key, or is added. Patch elements may carry directives:
 *      {"$patch":"delete","name":"x"}  removes every live element with that key;
 *      {"$patch":"replace"}            makes the list exactly the other patch elements;
 *      {"$patch":"merge", ...}         an ordinary element (kubelab extension; kube rejects it).
 *  - The merged list is ordered by list-order.ts.
 *  - `$deleteFromPrimitiveList/<field>` removes values from a primitive list (deleteFromList).
 *
 * Interface: mergeList / freshList / deleteFromList. `original` lists passed in are owned by the
 * caller's result and may be reused; `patch` values are never mutated. Maps inside lists are merged
 * through the ElementMerger the caller supplies, which keeps this module free of a cyclic import.
 */
import type { PatchMeta } from './patch-strategies.js';
import { itemScope, type Scope } from './patch-schema.js';
import { getOwn, hasOwn, isJsonObject, setOwn, type JsonObject } from './json-value.js';
import { orderMergedList } from './list-order.js';
import {
  badPatchTypeError, noMergeKeyError, SMP_MESSAGES, StrategicMergePatchError, UnprocessablePatchError,
} from './patch-errors.js';
import { goSprint } from './go-format.js';

export interface ElementMerger {
  /** Merges `patch` into `original` (owned by the result) and returns the merged map. */
  mergeMap(original: JsonObject, patch: JsonObject, scope: Scope): JsonObject;
  /** A patch value placed where the live object has nothing, with its directives applied. */
  fresh(value: unknown, scope: Scope, meta?: PatchMeta): unknown;
}

type ElementKind = 'map' | 'primitive' | 'empty';

/**
 * All elements of both lists must have one JSON type and not be lists (sliceElementType).
 * Numbers count as one type here: JavaScript cannot tell Go's int64 1 from float64 1.0.
 */
function elementKind(original: readonly unknown[], patch: readonly unknown[]): ElementKind {
  let seen: string | undefined;
  for (const v of [...original, ...patch]) {
    const t = v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
    if (t === 'array') throw new UnprocessablePatchError(SMP_MESSAGES.listOfLists);
    if (seen !== undefined && seen !== t) {
      throw new StrategicMergePatchError(`list element types are not identical: ${goSprint([original, patch])}`);
    }
    seen = t;
  }
  if (seen === undefined) return 'empty';
  return seen === 'object' ? 'map' : 'primitive';
}

/** The merge of an owned live list with a patch list for a field with metadata `meta`. */
export function mergeList(original: unknown[], patch: readonly unknown[], scope: Scope, meta: PatchMeta | undefined, m: ElementMerger): unknown[] {
  if (!meta?.merge) return freshList(patch, scope, meta, m);
  const kind = elementKind(original, patch);
  if (kind === 'empty') return original;
  if (kind === 'primitive') return mergePrimitives(original, patch);
  if (!meta.mergeKey) throw new StrategicMergePatchError('cannot merge lists without merge key for type struct');
  return mergeMaps(original, patch, meta.mergeKey, itemScope(scope), m);
}

/** A patch list placed where the live object has no list: merged into [] so its directives apply. */
export function freshList(patch: readonly unknown[], scope: Scope, meta: PatchMeta | undefined, m: ElementMerger): unknown[] {
  if (meta?.merge) return mergeList([], patch, scope, meta, m);
  return patch.map((v) => m.fresh(v, itemScope(scope)));
}

/** Union of two primitive lists: duplicates dropped, then ordered like any merged list. */
function mergePrimitives(original: unknown[], patch: readonly unknown[]): unknown[] {
  return orderMergedList([...new Set([...original, ...patch])], patch, original, undefined);
}

function mergeMaps(original: unknown[], patch: readonly unknown[], mergeKey: string, elemScope: Scope, m: ElementMerger): unknown[] {
  const { live, items } = applyElementDirectives(original, patch as JsonObject[], mergeKey, elemScope, m);
  const merged = [...live];
  // Position of the first element per key value. Live elements without the key never match
  // (findMapInSliceBasedOnKeyValue); ordering rejects them afterwards.
  const at = new Map<unknown, number>();
  merged.forEach((x, i) => {
    if (isJsonObject(x) && hasOwn(x, mergeKey) && !at.has(x[mergeKey])) at.set(x[mergeKey], i);
  });
  for (const item of items) {
    if (!hasOwn(item, mergeKey)) throw noMergeKeyError(item, mergeKey);
    const i = at.get(item[mergeKey]);
    if (i !== undefined) merged[i] = m.mergeMap(merged[i] as JsonObject, item, elemScope);
    else at.set(item[mergeKey], merged.push(m.fresh(item, elemScope)) - 1);
  }
  return orderMergedList(merged, items, live, mergeKey);
}

/**
 * Handles `$patch` elements (mergeSliceWithSpecialElements): deletions shrink the live list,
 * "replace" swaps the live list for the plain patch elements. Returns what is left to merge.
 */
function applyElementDirectives(original: unknown[], patch: readonly JsonObject[], mergeKey: string, elemScope: Scope, m: ElementMerger) {
  const deleted = new Set<unknown>();
  const items: JsonObject[] = [];
  let replace = false;
  for (const el of patch) {
    const directive = getOwn(el, '$patch');
    if (directive === undefined) items.push(el);
    else if (directive === 'delete') {
      if (!hasOwn(el, mergeKey)) throw noMergeKeyError(el, mergeKey);
      deleted.add(el[mergeKey]);
    } else if (directive === 'replace') replace = true;
    else if (directive === 'merge') items.push(withoutKey(el, '$patch'));
    else throw badPatchTypeError(directive, el);
  }
  if (replace) return { live: items.map((el) => m.fresh(el, elemScope)), items: [] as JsonObject[] };
  const live = deleted.size === 0 ? original
    : original.filter((x) => !(isJsonObject(x) && hasOwn(x, mergeKey) && deleted.has(x[mergeKey])));
  return { live, items };
}

function withoutKey(obj: JsonObject, key: string): JsonObject {
  const copy: JsonObject = {};
  for (const k of Object.keys(obj)) if (k !== key) setOwn(copy, k, obj[k]);
  return copy;
}

/**
 * `$deleteFromPrimitiveList/<field>: [values]` removes every occurrence of the values from the live
 * primitive list, whatever the field's strategy. A missing live list stays missing (apimachinery's
 * test cases require it; an older mergeMap added the values), and a live non-list is left alone.
 * The directive itself must be a list in every case.
 */
export function deleteFromList(original: unknown, toDelete: unknown): unknown {
  if (!Array.isArray(toDelete)) throw new StrategicMergePatchError(SMP_MESSAGES.badPrimitiveList);
  if (!Array.isArray(original)) return original;
  const remove = new Set(toDelete);
  return original.filter((v) => !remove.has(v));
}
