/**
 * Label selectors, as apimachinery's `pkg/labels` defines them: `parseLabelSelector` reads the string
 * form (`a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, `a>1`, `a<1`, comma-separated) into
 * requirements sorted by key; `labelSelectorAsRequirements` converts a metav1.LabelSelector object to the
 * same representation; `matchesLabels` evaluates them; `selectorString` / `formatLabelSelector` print them.
 * Representation: `[]` selects everything, `null` selects nothing (a nil LabelSelector).
 * Errors are BadRequestErrors with the real server's message, word for word.
 */
import { BadRequestError } from '../errors.js';


/** selection.Operator values; `gt`/`lt` are written `>`/`<`. */
export type LabelOperator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  values: string[];
}

export interface LabelSelectorRequirement {
  key: string;
  operator: string; // In | NotIn | Exists | DoesNotExist
  values?: string[];
}

/** metav1.LabelSelector, as it appears in spec.selector of ReplicaSets and Deployments. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

// --- Validation messages (apimachinery util/validation), because parse errors quote them.

const QNAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QNAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const DNS1123_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*';
const DNS1123_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

function regexError(msg: string, fmt: string, ...examples: string[]): string {
  const eg = examples.map((e) => `'${e}', `).join(' or ');
  return `${msg} (e.g. ${eg}regex used for validation is '${fmt}')`;
}

const full = (fmt: string) => new RegExp(`^${fmt}$`);
const QNAME_RE = full(QNAME_FMT);
const DNS1123_RE = full(DNS1123_FMT);
const VALUE_RE = full(`(${QNAME_FMT})?`);

/** validation.IsQualifiedName: the rule for label keys. */
function qualifiedNameErrors(value: string): string[] {
  const parts = value.split('/');
  if (parts.length > 2) {
    return [`a qualified name ${regexError(QNAME_MSG, QNAME_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  const errs: string[] = [];
  const name = parts.length === 2 ? parts[1]! : parts[0]!;
  if (parts.length === 2) {
    const prefix = parts[0]!;
    if (prefix === '') errs.push('prefix part must be non-empty');
    else {
      if (prefix.length > 253) errs.push('prefix part must be no more than 253 characters');
      if (!DNS1123_RE.test(prefix)) errs.push(`prefix part ${regexError(DNS1123_MSG, DNS1123_FMT, 'example.com')}`);
    }
  }
  if (name === '') errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (!QNAME_RE.test(name)) errs.push(`name part ${regexError(QNAME_MSG, QNAME_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

function labelValueErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (!VALUE_RE.test(value)) errs.push(regexError(VALUE_MSG, `(${QNAME_FMT})?`, 'MyValue', 'my_value', '12345'));
  return errs;
}

/** field.Invalid(...).Error(): `<path>: Invalid value: <value>: <detail>`; a nil path prints `<nil>`. */
function invalid(path: string, value: string | string[], detail: string): string {
  const shown = Array.isArray(value)
    ? value.length ? `[]string{${value.map((v) => JSON.stringify(v)).join(', ')}}` : '[]string(nil)'
    : JSON.stringify(value);
  return `${path}: Invalid value: ${shown}: ${detail}`;
}

/** utilerrors.Aggregate formatting: one error alone, several as `[a, b]` with duplicates dropped. */
function aggregate(errs: string[]): string | undefined {
  const uniq = [...new Set(errs)];
  if (uniq.length <= 1) return uniq[0];
  return `[${uniq.join(', ')}]`;
}

/** labels.NewRequirement: returns the aggregated error message, or undefined when valid. */
function requirementError(key: string, op: LabelOperator, values: string[], keyPath = 'key'): string | undefined {
  const errs: string[] = [];
  const keyErrs = qualifiedNameErrors(key);
  if (keyErrs.length) errs.push(invalid(keyPath, key, keyErrs.join('; ')));
  if ((op === 'in' || op === 'notin') && values.length === 0) {
    errs.push(invalid('values', values, "for 'in', 'notin' operators, values set can't be empty"));
  } else if ((op === '=' || op === '==' || op === '!=') && values.length !== 1) {
    errs.push(invalid('values', values, 'exact-match compatibility requires one single value'));
  } else if ((op === 'exists' || op === '!') && values.length !== 0) {
    errs.push(invalid('values', values, 'values set must be empty for exists and does not exist'));
  } else if (op === 'gt' || op === 'lt') {
    if (values.length !== 1) errs.push(invalid('values', values, "for 'Gt', 'Lt' operators, exactly one value is required"));
    values.forEach((v, i) => {
      if (!INT_RE.test(v)) errs.push(invalid(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"));
    });
  }
  values.forEach((v, i) => {
    const valueErrs = labelValueErrors(v);
    if (valueErrs.length) errs.push(invalid(`values[${i}][${key}]`, v, valueErrs.join('; ')));
  });
  return aggregate(errs);
}

const INT_RE = /^[+-]?\d+$/;

// --- The lexer and recursive-descent parser of `labels.Parse`, kept token for token so that the error
// messages (which quote the offending token) come out the same.

type Tok = 'ERR' | 'EOS' | ')' | ',' | '!' | '==' | '=' | '>' | 'ID' | 'in' | '<' | '!=' | 'notin' | '(';
interface Item { tok: Tok; lit: string }

const LITERAL_TOKENS = new Set<string>([')', ',', '!', '==', '=', '>', 'in', '<', '!=', 'notin', '(']);
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSpecial = (c: string) => '=!(),><'.includes(c);

function lex(s: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isSpace(s[pos]!)) pos++;
    if (pos >= s.length) return [...items, { tok: 'EOS', lit: '' }];
    let buf = '';
    let last: Item | undefined;
    if (isSpecial(s[pos]!)) {
      // Longest special-symbol run that still forms a token: `!=` beats `!`, `==` beats `=`.
      while (pos < s.length && isSpecial(s[pos]!)) {
        if (LITERAL_TOKENS.has(buf + s[pos])) last = { tok: (buf + s[pos]) as Tok, lit: buf + s[pos] };
        else if (last) break;
        buf += s[pos++];
      }
      items.push(last ?? { tok: 'ERR', lit: `error expected: keyword found '${buf}'` });
    } else {
      while (pos < s.length && !isSpecial(s[pos]!) && !isSpace(s[pos]!)) buf += s[pos++];
      items.push({ tok: LITERAL_TOKENS.has(buf) ? (buf as Tok) : 'ID', lit: buf });
    }
  }
}

class LabelParser {
  private pos = 0;
  constructor(private readonly items: Item[]) {}

  /** In value position `in` and `notin` are plain identifiers (`x in (in)`). */
  peek(values = true): Item {
    const it = this.items[this.pos]!;
    return values && (it.tok === 'in' || it.tok === 'notin') ? { tok: 'ID', lit: it.lit } : it;
  }
  next(values = true): Item {
    const it = this.peek(values);
    this.pos++;
    return it;
  }

  parse(): LabelRequirement[] {
    const reqs: LabelRequirement[] = [];
    for (;;) {
      const { tok, lit } = this.peek();
      if (tok === 'EOS') return reqs;
      if (tok !== 'ID' && tok !== '!') throw new Error(`found '${lit}', expected: !, identifier, or 'end of string'`);
      reqs.push(this.requirement());
      const after = this.next();
      if (after.tok === 'EOS') return reqs;
      if (after.tok !== ',') throw new Error(`found '${after.lit}', expected: ',' or 'end of string'`);
      const t2 = this.peek();
      if (t2.tok !== 'ID' && t2.tok !== '!') throw new Error(`found '${t2.lit}', expected: identifier after ','`);
    }
  }

  private requirement(): LabelRequirement {
    const fail = (msg: string): never => { throw new Error(`unable to parse requirement: ${msg}`); };
    let op: LabelOperator | undefined;
    let key = this.next();
    if (key.tok === '!') { op = '!'; key = this.next(); }
    if (key.tok !== 'ID') fail(`found '${key.lit}', expected: identifier`);
    const keyErrs = qualifiedNameErrors(key.lit);
    if (keyErrs.length) fail(invalid('<nil>', key.lit, keyErrs.join('; ')));
    const ahead = this.peek().tok;
    if (op === undefined && (ahead === 'EOS' || ahead === ',')) op = 'exists';
    let values: string[] = [];
    if (op === undefined) {
      op = this.operator(fail);
      values = op === 'in' || op === 'notin' ? this.valueSet(fail) : this.exactValue(fail);
    }
    const err = requirementError(key.lit, op, values);
    if (err) fail(err);
    return { key: key.lit, operator: op, values };
  }

  private operator(fail: (m: string) => never): LabelOperator {
    const { tok, lit } = this.next(false);
    const ops: Partial<Record<Tok, LabelOperator>> = { in: 'in', notin: 'notin', '=': '=', '==': '==', '!=': '!=', '>': 'gt', '<': 'lt' };
    return ops[tok] ?? fail(`found '${lit}', expected: in, notin, =, ==, !=, gt, lt`);
  }

  /** `(a,b)`, `()`, `(,a)`: empty members are the empty value; the set comes back sorted and unique. */
  private valueSet(fail: (m: string) => never): string[] {
    const open = this.next();
    if (open.tok !== '(') fail(`found '${open.lit}' expected: '('`);
    const first = this.peek();
    if (first.tok === ')') { this.next(); return ['']; }
    if (first.tok !== 'ID' && first.tok !== ',') fail(`found '${first.lit}', expected: ',', ')' or identifier`);
    const set = new Set<string>();
    for (;;) {
      const it = this.next();
      if (it.tok === 'ID') {
        set.add(it.lit);
        const t2 = this.peek();
        if (t2.tok === ')') break;
        if (t2.tok !== ',') fail(`found '${t2.lit}', expected: ',' or ')'`);
      } else if (it.tok === ',') {
        if (set.size === 0) set.add('');
        const t2 = this.peek().tok;
        if (t2 === ')') { set.add(''); break; }
        if (t2 === ',') set.add('');
      } else fail(`found '${it.lit}', expected: ',', or identifier`);
    }
    this.next(); // the ')' just seen
    return [...set].sort();
  }

  private exactValue(fail: (m: string) => never): string[] {
    const ahead = this.peek().tok;
    if (ahead === 'EOS' || ahead === ',') return [''];
    const it = this.next();
    return it.tok === 'ID' ? [it.lit] : fail(`found '${it.lit}', expected: identifier`);
  }
}

const byKey = (a: LabelRequirement, b: LabelRequirement) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** labels.Parse. The empty string selects everything. Throws BadRequestError with the real message. */
export function parseLabelSelector(selector: string): LabelRequirement[] {
  try {
    return new LabelParser(lex(selector)).parse().sort(byKey);
  } catch (err) {
    throw new BadRequestError((err as Error).message);
  }
}

/** metav1.LabelSelectorAsSelector: null (a missing selector) selects nothing, `{}` everything. */
export function labelSelectorAsRequirements(sel: LabelSelector | null | undefined): LabelRequirement[] | null {
  if (!sel) return null;
  const reqs: LabelRequirement[] = [];
  const add = (key: string, operator: LabelOperator, values: string[]) => {
    const err = requirementError(key, operator, values);
    if (err) throw new BadRequestError(err);
    reqs.push({ key, operator, values });
  };
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) add(k, '=', [v]);
  const ops: Record<string, LabelOperator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };
  for (const e of sel.matchExpressions ?? []) {
    const op = ops[e.operator];
    if (!op) throw new BadRequestError(`${JSON.stringify(e.operator)} is not a valid label selector operator`);
    add(e.key, op, [...(e.values ?? [])]);
  }
  return reqs.sort(byKey);
}

function requirementMatches(r: LabelRequirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = labels[r.key]!;
  switch (r.operator) {
    case '=': case '==': case 'in': return has && r.values.includes(value);
    case '!=': case 'notin': return !has || !r.values.includes(value);
    case 'exists': return has;
    case '!': return !has;
    case 'gt': case 'lt': {
      // Both sides must be integers; a label that is not one never matches.
      if (!has || !INT_RE.test(value) || r.values.length !== 1 || !INT_RE.test(r.values[0]!)) return false;
      const [lv, rv] = [BigInt(value), BigInt(r.values[0]!)];
      return r.operator === 'gt' ? lv > rv : lv < rv;
    }
  }
}

/** True when every requirement holds; `null` (nothing) matches no object. */
export function matchesLabels(reqs: readonly LabelRequirement[] | null, labels: Record<string, string> | undefined): boolean {
  if (reqs === null) return false;
  return reqs.every((r) => requirementMatches(r, labels ?? {}));
}

function requirementString(r: LabelRequirement): string {
  const values = [...r.values].sort().join(',');
  switch (r.operator) {
    case 'exists': return r.key;
    case '!': return `!${r.key}`;
    case 'in': case 'notin': return `${r.key} ${r.operator} (${values})`;
    case 'gt': return `${r.key}>${values}`;
    case 'lt': return `${r.key}<${values}`;
    default: return `${r.key}${r.operator}${values}`;
  }
}

/** labels.Selector.String(): `app=hello,tier notin (db)`. Nothing and everything both print as "". */
export function selectorString(reqs: readonly LabelRequirement[] | null): string {
  return (reqs ?? []).map(requirementString).join(',');
}

/** metav1.FormatLabelSelector, the SELECTOR column of `get rs -o wide`: `<none>` when empty. */
export function formatLabelSelector(sel: LabelSelector | null | undefined): string {
  let reqs: LabelRequirement[] | null;
  try {
    reqs = labelSelectorAsRequirements(sel);
  } catch {
    return '<error>';
  }
  return selectorString(reqs) || '<none>';
}
