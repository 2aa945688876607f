/**
 * Small, safe helpers for plain JSON values, shared by the three patch kinds.
 *
 * Safety invariants every patch module relies on:
 *  - Keys are read and written as *own* properties only. A key such as "constructor" or "__proto__"
 *    in a document is data, never a path into Object.prototype (`obj[k]` alone would be).
 *  - Nesting is bounded: the merges recurse along the patch, so a patch nested deeper than
 *    MAX_NESTING_DEPTH is refused before any recursion starts.
 */

export type JsonObject = Record<string, unknown>;

/**
 * Deepest nesting a patch may have. Go's decoder allows 10000 levels, but kubelab's merges recurse
 * along the patch (a few frames per level) and fast-json-patch's comparisons recurse too; 500 levels
 * run in well under half of Node's default stack. Real Kubernetes objects nest fewer than 30 levels.
 */
export const MAX_NESTING_DEPTH = 500;

/** A JSON object: not null, not an array. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function hasOwn(obj: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** obj[key] if it is an own property, else undefined. */
export function getOwn(obj: JsonObject, key: string): unknown {
  return hasOwn(obj, key) ? obj[key] : undefined;
}

/** Sets an own, enumerable data property, even for "__proto__" (plain assignment would set the prototype). */
export function setOwn(obj: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}

export function deleteOwn(obj: JsonObject, key: string): void {
  if (hasOwn(obj, key)) delete obj[key];
}

/**
 * A deep copy of a JSON value, sharing nothing with the input. Iterative, so any depth works:
 * structuredClone and JSON.parse(JSON.stringify()) both recurse and overflow a few thousand levels
 * down, and the *original* object of a patch is not bounded by MAX_NESTING_DEPTH.
 */
export function deepClone<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  const root = emptyLike(value);
  const work: [source: object, target: Record<string, unknown> | unknown[]][] = [[value, root]];
  while (work.length > 0) {
    const [source, target] = work.pop()!;
    for (const key of Object.keys(source)) {
      const v = (source as Record<string, unknown>)[key];
      const copy = typeof v === 'object' && v !== null ? emptyLike(v) : v;
      if (Array.isArray(target)) target[Number(key)] = copy;
      else setOwn(target, key, copy);
      if (copy !== v) work.push([v as object, copy as Record<string, unknown> | unknown[]]);
    }
  }
  return root as T;
}

function emptyLike(value: object): Record<string, unknown> | unknown[] {
  return Array.isArray(value) ? new Array<unknown>(value.length) : {};
}

/** True when `value` nests objects/arrays deeper than `limit` levels. Iterative, so it never overflows. */
export function exceedsDepth(value: unknown, limit: number): boolean {
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth + 1 > limit) return true;
    const children = Array.isArray(v) ? v : Object.values(v);
    for (const c of children) stack.push({ v: c, depth: depth + 1 });
  }
  return false;
}

/** True when any object inside `value` has an own "__proto__" key. Iterative. */
export function containsProtoKey(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (!Array.isArray(v) && hasOwn(v as JsonObject, '__proto__')) return true;
    // A loop, not push(...children): spreading a huge array would exceed the argument limit.
    for (const c of Array.isArray(v) ? v : Object.values(v)) stack.push(c);
  }
  return false;
}
