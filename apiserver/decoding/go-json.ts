/**
 * A JSON reader that fails exactly where, and with exactly the words, Go's encoding/json does.
 *
 * kube-apiserver echoes Go's syntax errors to the client (`invalid character '}' looking for beginning
 * of object key string`), and kubectl prints them verbatim, so the scanner below follows Go's state
 * machine: the same contexts, the same treatment of bytes (a non-ASCII byte is shown as the Latin-1
 * character of that byte, as Go's quoteChar does), and `unexpected end of JSON input` at EOF.
 *
 * Interface: parseGoJson(text) → JsonNode, or throws GoJsonSyntaxError with Go's message.
 * Invariant: a text accepted here is accepted by Go's json.Valid, and vice versa (nesting depth aside).
 */
import type { JsonEntry, JsonNode } from './json-node.js';

export class GoJsonSyntaxError extends Error {
  override readonly name = 'GoJsonSyntaxError';
}

const EOF_MESSAGE = 'unexpected end of JSON input';

/** Go's strconv.Quote applied to one byte taken as a rune, as encoding/json's quoteChar does. */
export function quoteChar(c: number): string {
  if (c === 0x27) return `'\\''`;
  if (c === 0x22) return `'"'`;
  const named: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 0x5c: '\\\\' };
  let s = named[c];
  if (s === undefined) {
    if (c < 0x20 || c === 0x7f) s = `\\x${c.toString(16).padStart(2, '0')}`;
    else if ((c >= 0x80 && c <= 0xa0) || c === 0xad) s = `\\u00${c.toString(16).padStart(2, '0')}`;
    else s = String.fromCharCode(c);
  }
  return `'${s}'`;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

class Scanner {
  pos = 0;
  constructor(private readonly b: Buffer) {}

  private fail(context: string): never {
    if (this.pos >= this.b.length) throw new GoJsonSyntaxError(EOF_MESSAGE);
    throw new GoJsonSyntaxError(`invalid character ${quoteChar(this.b[this.pos]!)} ${context}`);
  }

  /** The byte at the cursor after whitespace; EOF is an error wherever a value is still expected. */
  private peek(): number {
    while (this.pos < this.b.length && isSpace(this.b[this.pos]!)) this.pos++;
    if (this.pos >= this.b.length) throw new GoJsonSyntaxError(EOF_MESSAGE);
    return this.b[this.pos]!;
  }

  top(): JsonNode {
    const v = this.value();
    while (this.pos < this.b.length && isSpace(this.b[this.pos]!)) this.pos++;
    if (this.pos < this.b.length) this.fail('after top-level value');
    return v;
  }

  value(): JsonNode {
    const c = this.peek();
    if (c === 0x7b) return this.object();
    if (c === 0x5b) return this.array();
    if (c === 0x22) return { t: 'string', v: this.string() };
    if (c === 0x2d || isDigit(c)) return this.number();
    if (c === 0x74) return this.literal('true', { t: 'bool', v: true });
    if (c === 0x66) return this.literal('false', { t: 'bool', v: false });
    if (c === 0x6e) return this.literal('null', { t: 'null' });
    return this.fail('looking for beginning of value');
  }

  private object(): JsonNode {
    const entries: JsonEntry[] = [];
    this.pos++;
    if (this.peek() === 0x7d) {
      this.pos++;
      return { t: 'object', entries };
    }
    for (;;) {
      if (this.peek() !== 0x22) this.fail('looking for beginning of object key string');
      const key = this.string();
      if (this.peek() !== 0x3a) this.fail('after object key');
      this.pos++;
      entries.push({ key, value: this.value() });
      const c = this.peek();
      this.pos++;
      if (c === 0x7d) return { t: 'object', entries };
      if (c !== 0x2c) {
        this.pos--;
        this.fail('after object key:value pair');
      }
    }
  }

  private array(): JsonNode {
    const items: JsonNode[] = [];
    this.pos++;
    if (this.peek() === 0x5d) {
      this.pos++;
      return { t: 'array', items };
    }
    for (;;) {
      items.push(this.value());
      const c = this.peek();
      this.pos++;
      if (c === 0x5d) return { t: 'array', items };
      if (c !== 0x2c) {
        this.pos--;
        this.fail('after array element');
      }
    }
  }

  private string(): string {
    const start = this.pos;
    this.pos++;
    for (;;) {
      if (this.pos >= this.b.length) this.fail('');
      const c = this.b[this.pos]!;
      if (c === 0x22) break;
      if (c < 0x20) this.fail('in string literal');
      if (c === 0x5c) this.escape();
      else this.pos++;
    }
    this.pos++;
    return JSON.parse(this.b.toString('utf8', start, this.pos)) as string;
  }

  private escape(): void {
    this.pos++;
    if (this.pos >= this.b.length) this.fail('');
    const c = this.b[this.pos]!;
    if (c === 0x75) {
      for (let i = 0; i < 4; i++) {
        this.pos++;
        if (this.pos >= this.b.length || !isHex(this.b[this.pos]!)) this.fail('in \\u hexadecimal character escape');
      }
    } else if (!'bfnrt\\/"'.includes(String.fromCharCode(c))) {
      this.fail('in string escape code');
    }
    this.pos++;
  }

  private digits(): void {
    while (this.pos < this.b.length && isDigit(this.b[this.pos]!)) this.pos++;
  }

  /** Requires one digit at the cursor; EOF inside a number is Go's "unexpected end". */
  private digit(context: string): void {
    if (this.pos >= this.b.length || !isDigit(this.b[this.pos]!)) this.fail(context);
  }

  private number(): JsonNode {
    const start = this.pos;
    if (this.b[this.pos] === 0x2d) {
      this.pos++;
      this.digit('in numeric literal');
    }
    if (this.b[this.pos] === 0x30) this.pos++;
    else this.digits();
    if (this.b[this.pos] === 0x2e) {
      this.pos++;
      this.digit('after decimal point in numeric literal');
      this.digits();
    }
    if (this.b[this.pos] === 0x65 || this.b[this.pos] === 0x45) {
      this.pos++;
      if (this.b[this.pos] === 0x2b || this.b[this.pos] === 0x2d) this.pos++;
      this.digit('in exponent of numeric literal');
      this.digits();
    }
    return { t: 'number', raw: this.b.toString('latin1', start, this.pos) };
  }

  private literal(word: string, node: JsonNode): JsonNode {
    for (let i = 1; i < word.length; i++) {
      this.pos++;
      if (this.b[this.pos] !== word.charCodeAt(i)) this.fail(`in literal ${word} (expecting '${word[i]}')`);
    }
    this.pos++;
    return node;
  }
}

/** Parses a complete JSON document as Go's json.Unmarshal would accept it. */
export function parseGoJson(text: string): JsonNode {
  return new Scanner(Buffer.from(text, 'utf8')).top();
}
