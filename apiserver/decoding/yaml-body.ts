/**
 * Reads a YAML request body the way kube-apiserver does (sigs.k8s.io/yaml over go-yaml v2), producing
 * the same JSON it would then decode:
 * - YAML 1.1 scalars (`yes`/`no`/`on`/`off` are booleans, `0777` is octal) except timestamps, which
 *   go-yaml leaves as strings;
 * - only the first document counts;
 * - objects come out with keys sorted, because the YAML goes through a Go map on its way to JSON; that
 *   is why strict-decoding errors for YAML bodies are listed in key order;
 * - a key repeated in one mapping keeps its last value, and strict mode reports it as go-yaml does:
 *   `line 5: key "name" already set in map` (line of the repeated key).
 * Syntax errors become `yaml: line N: <go-yaml message>`. The parser here is a different one, so the
 * common mistakes are mapped to go-yaml's words and line numbering; rarer ones keep this parser's text.
 *
 * Interface: parseYamlBody(text) → { node, duplicateKeys } or throws YamlSyntaxError.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node, type YAMLError } from 'yaml';
import type { JsonEntry, JsonNode } from './json-node.js';

export class YamlSyntaxError extends Error {
  override readonly name = 'YamlSyntaxError';
}

export interface YamlBody {
  node: JsonNode;
  /** go-yaml strict messages for repeated keys, in document order. */
  duplicateKeys: string[];
}

/** go-yaml's wording for this parser's error codes; `scanner` errors count lines from 1, parser ones from 0. */
const GO_YAML_ERRORS: Record<string, { message: string; scanner: boolean }> = {
  BLOCK_AS_IMPLICIT_KEY: { message: 'mapping values are not allowed in this context', scanner: true },
  TAB_AS_INDENT: { message: 'found character that cannot start any token', scanner: true },
  BAD_SCALAR_START: { message: 'found character that cannot start any token', scanner: true },
  BAD_INDENT: { message: 'did not find expected key', scanner: false },
};

/**
 * go-yaml prefixes "line N: " only when the 0-based line of the problem is not 0, and prints it as is
 * for parser errors but plus one for scanner errors.
 */
function goYamlError(zeroBasedLine: number, message: string, scanner: boolean): YamlSyntaxError {
  if (zeroBasedLine === 0) return new YamlSyntaxError(`yaml: ${message}`);
  return new YamlSyntaxError(`yaml: line ${scanner ? zeroBasedLine + 1 : zeroBasedLine}: ${message}`);
}

function syntaxError(err: YAMLError, text: string): YamlSyntaxError {
  const at = (err.linePos?.[0]?.line ?? 1) - 1;
  if (err.code === 'MISSING_CHAR' && /quote/.test(err.message)) {
    return goYamlError(text.split('\n').length - 1, 'found unexpected end of stream', true);
  }
  // The scanner notices a multi-line simple key on the line after it.
  if (err.code === 'MULTILINE_IMPLICIT_KEY') return goYamlError(at + 1, "could not find expected ':'", true);
  const known = GO_YAML_ERRORS[err.code];
  if (known) return goYamlError(at, known.message, known.scanner);
  return goYamlError(at, err.message.replace(/ at line \d+, column \d+:[\s\S]*$/, ''), true);
}

/** JSON text of a YAML number as Go's encoder writes the int64 or float64 go-yaml produced. */
function numberText(value: number, source: string): string {
  const int = /^[-+]?(?:0|[1-9][0-9_]*)$/.exec(source);
  return int ? BigInt(source.replace(/[_+]/g, '')).toString() : String(value);
}

function keyString(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  return String(value);
}

class Walker {
  readonly duplicateKeys: string[] = [];
  constructor(private readonly doc: Document, private readonly lines: LineCounter) {}

  node(n: unknown, depth = 0): JsonNode {
    if (depth > 1000) throw new YamlSyntaxError('yaml: exceeded max depth');
    if (isAlias(n)) return this.node(n.resolve(this.doc), depth + 1);
    if (isMap(n)) return { t: 'object', entries: this.entries(n.items, depth) };
    if (isSeq(n)) return { t: 'array', items: n.items.map((i) => this.node(i, depth + 1)) };
    if (isScalar(n)) return this.scalar(n.value, String(n.source ?? ''), n.type);
    return { t: 'null' };
  }

  private scalar(v: unknown, source: string, style: string | undefined): JsonNode {
    if (v === null || v === undefined) return { t: 'null' };
    if (typeof v === 'boolean') return { t: 'bool', v };
    // go-yaml v2 knows no sexagesimal numbers (190:20:30): plain text stays a string.
    if (typeof v === 'number' && style === 'PLAIN' && source.includes(':')) return { t: 'string', v: source };
    if (typeof v === 'number') return Number.isFinite(v) ? { t: 'number', raw: numberText(v, source) } : { t: 'string', v: source };
    if (v instanceof Date) return { t: 'string', v: source };
    if (Buffer.isBuffer(v)) return { t: 'string', v: v.toString('latin1') };
    return { t: 'string', v: String(v) };
  }

  private entries(pairs: { key: unknown; value: unknown }[], depth: number): JsonEntry[] {
    const byKey = new Map<string, JsonNode>();
    for (const pair of pairs) {
      const raw = isScalar(pair.key) ? pair.key.value : pair.key;
      const key = keyString(raw);
      if (key === '<<' && isScalar(pair.key) && pair.key.type === 'PLAIN') {
        this.merge(byKey, this.node(pair.value, depth + 1));
        continue;
      }
      if (byKey.has(key)) this.duplicateKeys.push(`line ${this.lineOf(pair.key)}: key ${typeof raw === 'string' ? JSON.stringify(raw) : key} already set in map`);
      byKey.set(key, this.node(pair.value, depth + 1));
    }
    return [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, value]) => ({ key, value }));
  }

  /** A `<<` merge key adds the keys of the merged mapping(s) that the mapping does not set itself. */
  private merge(into: Map<string, JsonNode>, from: JsonNode): void {
    const sources = from.t === 'array' ? from.items : [from];
    for (const s of sources) {
      if (s.t !== 'object') continue;
      for (const e of s.entries) if (!into.has(e.key)) into.set(e.key, e.value);
    }
  }

  private lineOf(n: unknown): number {
    const range = (n as Node | undefined)?.range;
    return range ? this.lines.linePos(range[0]).line : 0;
  }
}

export function parseYamlBody(text: string): YamlBody {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { version: '1.1', uniqueKeys: false, lineCounter: lines, merge: false });
  const doc = Array.isArray(docs) ? docs[0] : undefined;
  if (!doc) return { node: { t: 'null' }, duplicateKeys: [] };
  if (doc.errors.length > 0) throw syntaxError(doc.errors[0]!, text);
  const walker = new Walker(doc, lines);
  return { node: walker.node(doc.contents), duplicateKeys: walker.duplicateKeys };
}
