/**
 * The order of a merged list, as kube-apiserver computes it (apimachinery strategicpatch
 * normalizeElementOrder / mergeSortedSlice / validatePatchWithSetOrderList).
 *
 * A merged list has two kinds of items: those the patch mentions ("patch items") and those only the
 * live object has ("server-only items"). Precedence: `$setElementOrder` > order in the patch > order
 * in the live object. The two groups are each sorted by their own order and then interleaved:
 * a server-only item is emitted before a patch item only when the live object already had both and
 * had the server-only one first. Consequence worth knowing: without `$setElementOrder`, an item the
 * live object did not have goes *before* the remaining server-only items, e.g. merging finalizers
 * ["c"] into ["a","b"] gives ["c","a","b"]. kubectl avoids this by always sending $setElementOrder.
 *
 * An item's identity is its merge-key value for lists of maps, the value itself for primitives.
 * Invariant: pure; inputs are not mutated.
 */
import { getOwn, hasOwn, isJsonObject } from './json-value.js';
import { badArgTypeError, noMergeKeyError, StrategicMergePatchError } from './patch-errors.js';
import { goSprint } from './go-format.js';

/** The identity of a list item: its merge-key value, or the item itself for primitives. */
export function itemKey(item: unknown, mergeKey: string | undefined): unknown {
  if (!mergeKey) return item;
  return isJsonObject(item) ? getOwn(item, mergeKey) : undefined;
}

/**
 * The first position of each identity in `list`. Lookups go through this map so that ordering
 * stays linear: a patch may carry lists of tens of thousands of items, and Go's quadratic scans
 * would block Node's only thread.
 */
function positions(list: readonly unknown[], mergeKey: string | undefined): Map<unknown, number> {
  const at = new Map<unknown, number>();
  list.forEach((item, i) => {
    const key = itemKey(item, mergeKey);
    if (!at.has(key)) at.set(key, i);
  });
  return at;
}

/** Every item must be a map carrying the merge key (mergepatch ErrBadArgType / ErrNoMergeKey). */
export function requireMergeKeys(items: readonly unknown[], mergeKey: string | undefined): void {
  if (!mergeKey) return;
  for (const item of items) {
    if (!isJsonObject(item)) throw badArgTypeError('map[string]interface {}', item);
    if (!hasOwn(item, mergeKey)) throw noMergeKeyError(item, mergeKey);
  }
}

/** Splits `merged` into the items whose identity appears in `by` and the rest, keeping order. */
function partitionByPresence(merged: readonly unknown[], by: ReadonlyMap<unknown, number>, mergeKey: string | undefined) {
  requireMergeKeys(merged, mergeKey);
  const inBy: unknown[] = [];
  const rest: unknown[] = [];
  for (const item of merged) (by.has(itemKey(item, mergeKey)) ? inBy : rest).push(item);
  return { inBy, rest };
}

/** Stable sort of `items` by position in `order`; items `order` does not mention keep their place at the end. */
function sortByOrder(items: readonly unknown[], order: ReadonlyMap<unknown, number>, mergeKey: string | undefined): unknown[] {
  const rank = (item: unknown) => order.get(itemKey(item, mergeKey)) ?? Number.MAX_SAFE_INTEGER;
  return items.map((item, i) => ({ item, i, r: rank(item) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.item);
}

/**
 * Interleaves the sorted server-only items (`left`) with the sorted patch items (`right`): take from
 * the left only when both items are in `serverOrder` and the left one came first there.
 */
function mergeSorted(left: unknown[], right: unknown[], serverOrder: ReadonlyMap<unknown, number>, mergeKey: string | undefined): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = serverOrder.get(itemKey(left[i], mergeKey));
      const ri = serverOrder.get(itemKey(right[j], mergeKey));
      out.push(li !== undefined && ri !== undefined && li < ri ? left[i++] : right[j++]);
    }
  }
  return out;
}

/**
 * The final order of `merged`: items present in `patchOrder` follow it, the others follow
 * `serverOrder` (the live list), and the two are interleaved as described in the header.
 */
export function orderMergedList(
  merged: readonly unknown[],
  patchOrder: readonly unknown[],
  serverOrder: readonly unknown[],
  mergeKey: string | undefined,
): unknown[] {
  requireMergeKeys(patchOrder, mergeKey);
  requireMergeKeys(serverOrder, mergeKey);
  const patchAt = positions(patchOrder, mergeKey);
  const serverAt = positions(serverOrder, mergeKey);
  const { inBy: patchItems, rest: serverOnly } = partitionByPresence(merged, patchAt, mergeKey);
  return mergeSorted(sortByOrder(serverOnly, serverAt, mergeKey), sortByOrder(patchItems, patchAt, mergeKey), serverAt, mergeKey);
}

const isDirective = (item: unknown) => isJsonObject(item) && hasOwn(item, '$patch');

/**
 * The patch list must mention its items in the same relative order as `$setElementOrder/<list>`
 * (validatePatchWithSetOrderList); `$patch` elements are ignored.
 */
export function validateSetElementOrder(patchList: readonly unknown[], order: readonly unknown[], mergeKey: string | undefined): void {
  if (order.length === 0 || patchList.length === 0) return;
  if (mergeKey) for (const item of patchList) if (!isJsonObject(item)) throw badArgTypeError('map[string]interface {}', item);
  const items = mergeKey ? patchList.filter((p) => !(isJsonObject(p) && getOwn(p, '$patch') === 'delete')) : patchList;
  let p = 0;
  let s = 0;
  while (p < items.length && s < order.length) {
    if (isDirective(items[p])) {
      p++;
      continue;
    }
    if (mergeKey) requireMergeKeys([items[p], order[s]], mergeKey);
    if (itemKey(items[p], mergeKey) === itemKey(order[s], mergeKey)) p++;
    s++;
  }
  if (p < items.length) {
    throw new StrategicMergePatchError(
      `The order in patch list:\n${goSprint(patchList)}\n doesn't match $setElementOrder list:\n${goSprint(order)}\n`,
    );
  }
}
