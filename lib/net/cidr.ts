/**
 * IPv4 CIDR arithmetic for the service and pod ranges (e.g. "10.96.0.0/12", "127.96.0.0/16").
 */

export interface Cidr {
  base: number; // network address as an unsigned 32-bit integer
  prefix: number;
  size: number; // number of addresses
  text: string;
}

export function ipToInt(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function parseCidr(text: string): Cidr {
  const [ip, bits] = text.split('/');
  const base = ipToInt(ip ?? '');
  const prefix = Number(bits);
  if (base === undefined || !/^\d+$/.test(bits ?? '') || prefix < 0 || prefix > 32) throw new Error(`invalid CIDR: ${text}`);
  const size = 2 ** (32 - prefix);
  return { base: base - (base % size), prefix, size, text };
}

export function cidrContains(c: Cidr, ip: string): boolean {
  const n = ipToInt(ip);
  return n !== undefined && n >= c.base && n < c.base + c.size;
}

/** The address at `offset` inside the range (offset 1 is the first usable address). */
export function ipAt(c: Cidr, offset: number): string {
  return intToIp(c.base + offset);
}
