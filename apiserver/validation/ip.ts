/**
 * IP and CIDR checks as v1.32 validates them (`k8s.io/utils/net` ParseIPSloppy, which still accepts
 * IPv4 octets with leading zeros) and the "special address" rule Endpoints, EndpointSlices and
 * Service externalIPs follow (`ValidateNonSpecialIP`).
 *
 * kubelab difference: in local mode pod IPs and node addresses are loopback addresses (127.x.y.z,
 * see design §2), which the real rule forbids in endpoints. `allowLoopback` lets the caller keep
 * that one check off; every other special range is still rejected.
 */
import { isIPv6 } from 'node:net';
import { type ErrorList, invalid } from './field-errors.js';

export type ParsedIP = { family: 4; octets: number[] } | { family: 6; text: string };

/** ParseIPSloppy: dotted quad (leading zeros allowed, read as decimal) or any IPv6 form. */
export function parseIP(value: string): ParsedIP | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(value);
  if (m) {
    const octets = m.slice(1).map(Number);
    return octets.every((o) => o <= 255) ? { family: 4, octets } : undefined;
  }
  if (isIPv6(value)) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
    if (mapped) return parseIP(mapped[1]!); // Go's To4() treats v4-mapped addresses as IPv4
    return { family: 6, text: value.toLowerCase() };
  }
  return undefined;
}

export function isValidIP(field: string, value: string): ErrorList {
  return parseIP(value) ? [] : [invalid(field, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
}

export function isValidIPv4Address(field: string, value: string): ErrorList {
  return parseIP(value)?.family === 4 ? [] : [invalid(field, value, 'must be a valid IPv4 address')];
}

export function isValidIPv6Address(field: string, value: string): ErrorList {
  return parseIP(value)?.family === 6 ? [] : [invalid(field, value, 'must be a valid IPv6 address')];
}

export function isValidCIDR(field: string, value: string): ErrorList {
  const [ip, bits, ...rest] = value.split('/');
  const parsed = ip !== undefined ? parseIP(ip) : undefined;
  const max = parsed?.family === 4 ? 32 : 128;
  const ok = parsed && rest.length === 0 && bits !== undefined && /^\d+$/.test(bits) && Number(bits) <= max;
  return ok ? [] : [invalid(field, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
}

function expand6(text: string): number[] {
  const [head = '', tail] = text.split('::');
  const parse = (s: string) => (s ? s.split(':').map((h) => parseInt(h, 16)) : []);
  const a = parse(head);
  const b = tail === undefined ? [] : parse(tail);
  return [...a, ...new Array(8 - a.length - b.length).fill(0), ...b];
}

function classify(ip: ParsedIP): { unspecified: boolean; loopback: boolean; linkLocal: boolean; linkLocalMulticast: boolean } {
  if (ip.family === 4) {
    const [a, b, c] = ip.octets as [number, number, number, number];
    return {
      unspecified: ip.octets.every((o) => o === 0),
      loopback: a === 127,
      linkLocal: a === 169 && b === 254,
      linkLocalMulticast: a === 224 && b === 0 && c === 0,
    };
  }
  const g = expand6(ip.text);
  return {
    unspecified: g.every((x) => x === 0),
    loopback: g.slice(0, 7).every((x) => x === 0) && g[7] === 1,
    linkLocal: (g[0]! & 0xffc0) === 0xfe80,
    linkLocalMulticast: (g[0]! & 0xff0f) === 0xff02,
  };
}

export interface SpecialIPOptions {
  /** kubelab local mode: loopback pod and node addresses are legitimate endpoints. */
  allowLoopback: boolean;
}

/** Endpoints may not point at unspecified, loopback or link-local addresses. */
export function validateNonSpecialIP(value: string, field: string, opts: SpecialIPOptions): ErrorList {
  const ip = parseIP(value);
  if (!ip) return [invalid(field, value, 'must be a valid IP address')];
  const c = classify(ip);
  const errs: ErrorList = [];
  if (c.unspecified) errs.push(invalid(field, value, `may not be unspecified (${value})`));
  if (c.loopback && !opts.allowLoopback) errs.push(invalid(field, value, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (c.linkLocal) errs.push(invalid(field, value, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  if (c.linkLocalMulticast) errs.push(invalid(field, value, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  return errs;
}

/** "Dual stack" as net.IsDualStackIPStrings sees it: at least one IPv4 and one IPv6 address. */
export function isDualStack(values: string[]): boolean {
  const fams = values.map((v) => parseIP(v)?.family);
  return fams.includes(4) && fams.includes(6);
}
