/**
 * How kube-apiserver prints the "bad value" of a field error. The Go code hands a typed value to
 * `field.Invalid(path, value, detail)` and apimachinery (v0.32 `field.Error.ErrorBody`) renders it:
 *
 *   - string                     → `%q`    "Hello_World"
 *   - int32, int64, bool, float  → `%v`    5, true
 *   - nil or a nil pointer       → null
 *   - a non-nil pointer          → the value it points to, printed by the same rules
 *   - anything else (maps, slices, structs) → `%#v`, Go syntax:
 *       map[string]string{"app":"hello"}, []string{"a", "b"},
 *       intstr.IntOrString{Type:0, IntVal:0, StrVal:""}
 *
 * kubectl shows these verbatim ("Invalid value: map[string]string{...}: `selector` does not match..."),
 * so kubelab reproduces the Go spelling. Objects here are JSON, which has lost the Go types, so each
 * caller says what Go type the value had: plain JS strings, numbers and booleans map to the scalar
 * cases; anything printed with `%#v` is built with the helpers below into a GoLiteral.
 *
 * Pure functions, no I/O.
 */

/** A value already spelled the way Go's `%#v` prints it. */
export class GoLiteral {
  constructor(readonly text: string) {}
}

export type BadValue = string | number | boolean | null | undefined | GoLiteral;

/** Go's strconv.Quote: double quotes, backslash escapes for quotes, backslashes and control characters. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    out += quoteRune(ch, code);
  }
  return out + '"';
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '\\"', '\\': '\\\\', '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v',
};

function quoteRune(ch: string, code: number): string {
  const simple = SIMPLE_ESCAPES[ch];
  if (simple) return simple;
  if (code < 0x20 || code === 0x7f) return '\\x' + code.toString(16).padStart(2, '0');
  // Go keeps printable Unicode as is; C1 controls and unassigned-ish code points are escaped.
  if (code >= 0x80 && code < 0xa0) return '\\u' + code.toString(16).padStart(4, '0');
  return ch;
}

/** The text ErrorBody puts after "Invalid value: " for a bad value. */
export function renderValue(v: BadValue): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof GoLiteral) return v.text;
  if (typeof v === 'string') return goQuote(v);
  return String(v);
}

/** `%#v` of one struct field or element: strings quoted, nested literals as spelled. */
function inner(v: BadValue): string {
  if (v instanceof GoLiteral) return v.text;
  if (typeof v === 'string') return goQuote(v);
  if (v === null || v === undefined) return 'null';
  return String(v);
}

/** `%#v` of a struct: `pkg.Type{A:1, B:"x"}`. Fields are given in Go declaration order. */
export function goStruct(typeName: string, fields: [string, BadValue][]): GoLiteral {
  return new GoLiteral(`${typeName}{${fields.map(([k, v]) => `${k}:${inner(v)}`).join(', ')}}`);
}

/** `%#v` of a map[string]string; undefined/null is Go's nil map. Go's fmt prints keys sorted. */
export function goStringMap(m: Record<string, unknown> | null | undefined, typeName = 'map[string]string'): GoLiteral {
  if (m === null || m === undefined) return new GoLiteral(`${typeName}(nil)`);
  const entries = Object.keys(m).sort().map((k) => `${goQuote(k)}:${goQuote(String(m[k]))}`);
  return new GoLiteral(`${typeName}{${entries.join(', ')}}`);
}

/** `%#v` of a slice; elements are rendered by `each` (default: quoted strings). */
export function goSlice<T>(a: T[] | null | undefined, typeName: string, each: (x: T) => string = (x) => goQuote(String(x))): GoLiteral {
  if (a === null || a === undefined) return new GoLiteral(`${typeName}(nil)`);
  return new GoLiteral(`${typeName}{${a.map(each).join(', ')}}`);
}

/** `%#v` of a pointer field inside a struct: Go prints the type and the address, never the value. */
export function goPointer(typeName: string, value: unknown): GoLiteral {
  // The address is whatever the Go heap gave; kubelab prints a fixed one so output stays stable.
  return new GoLiteral(value === null || value === undefined ? `(*${typeName})(nil)` : `(*${typeName})(0xc000000000)`);
}

/** `%#v` of intstr.IntOrString as JSON carries it (a number or a string). Type 0 is Int, 1 is String. */
export function goIntOrString(v: unknown): GoLiteral {
  if (typeof v === 'string') return goStruct('intstr.IntOrString', [['Type', 1], ['IntVal', 0], ['StrVal', v]]);
  const n = typeof v === 'number' ? v : 0;
  return goStruct('intstr.IntOrString', [['Type', 0], ['IntVal', n], ['StrVal', '']]);
}

/** `%#v` of a metav1.LabelSelector (the package is imported as `v1` where the apiserver prints it). */
export function goLabelSelector(sel: Record<string, any> | null | undefined): GoLiteral {
  const s = sel ?? {};
  const exprs = goSlice<Record<string, any>>(s.matchExpressions, '[]v1.LabelSelectorRequirement', (e) =>
    goStruct('v1.LabelSelectorRequirement', [
      ['Key', e.key ?? ''],
      ['Operator', e.operator ?? ''],
      ['Values', goSlice(e.values, '[]string')],
    ]).text,
  );
  return goStruct('v1.LabelSelector', [['MatchLabels', goStringMap(s.matchLabels)], ['MatchExpressions', exprs]]);
}

/** `%#v` of a metav1.OwnerReference. */
export function goOwnerReference(r: Record<string, any>): GoLiteral {
  return goStruct('v1.OwnerReference', [
    ['APIVersion', r.apiVersion ?? ''],
    ['Kind', r.kind ?? ''],
    ['Name', r.name ?? ''],
    ['UID', r.uid ?? ''],
    ['Controller', goPointer('bool', r.controller)],
    ['BlockOwnerDeletion', goPointer('bool', r.blockOwnerDeletion)],
  ]);
}
