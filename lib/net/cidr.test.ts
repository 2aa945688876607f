import { describe, expect, it } from 'vitest';
import { cidrContains, ipAt, ipToInt, parseCidr } from './cidr.js';

describe('cidr', () => {
  it('parses and normalises ranges', () => {
    expect(parseCidr('10.96.0.0/12')).toMatchObject({ prefix: 12, size: 1048576 });
    expect(ipAt(parseCidr('10.96.0.0/12'), 1)).toBe('10.96.0.1');
    expect(ipAt(parseCidr('10.100.3.4/16'), 10)).toBe('10.100.0.10');
  });
  it.each([
    ['10.96.0.0/12', '10.96.0.1', true],
    ['10.96.0.0/12', '10.111.255.254', true],
    ['10.96.0.0/12', '10.112.0.1', false],
    ['127.96.0.0/16', '127.96.3.1', true],
    ['127.96.0.0/16', 'not-an-ip', false],
  ])('%s contains %s: %s', (c, ip, yes) => expect(cidrContains(parseCidr(c), ip)).toBe(yes));
  it('rejects malformed input', () => {
    expect(() => parseCidr('10.96.0.0')).toThrow();
    expect(() => parseCidr('300.1.1.1/8')).toThrow();
    expect(ipToInt('1.2.3')).toBeUndefined();
  });
});
