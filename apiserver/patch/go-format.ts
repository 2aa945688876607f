/**
 * How Go prints decoded JSON values, so kubelab's patch errors read exactly like kube-apiserver's.
 *
 * kube-apiserver decodes a patch into Go `interface{}` values (map[string]interface{}, []interface{},
 * string, int64 / float64, bool, nil) and several strategic-merge errors embed them with `%v` or name
 * their type with `reflect.TypeOf`. These two functions reproduce that text for JSON values.
 *
 * Invariant: pure, total over JSON values (anything else prints as its JSON text).
 */

/** Go's `%v` of a decoded JSON value: `map[a:1 b:[x y]]`, `<nil>`, strings unquoted, map keys sorted. */
export function goSprint(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(goSprint).join(' ')}]`;
  if (typeof value === 'object') {
    // Go's fmt sorts map keys (since Go 1.12), so the output is deterministic.
    const keys = Object.keys(value).sort();
    const parts = keys.map((k) => `${k}:${goSprint((value as Record<string, unknown>)[k])}`);
    return `map[${parts.join(' ')}]`;
  }
  return JSON.stringify(value) ?? String(value);
}

/**
 * `reflect.TypeOf(v).String()` for a decoded JSON value. Integers decode to int64 in kube-apiserver
 * (sigs.k8s.io/json preserves ints), other numbers to float64.
 */
export function goTypeString(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return '[]interface {}';
  switch (typeof value) {
    case 'string': return 'string';
    case 'boolean': return 'bool';
    case 'number': return Number.isInteger(value) ? 'int64' : 'float64';
    case 'object': return 'map[string]interface {}';
    default: return typeof value;
  }
}

/** The JSON kind word encoding/json uses in "cannot unmarshal <kind> into ...". */
export function goJsonKind(value: unknown): 'object' | 'array' | 'string' | 'number' | 'bool' | 'null' {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string': return 'string';
    case 'number': return 'number';
    case 'boolean': return 'bool';
    default: return 'object';
  }
}

/** encoding/json's UnmarshalTypeError text, with or without a struct field. */
export function cannotUnmarshal(value: unknown, goType: string, structField?: string): string {
  const into = structField ? `Go struct field ${structField} of type ${goType}` : `Go value of type ${goType}`;
  return `json: cannot unmarshal ${goJsonKind(value)} into ${into}`;
}
