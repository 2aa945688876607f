/**
 * Small helpers for defaulters that work on plain JSON objects: reach a nested object, creating it, and
 * iterate a list field that may be absent. Defaulters mutate the private copy applyDefaults made.
 */

export type Obj = Record<string, any>;

/** obj[key] as an object, created empty when absent (Go's non-pointer struct fields always exist). */
export function child(obj: Obj, key: string): Obj {
  const v = obj[key];
  if (v && typeof v === 'object' && !Array.isArray(v)) return v as Obj;
  obj[key] = {};
  return obj[key] as Obj;
}

/** The objects in obj[key] when it is a list; none otherwise. */
export function items(obj: Obj | undefined, key: string): Obj[] {
  const v = obj?.[key];
  return Array.isArray(v) ? v.filter((i): i is Obj => !!i && typeof i === 'object') : [];
}

/** obj[key] when it is an object, else undefined (for pointer fields that stay absent). */
export function maybe(obj: Obj | undefined, key: string): Obj | undefined {
  const v = obj?.[key];
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}

/** Sets obj[key] = value unless a value (anything but undefined/null/"") is already there. */
export function setDefault(obj: Obj, key: string, value: unknown): void {
  if (obj[key] === undefined || obj[key] === null || obj[key] === '') obj[key] = value;
}
