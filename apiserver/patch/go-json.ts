/**
 * A JSON syntax check that fails exactly like Go's encoding/json, then JSON.parse.
 *
 * kube-apiserver answers an unparsable patch with a 400 whose message is the Go decoder's error,
 * e.g. "invalid character 'x' looking for beginning of value" or "unexpected end of JSON input".
 * V8's messages differ, so the bytes are first run through a port of Go's scanner state machine
 * (encoding/json/scanner.go: one state per function, same error contexts, same end-of-input rule).
 * Once it accepts, JSON.parse accepts the same text: both implement the JSON grammar of RFC 8259.
 *
 * Interface: parseGoJson(text, maxDepth) → value, or throws GoJsonSyntaxError (message = Go's).
 * Invariant: pure; iterative, so nesting cannot overflow the stack (depth beyond maxDepth is an error,
 * reported as Go reports its own limit: "invalid character '[' exceeded max depth").
 */
import { MAX_NESTING_DEPTH } from './json-value.js';

export class GoJsonSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
    this.name = 'GoJsonSyntaxError';
  }
}

/** Validates `text` with Go's rules and returns the parsed value. */
export function parseGoJson(text: string, maxDepth = MAX_NESTING_DEPTH): unknown {
  const err = new GoScanner(maxDepth).check(Buffer.from(text, 'utf8'));
  if (err) throw err;
  return JSON.parse(text);
}

type Step = (c: number) => void;

const enum Parse { ObjectKey, ObjectValue, ArrayValue }

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

/** The scanner: `step` is the current state; a state that rejects a byte records `err`. */
class GoScanner {
  private step: Step = this.beginValue;
  private readonly stack: Parse[] = [];
  private endTop = false;
  private bytes = 0;
  err: GoJsonSyntaxError | undefined;

  constructor(private readonly maxDepth: number) {}

  check(data: Uint8Array): GoJsonSyntaxError | undefined {
    for (const c of data) {
      this.bytes++;
      this.step.call(this, c);
      if (this.err) return this.err;
    }
    return this.eof();
  }

  /** Go feeds a final space: a number or literal cut short reports its own error, not "unexpected end". */
  private eof(): GoJsonSyntaxError | undefined {
    if (this.endTop) return undefined;
    this.step.call(this, 0x20);
    if (this.endTop) return undefined;
    return this.err ?? new GoJsonSyntaxError('unexpected end of JSON input', this.bytes);
  }

  private fail(c: number, context: string): void {
    this.err = new GoJsonSyntaxError(`invalid character ${quoteChar(c)} ${context}`, this.bytes);
  }

  private push(c: number, p: Parse, next: Step): void {
    this.stack.push(p);
    if (this.stack.length > this.maxDepth) return this.fail(c, 'exceeded max depth');
    this.step = next;
  }

  private pop(): void {
    this.stack.pop();
    if (this.stack.length === 0) {
      this.step = this.endOfTop;
      this.endTop = true;
    } else {
      this.step = this.endValue;
    }
  }

  private beginValueOrEmpty(c: number): void {
    if (isSpace(c)) return;
    if (c === 0x5d /* ] */) return this.endValue(c);
    this.beginValue(c);
  }

  private beginValue(c: number): void {
    if (isSpace(c)) return;
    switch (c) {
      case 0x7b /* { */: return this.push(c, Parse.ObjectKey, this.beginStringOrEmpty);
      case 0x5b /* [ */: return this.push(c, Parse.ArrayValue, this.beginValueOrEmpty);
      case 0x22 /* " */: this.step = this.inString; return;
      case 0x2d /* - */: this.step = this.neg; return;
      case 0x30 /* 0 */: this.step = this.zero; return;
      case 0x74 /* t */: this.step = this.literal('true', 1); return;
      case 0x66 /* f */: this.step = this.literal('false', 1); return;
      case 0x6e /* n */: this.step = this.literal('null', 1); return;
    }
    if (isDigit(c)) this.step = this.digits;
    else this.fail(c, 'looking for beginning of value');
  }

  private beginStringOrEmpty(c: number): void {
    if (isSpace(c)) return;
    if (c === 0x7d /* } */) {
      this.stack[this.stack.length - 1] = Parse.ObjectValue;
      return this.endValue(c);
    }
    this.beginString(c);
  }

  private beginString(c: number): void {
    if (isSpace(c)) return;
    if (c === 0x22) this.step = this.inString;
    else this.fail(c, 'looking for beginning of object key string');
  }

