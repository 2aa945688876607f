/**
 * The parsed form of a request body, shared by the JSON and YAML readers.
 *
 * Unlike JSON.parse output it keeps what Go's decoder can see and JavaScript would lose: every key of an
 * object in document order including duplicates (strict decoding reports them), and the literal text of
 * numbers (Go's messages quote it, e.g. `number 1.5`, and int64 values may exceed 2^53).
 */

export type JsonNode =
  | { t: 'object'; entries: JsonEntry[] }
  | { t: 'array'; items: JsonNode[] }
  | { t: 'string'; v: string }
  | { t: 'number'; raw: string }
  | { t: 'bool'; v: boolean }
  | { t: 'null' };

export interface JsonEntry {
  key: string;
  value: JsonNode;
}

/** The noun Go's encoding/json uses for a JSON value in "cannot unmarshal X into ..." messages. */
export function goValueNoun(n: JsonNode): string {
  switch (n.t) {
    case 'object': return 'object';
    case 'array': return 'array';
    case 'string': return 'string';
    case 'number': return 'number';
    case 'bool': return 'bool';
    case 'null': return 'null';
  }
}

/** Converts a node to a plain JavaScript value; duplicate keys resolve to the last one, as in Go. */
export function toPlain(n: JsonNode): unknown {
  switch (n.t) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const e of n.entries) out[e.key] = toPlain(e.value);
      return out;
    }
    case 'array': return n.items.map(toPlain);
    case 'string': return n.v;
    case 'number': return Number(n.raw);
    case 'bool': return n.v;
    case 'null': return null;
  }
}

/** The compact JSON text of a node: what Go's RawMessage/UnmarshalJSON would be handed. */
export function toJsonText(n: JsonNode): string {
  switch (n.t) {
    case 'object': return `{${n.entries.map((e) => `${JSON.stringify(e.key)}:${toJsonText(e.value)}`).join(',')}}`;
    case 'array': return `[${n.items.map(toJsonText).join(',')}]`;
    case 'string': return JSON.stringify(n.v);
    case 'number': return n.raw;
    case 'bool': return String(n.v);
    case 'null': return 'null';
  }
}
