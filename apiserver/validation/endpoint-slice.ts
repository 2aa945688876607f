/**
 * EndpointSlices (discovery ValidateEndpointSlice, v1): addressType IPv4, IPv6 or FQDN (fixed after
 * creation); at most 1000 endpoints, each with 1-100 addresses of that type (not special, see ip.ts),
 * a DNS-1123 label hostname and a DNS subdomain nodeName; at most 100 ports with unique DNS-1123 label
 * names and a protocol.
 */
import type { KubeObject } from '../../lib/api/types.js';
import { type ErrorList, child, duplicate, index, invalid, notSupported, required, tooMany } from './field-errors.js';
import { type SpecialIPOptions, isValidIPv4Address, isValidIPv6Address, validateNonSpecialIP } from './ip.js';
import { validateLabelName, validateLabels } from './labels.js';
import { isDNS1123Label, isDNS1123Subdomain, nameIsDNSSubdomain } from './names.js';
import { validateObjectMeta } from './object-meta.js';
import { SUPPORTED_PORT_PROTOCOLS } from './ports.js';

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];

function validateAddress(addr: string, type: string, field: string, opts: SpecialIPOptions): ErrorList {
  switch (type) {
    case 'IPv4': return [...isValidIPv4Address(field, addr), ...validateNonSpecialIP(addr, field, opts)];
    case 'IPv6': return [...isValidIPv6Address(field, addr), ...validateNonSpecialIP(addr, field, opts)];
    case 'FQDN': {
      if (!addr) return [required(field)];
      const name = addr.endsWith('.') ? addr.slice(0, -1) : addr;
      const errs = isDNS1123Subdomain(name);
      if (errs.length) return [invalid(field, name, errs.join(','))];
      if (name.split('.').length < 2) return [invalid(field, name, 'should be a domain with at least two segments separated by dots')];
      return [];
    }
    default: return [];
  }
}

function validateEndpoints(eps: unknown, type: string, opts: SpecialIPOptions): ErrorList {
  const list: Record<string, any>[] = Array.isArray(eps) ? eps : [];
  if (list.length > 1000) return [tooMany('endpoints', list.length, 1000)];
  const errs: ErrorList = [];
  list.forEach((e, i) => {
    const at = index('endpoints', i);
    const addrs: unknown[] = Array.isArray(e?.addresses) ? e.addresses : [];
    if (addrs.length === 0) errs.push(required(child(at, 'addresses'), 'must contain at least 1 address'));
    else if (addrs.length > 100) errs.push(tooMany(child(at, 'addresses'), addrs.length, 100));
    addrs.forEach((a, j) => errs.push(...validateAddress(String(a), type, index(child(at, 'addresses'), j), opts)));
    if (typeof e?.nodeName === 'string') errs.push(...nameIsDNSSubdomain(e.nodeName, false).map((m) => invalid(child(at, 'nodeName'), e.nodeName, m)));
    errs.push(...validateLabels(e?.deprecatedTopology, child(at, 'deprecatedTopology')));
    if (typeof e?.hostname === 'string') errs.push(...isDNS1123Label(e.hostname).map((m) => invalid(child(at, 'hostname'), e.hostname, m)));
  });
  return errs;
}

function validatePorts(ports: unknown): ErrorList {
  const list: Record<string, any>[] = Array.isArray(ports) ? ports : [];
  if (list.length > 100) return [tooMany('ports', list.length, 100)];
  const errs: ErrorList = [];
  const names = new Set<string>();
  list.forEach((p, i) => {
    const at = index('ports', i);
    const name = String(p?.name ?? '');
    if (name) errs.push(...isDNS1123Label(name).map((m) => invalid(child(at, 'name'), name, m)));
    if (names.has(name)) errs.push(duplicate(child(at, 'name'), name));
    names.add(name);
    if (p?.protocol === undefined || p?.protocol === null) errs.push(required(child(at, 'protocol')));
    else if (!SUPPORTED_PORT_PROTOCOLS.includes(String(p.protocol))) errs.push(notSupported(child(at, 'protocol'), String(p.protocol), SUPPORTED_PORT_PROTOCOLS));
    if (typeof p?.appProtocol === 'string') errs.push(...validateLabelName(p.appProtocol, child(at, 'appProtocol')));
  });
  return errs;
}

export function validateEndpointSliceCreate(slice: KubeObject, opts: SpecialIPOptions): ErrorList {
  const type = String(slice.addressType ?? '');
  const errs = validateObjectMeta(slice.metadata, true, nameIsDNSSubdomain, 'metadata', { kubeFinalizers: true });
  if (!type) errs.push(required('addressType'));
  else if (!ADDRESS_TYPES.includes(type)) errs.push(notSupported('addressType', type, ADDRESS_TYPES));
  errs.push(...validateEndpoints(slice.endpoints, type, opts));
  errs.push(...validatePorts(slice.ports));
  return errs;
}

export function validateEndpointSliceUpdate(slice: KubeObject, old: KubeObject, opts: SpecialIPOptions): ErrorList {
  const errs = validateEndpointSliceCreate(slice, opts);
  if ((slice.addressType ?? '') !== (old.addressType ?? '')) errs.push(invalid('addressType', String(slice.addressType ?? ''), 'field is immutable'));
  return errs;
}
