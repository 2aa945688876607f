import { describe, expect, it } from 'vitest';
import { GoJsonSyntaxError, parseGoJson, quoteChar } from './go-json.js';
import { MAX_NESTING_DEPTH } from './json-value.js';

function syntaxError(text: string): string {
  try {
    parseGoJson(text);
  } catch (err) {
    expect(err).toBeInstanceOf(GoJsonSyntaxError);
    return (err as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe('parseGoJson rejects malformed JSON with encoding/json messages', () => {
  it.each([
    ['', 'unexpected end of JSON input'],
    ['   ', 'unexpected end of JSON input'],
    ['{', 'unexpected end of JSON input'],
    ['{"a":[1,2', 'unexpected end of JSON input'],
    ['"abc', 'unexpected end of JSON input'],
    ['x', "invalid character 'x' looking for beginning of value"],
    ["'a'", "invalid character '\\'' looking for beginning of value"],
    ['{"a":1,}', "invalid character '}' looking for beginning of object key string"],
    ['{a:1}', "invalid character 'a' looking for beginning of object key string"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b":2}', 'invalid character \'"\' after object key:value pair'],
    ['[1 2]', "invalid character '2' after array element"],
    ['[1,]', "invalid character ']' looking for beginning of value"],
    ['{} x', "invalid character 'x' after top-level value"],
    ['01', "invalid character '1' after top-level value"],
    // At the end of input Go feeds a space, so a cut-short literal or number reports that space.
    ['tru', "invalid character ' ' in literal true (expecting 'e')"],
    ['nul!', "invalid character '!' in literal null (expecting 'l')"],
    ['fals', "invalid character ' ' in literal false (expecting 'e')"],
    ['-', "invalid character ' ' in numeric literal"],
    ['-a', "invalid character 'a' in numeric literal"],
    ['1.', "invalid character ' ' after decimal point in numeric literal"],
    ['1e', "invalid character ' ' in exponent of numeric literal"],
    ['1e+x', "invalid character 'x' in exponent of numeric literal"],
    ['"a\\x"', "invalid character 'x' in string escape code"],
    ['"\\u12G4"', "invalid character 'G' in \\u hexadecimal character escape"],
    ['"a\nb"', "invalid character '\\n' in string literal"],
    ['"a\u0001"', "invalid character '\\x01' in string literal"],
    // Go scans bytes: the first byte of UTF-8 "é" (0xC3) is quoted as the rune U+00C3.
    ['é', "invalid character 'Ã' looking for beginning of value"],
    ['{"a":1}}', "invalid character '}' after top-level value"],
  ])('%j → %s', (text, message) => {
    expect(syntaxError(text)).toBe(message);
  });

  it('refuses nesting deeper than the limit the way Go reports its own limit', () => {
    expect(syntaxError('['.repeat(MAX_NESTING_DEPTH + 1))).toBe("invalid character '[' exceeded max depth");
    expect(syntaxError('{"a":'.repeat(MAX_NESTING_DEPTH + 1))).toBe("invalid character '{' exceeded max depth");
  });

  it('does not overflow the stack on absurd nesting', () => {
    expect(syntaxError('['.repeat(200_000))).toContain('exceeded max depth');
  });
});

describe('parseGoJson accepts valid JSON', () => {
  it.each([
    ['{"a":[1,-2.5e3,true,false,null,"x\\u00e9\\n"]}', { a: [1, -2500, true, false, null, 'xé\n'] }],
    [' \t\r\n{ "k" : { } , "l" : [ ] } ', { k: {}, l: [] }],
    ['0', 0],
    ['"s"', 's'],
    ['null', null],
    ['{"é":"ü"}', { é: 'ü' }],
  ])('%j', (text, value) => {
    expect(parseGoJson(text)).toEqual(value);
  });

  it('accepts nesting exactly at the limit', () => {
    const text = '['.repeat(MAX_NESTING_DEPTH) + ']'.repeat(MAX_NESTING_DEPTH);
    expect(() => parseGoJson(text)).not.toThrow();
  });

  it('keeps "__proto__" as an own key, never as a prototype', () => {
    const v = parseGoJson('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('quoteChar', () => {
  it.each([
    [0x61, "'a'"], [0x27, "'\\''"], [0x22, `'"'`], [0x5c, "'\\\\'"], [0x09, "'\\t'"],
    [0x00, "'\\x00'"], [0x7f, "'\\x7f'"], [0x85, "'\\u0085'"], [0xa0, "'\\u00a0'"], [0xe9, "'é'"],
  ])('byte %i → %s', (byte, quoted) => {
    expect(quoteChar(byte)).toBe(quoted);
  });
});
