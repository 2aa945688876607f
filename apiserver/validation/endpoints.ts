/**
 * Endpoints (core ValidateEndpoints): each subset has addresses or notReadyAddresses; each address is
 * an IP that is not special (see ip.ts for the loopback allowance local mode needs), with a DNS-1123
 * label hostname and a DNS subdomain nodeName when set; ports are named when there are several, with
 * a port number and a protocol.
 */
import type { KubeObject } from '../../lib/api/types.js';
import { type ErrorList, child, index, invalid, required } from './field-errors.js';
import { type SpecialIPOptions, isValidIP, validateNonSpecialIP } from './ip.js';
import { validateLabelName } from './labels.js';
import { isDNS1123Label, isValidPortNum, nameIsDNSSubdomain } from './names.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { validateProtocol } from './ports.js';

function validateAddress(a: Record<string, any>, field: string, opts: SpecialIPOptions): ErrorList {
  const ip = String(a.ip ?? '');
  const errs = isValidIP(child(field, 'ip'), ip);
  if (a.hostname) errs.push(...isDNS1123Label(String(a.hostname)).map((m) => invalid(child(field, 'hostname'), String(a.hostname), m)));
  if (typeof a.nodeName === 'string') errs.push(...nameIsDNSSubdomain(a.nodeName, false).map((m) => invalid(child(field, 'nodeName'), a.nodeName, m)));
  errs.push(...validateNonSpecialIP(ip, child(field, 'ip'), opts));
  return errs;
}

function validatePort(p: Record<string, any>, requireName: boolean, field: string): ErrorList {
  const errs: ErrorList = [];
  const name = String(p.name ?? '');
  if (requireName && !name) errs.push(required(child(field, 'name')));
  else if (name) errs.push(...isDNS1123Label(name).map((m) => invalid(child(field, 'name'), name, m)));
  const port = Number(p.port ?? 0);
  errs.push(...isValidPortNum(port).map((m) => invalid(child(field, 'port'), port, m)));
  errs.push(...validateProtocol(p.protocol, child(field, 'protocol')));
  if (typeof p.appProtocol === 'string') errs.push(...validateLabelName(p.appProtocol, child(field, 'appProtocol')));
  return errs;
}

function validateSubsets(subsets: unknown, opts: SpecialIPOptions): ErrorList {
  const errs: ErrorList = [];
  (Array.isArray(subsets) ? subsets : []).forEach((s: Record<string, any>, i: number) => {
    const at = index('subsets', i);
    const addrs: Record<string, any>[] = Array.isArray(s?.addresses) ? s.addresses : [];
    const notReady: Record<string, any>[] = Array.isArray(s?.notReadyAddresses) ? s.notReadyAddresses : [];
    if (addrs.length === 0 && notReady.length === 0) errs.push(required(at, 'must specify `addresses` or `notReadyAddresses`'));
    addrs.forEach((a, j) => errs.push(...validateAddress(a ?? {}, index(child(at, 'addresses'), j), opts)));
    notReady.forEach((a, j) => errs.push(...validateAddress(a ?? {}, index(child(at, 'notReadyAddresses'), j), opts)));
    const ports: Record<string, any>[] = Array.isArray(s?.ports) ? s.ports : [];
    ports.forEach((p, j) => errs.push(...validatePort(p ?? {}, ports.length > 1, index(child(at, 'ports'), j))));
  });
  return errs;
}

export function validateEndpointsCreate(ep: KubeObject, opts: SpecialIPOptions): ErrorList {
  return [...validateObjectMeta(ep.metadata, true, nameIsDNSSubdomain, 'metadata', { kubeFinalizers: true }), ...validateSubsets(ep.subsets, opts)];
}

export function validateEndpointsUpdate(ep: KubeObject, old: KubeObject, opts: SpecialIPOptions): ErrorList {
  return [...validateObjectMetaUpdate(ep.metadata, old.metadata, 'metadata', { kubeFinalizers: true }), ...validateEndpointsCreate(ep, opts)];
}
