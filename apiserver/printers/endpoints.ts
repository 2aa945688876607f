/**
 * `kubectl get endpoints`: printEndpoints, whose Endpoints cell is formatEndpoints from printers.go:
 * up to three ready `ip:port` pairs (bare IPs for a subset without ports), then `+ N more...`.
 *
 * Interface:
 *   endpointsPrinter          RowPrinter: Name, Endpoints, Age
 *   formatEndpoints(ep)       `10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 1 more...`, `<none>` without subsets
 *
 * Only `addresses` count, never `notReadyAddresses`: the cell shows where traffic can go right now.
 * Every (address, port) pair counts once, so two ports on one address count twice.
 * Invariant: pure.
 */
import type { KubeObject } from '../../lib/api/types.js';
import { ENDPOINTS } from './descriptions.js';
import { AGE_COLUMN, NAME_COLUMN, age, column, int, nameOf, type RowPrinter } from './printer.js';

interface Subset {
  addresses?: { ip?: string }[];
  ports?: { port?: number }[];
}

const MAX_SHOWN = 3;

/** net.JoinHostPort: IPv6 literals get brackets. */
export function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

export function formatEndpoints(endpoints: KubeObject): string {
  const subsets: Subset[] = endpoints.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const shown: string[] = [];
  let count = 0;
  for (const ss of subsets) {
    const ips = (ss.addresses ?? []).map((a) => a.ip ?? '');
    // A headless service may publish addresses without ports: show the bare IPs.
    const pairs = (ss.ports ?? []).length === 0 ? ips : (ss.ports ?? []).flatMap((p) => ips.map((ip) => joinHostPort(ip, int(p.port))));
    count += pairs.length;
    shown.push(...pairs.slice(0, MAX_SHOWN - shown.length));
  }
  const text = shown.join(',');
  return count > MAX_SHOWN ? `${text} + ${count - MAX_SHOWN} more...` : text;
}

export const endpointsPrinter: RowPrinter = {
  columns: [NAME_COLUMN, column('Endpoints', 'string', ENDPOINTS.subsets), AGE_COLUMN],
  printRow: (ep: KubeObject, now: Date) => ({ cells: [nameOf(ep), formatEndpoints(ep), age(ep, now)] }),
};
