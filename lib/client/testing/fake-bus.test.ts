import { describe, expect, it } from 'vitest';
import { subjectMatches } from './fake-bus.js';

describe('subjectMatches (NATS wildcards)', () => {
  it.each([
    ['a.b', 'a.b', true],
    ['a.b', 'a.c', false],
    ['a.*', 'a.b', true],
    ['a.*', 'a.b.c', false],
    ['a.>', 'a.b.c', true],
    ['a.>', 'a', false],
    ['a.*.c', 'a.b.c', true],
    ['a.b', 'a.b.c', false],
  ])('%s matches %s: %s', (pattern, subject, expected) => expect(subjectMatches(pattern, subject)).toBe(expected));
});
