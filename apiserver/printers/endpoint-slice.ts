/**
 * `kubectl get endpointslices`: printEndpointSlice (Name, AddressType, Ports, Endpoints, Age).
 *
 * Interface:
 *   endpointSlicePrinter
 *   formatDiscoveryPorts(ports)          `80,443,* + 1 more...`: a port without number shows its name,
 *                                         one with neither is `*` (all ports); `<unset>` when empty
 *   formatDiscoveryEndpoints(endpoints)  the first three addresses over all endpoints, ready or not
 * Invariant: pure.
 */
import type { KubeObject } from '../../lib/api/types.js';
import { ENDPOINT_SLICE } from './descriptions.js';
import { AGE_COLUMN, NAME_COLUMN, age, column, listWithMore, nameOf, str, type RowPrinter } from './printer.js';

interface EndpointPort {
  name?: string | null;
  port?: number | null;
}

const MAX_SHOWN = 3;

export function formatDiscoveryPorts(ports: EndpointPort[] | null | undefined): string {
  const list = (ports ?? []).map((p) => (typeof p.port === 'number' ? String(p.port) : typeof p.name === 'string' ? p.name : '*'));
  return listWithMore(list, MAX_SHOWN);
}

export function formatDiscoveryEndpoints(endpoints: { addresses?: string[] }[] | null | undefined): string {
  const list = (endpoints ?? []).flatMap((e) => e.addresses ?? []);
  return listWithMore(list, MAX_SHOWN);
}

export const endpointSlicePrinter: RowPrinter = {
  columns: [
    NAME_COLUMN,
    column('AddressType', 'string', ENDPOINT_SLICE.addressType),
    column('Ports', 'string', ENDPOINT_SLICE.ports),
    column('Endpoints', 'string', ENDPOINT_SLICE.endpoints),
    AGE_COLUMN,
  ],
  printRow: (slice: KubeObject, now: Date) => ({
    cells: [nameOf(slice), str(slice.addressType), formatDiscoveryPorts(slice.ports), formatDiscoveryEndpoints(slice.endpoints), age(slice, now)],
  }),
};
