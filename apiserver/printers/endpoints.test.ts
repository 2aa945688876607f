import { describe, expect, it } from 'vitest';
import { formatDiscoveryEndpoints, formatDiscoveryPorts } from './endpoint-slice.js';
import { endpointsPrinter, formatEndpoints, joinHostPort } from './endpoints.js';
import { NOW, makeObject } from './testing/builders.js';

const addrs = (...ips: string[]) => ips.map((ip) => ({ ip }));
const endpoints = (subsets: unknown) => makeObject('v1', 'Endpoints', 'hello', subsets === undefined ? {} : { subsets });

describe('formatEndpoints', () => {
  it.each<[string, unknown, string]>([
    ['no subsets', undefined, '<none>'],
    ['empty subsets', [], '<none>'],
    ['one ready address', [{ addresses: addrs('10.0.0.1'), ports: [{ port: 80 }] }], '10.0.0.1:80'],
    ['three fit', [{ addresses: addrs('10.0.0.1', '10.0.0.2', '10.0.0.3'), ports: [{ port: 80 }] }], '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80'],
    ['the fourth is counted, not shown', [{ addresses: addrs('10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'), ports: [{ port: 80 }] }], '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 1 more...'],
    ['every (address, port) pair counts', [{ addresses: addrs('10.0.0.1', '10.0.0.2'), ports: [{ port: 80 }, { port: 443 }] }], '10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...'],
    ['across subsets', [{ addresses: addrs('10.0.0.1', '10.0.0.2'), ports: [{ port: 80 }] }, { addresses: addrs('10.0.1.1', '10.0.1.2', '10.0.1.3'), ports: [{ port: 8080 }] }], '10.0.0.1:80,10.0.0.2:80,10.0.1.1:8080 + 2 more...'],
    ['headless without ports: bare IPs', [{ addresses: addrs('10.0.0.1', '10.0.0.2') }], '10.0.0.1,10.0.0.2'],
    ['not-ready addresses are not shown', [{ notReadyAddresses: addrs('10.0.0.9'), ports: [{ port: 80 }] }], ''],
    ['IPv6 gets brackets', [{ addresses: addrs('fd00::1'), ports: [{ port: 80 }] }], '[fd00::1]:80'],
  ])('%s', (_name, subsets, want) => {
    expect(formatEndpoints(endpoints(subsets))).toBe(want);
  });

  it('is the Endpoints cell of the row', () => {
    const ep = endpoints([{ addresses: addrs('10.0.0.1'), ports: [{ port: 8080 }] }]);
    expect(endpointsPrinter.printRow(ep, NOW).cells).toEqual(['hello', '10.0.0.1:8080', '10m']);
    expect(joinHostPort('127.0.0.1', 1)).toBe('127.0.0.1:1');
  });
});

describe('EndpointSlice cells', () => {
  it.each<[string, unknown, string]>([
    ['no ports', [], '<unset>'],
    ['numbers', [{ port: 80 }, { port: 443 }], '80,443'],
    ['a port without number shows its name, neither is *', [{ name: 'http' }, { name: null, port: null }, { name: '' }], 'http,*,'],
    ['more than three', [{ port: 1 }, { port: 2 }, { port: 3 }, { port: 4 }, { port: 5 }], '1,2,3 + 2 more...'],
  ])('ports: %s', (_name, ports, want) => {
    expect(formatDiscoveryPorts(ports as never)).toBe(want);
  });

  it.each<[string, unknown, string]>([
    ['none', [], '<unset>'],
    ['addresses across endpoints', [{ addresses: ['10.0.0.1'] }, { addresses: ['10.0.0.2', '10.0.0.3'] }], '10.0.0.1,10.0.0.2,10.0.0.3'],
    ['more than three', [{ addresses: ['a', 'b'] }, { addresses: ['c', 'd'] }], 'a,b,c + 1 more...'],
  ])('endpoints: %s', (_name, eps, want) => {
    expect(formatDiscoveryEndpoints(eps as never)).toBe(want);
  });
});
