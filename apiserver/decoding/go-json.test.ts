import { describe, expect, it } from 'vitest';
import { GoJsonSyntaxError, parseGoJson, quoteChar } from './go-json.js';
import { toPlain } from './json-node.js';

describe('parseGoJson syntax errors carry encoding/json words', () => {
  it.each([
    ['', 'unexpected end of JSON input'],
    ['   ', 'unexpected end of JSON input'],
    ['{"a":1', 'unexpected end of JSON input'],
    ['{"a"', 'unexpected end of JSON input'],
    ['"abc', 'unexpected end of JSON input'],
    ['-', 'unexpected end of JSON input'],
    ['1.', 'unexpected end of JSON input'],
    ['abc', "invalid character 'a' looking for beginning of value"],
    ['{a:1}', "invalid character 'a' looking for beginning of object key string"],
    ['{"a":1,}', "invalid character '}' looking for beginning of object key string"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b":2}', `invalid character '"' after object key:value pair`],
    ['[1,]', "invalid character ']' looking for beginning of value"],
    ['[1 2]', "invalid character '2' after array element"],
    ['{} x', "invalid character 'x' after top-level value"],
    ['01', "invalid character '1' after top-level value"],
    ['{"a":01}', "invalid character '1' after object key:value pair"],
    ['-x', "invalid character 'x' in numeric literal"],
    ['1.x', "invalid character 'x' after decimal point in numeric literal"],
    ['1ex', "invalid character 'x' in exponent of numeric literal"],
    ['tru', 'unexpected end of JSON input'],
    ['trux', "invalid character 'x' in literal true (expecting 'e')"],
    ['nil', "invalid character 'i' in literal null (expecting 'u')"],
    ['"\\x"', "invalid character 'x' in string escape code"],
    ['"\\u12g4"', "invalid character 'g' in \\u hexadecimal character escape"],
    ['"a\tb"', "invalid character '\\t' in string literal"],
    ["{'a':1}", "invalid character '\\'' looking for beginning of object key string"],
    ['\ufeff{}', "invalid character 'ï' looking for beginning of value"],
  ])('%j → %s', (text, message) => {
    expect(() => parseGoJson(text)).toThrow(new GoJsonSyntaxError(message));
  });
});

describe('parseGoJson values', () => {
  it('keeps duplicate keys in order and number text as written', () => {
    const node = parseGoJson('{"a": 1.50, "a": 2, "b": [true, null, "x\\u00e9"]}');
    expect(node).toEqual({
      t: 'object',
      entries: [
        { key: 'a', value: { t: 'number', raw: '1.50' } },
        { key: 'a', value: { t: 'number', raw: '2' } },
        { key: 'b', value: { t: 'array', items: [{ t: 'bool', v: true }, { t: 'null' }, { t: 'string', v: 'xé' }] } },
      ],
    });
    expect(toPlain(node)).toEqual({ a: 2, b: [true, null, 'xé'] });
  });

  it('quotes bytes as Go quoteChar does', () => {
    expect([0x27, 0x22, 0x0a, 0x01, 0x7f, 0x85, 0xe9, 0x61].map(quoteChar)).toEqual([
      "'\\''", `'"'`, "'\\n'", "'\\x01'", "'\\x7f'", "'\\u0085'", "'é'", "'a'",
    ]);
  });
});