  private endValue(c: number): void {
    const n = this.stack.length;
    if (n === 0) {
      this.step = this.endOfTop;
      this.endTop = true;
      return this.endOfTop(c);
    }
    if (isSpace(c)) {
      this.step = this.endValue;
      return;
    }
    switch (this.stack[n - 1]) {
      case Parse.ObjectKey:
        if (c === 0x3a /* : */) {
          this.stack[n - 1] = Parse.ObjectValue;
          this.step = this.beginValue;
          return;
        }
        return this.fail(c, 'after object key');
      case Parse.ObjectValue:
        if (c === 0x2c /* , */) {
          this.stack[n - 1] = Parse.ObjectKey;
          this.step = this.beginString;
          return;
        }
        if (c === 0x7d /* } */) return this.pop();
        return this.fail(c, 'after object key:value pair');
      default:
        if (c === 0x2c) {
          this.step = this.beginValue;
          return;
        }
        if (c === 0x5d /* ] */) return this.pop();
        return this.fail(c, 'after array element');
    }
  }

  private endOfTop(c: number): void {
    if (!isSpace(c)) this.fail(c, 'after top-level value');
  }

  private inString(c: number): void {
    if (c === 0x22) this.step = this.endValue;
    else if (c === 0x5c /* \ */) this.step = this.inStringEsc;
    else if (c < 0x20) this.fail(c, 'in string literal');
  }

  private inStringEsc(c: number): void {
    if ('bfnrt\\/"'.includes(String.fromCharCode(c))) this.step = this.inString;
    else if (c === 0x75 /* u */) this.step = this.hexEscape(4);
    else this.fail(c, 'in string escape code');
  }

  private hexEscape(remaining: number): Step {
    return (c: number) => {
      if (!isHex(c)) return this.fail(c, 'in \\u hexadecimal character escape');
      this.step = remaining > 1 ? this.hexEscape(remaining - 1) : this.inString;
    };
  }

  private neg(c: number): void {
    if (c === 0x30) this.step = this.zero;
    else if (isDigit(c)) this.step = this.digits;
    else this.fail(c, 'in numeric literal');
  }

  private digits(c: number): void {
    if (isDigit(c)) return;
    this.zero(c);
  }

  private zero(c: number): void {
    if (c === 0x2e /* . */) this.step = this.dot;
    else if (c === 0x65 || c === 0x45 /* e E */) this.step = this.exponent;
    else this.endValue(c);
  }

  private dot(c: number): void {
    if (isDigit(c)) this.step = this.fraction;
    else this.fail(c, 'after decimal point in numeric literal');
  }

  private fraction(c: number): void {
    if (isDigit(c)) return;
    if (c === 0x65 || c === 0x45) this.step = this.exponent;
    else this.endValue(c);
  }

  private exponent(c: number): void {
    if (c === 0x2b || c === 0x2d /* + - */) this.step = this.exponentSign;
    else this.exponentSign(c);
  }

  private exponentSign(c: number): void {
    if (isDigit(c)) this.step = this.exponentDigits;
    else this.fail(c, 'in exponent of numeric literal');
  }

  private exponentDigits(c: number): void {
    if (!isDigit(c)) this.endValue(c);
  }

  /** true / false / null: `word[i]` is the byte expected next. */
  private literal(word: string, i: number): Step {
    return (c: number) => {
      const want = word.charCodeAt(i);
      if (c !== want) return this.fail(c, `in literal ${word} (expecting ${quoteChar(want)})`);
      this.step = i + 1 < word.length ? this.literal(word, i + 1) : this.endValue;
    };
  }
}

/** Go's quoteChar: the byte as a single-quoted Go string literal, e.g. 'x', '\n', '\x01', 'Ã'. */
export function quoteChar(c: number): string {
  if (c === 0x27) return `'\\''`;
  if (c === 0x22) return `'"'`;
  return `'${goQuoteRune(c)}'`;
}

const NAMED_ESCAPES: Record<number, string> = {
  0x07: '\\a', 0x08: '\\b', 0x0c: '\\f', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x0b: '\\v', 0x5c: '\\\\',
};

/** strconv.Quote's body for one rune below U+0100 (Go turns a byte into the rune of the same value). */
function goQuoteRune(c: number): string {
  if (NAMED_ESCAPES[c]) return NAMED_ESCAPES[c]!;
  if (c < 0x20 || c === 0x7f) return `\\x${c.toString(16).padStart(2, '0')}`;
  // C1 controls, NBSP and the soft hyphen are not printable for strconv.IsPrint.
  if ((c >= 0x80 && c <= 0xa0) || c === 0xad) return `\\u${c.toString(16).padStart(4, '0')}`;
  return String.fromCharCode(c);
}
