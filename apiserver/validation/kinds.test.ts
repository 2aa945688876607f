import { describe, expect, it } from 'vitest';
import { findKind } from '../../lib/api/resources.js';
import type { KubeObject } from '../../lib/api/types.js';
import { errorText } from './field-errors.js';
import { type ValidationOptions, validateCreate, validateUpdate } from './index.js';
import { configMap, endpointSlice, endpoints, event, lease, namespace, node, stored } from './testing/builders.js';

const create = (o: KubeObject, opts?: ValidationOptions) => validateCreate(findKind(o.apiVersion, o.kind)!, o, opts).map(errorText);
const update = (o: KubeObject, old: KubeObject) => validateUpdate(findKind(o.apiVersion, o.kind)!, o, old).map(errorText);
type Row = [string, KubeObject, string[]];

describe('Namespace', () => {
  it.each<Row>([
    ['valid', namespace(), []],
    ['spec finalizers', namespace((n) => { n.spec.finalizers = ['cleanup']; }), ['spec.finalizers: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified']],
  ])('%s', (_n, obj, want) => expect(create(obj)).toEqual(want));
});

describe('Node', () => {
  const taint = (t: object) => node((n) => { n.spec.taints = [t]; });
  it.each<Row>([
    ['valid', node(), []],
    ['taint effect required (reported under metadata.taints, as Go does)', taint({ key: 'k' }), ['metadata.taints[0].effect: Required value']],
    ['taint effects', taint({ key: 'k', effect: 'Never' }), ['metadata.taints[0].effect: Unsupported value: "Never": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"']],
    ['negative capacity', node((n) => { n.status.capacity.cpu = '-1'; }), ['status.capacity.cpu: Invalid value: "-1": must be greater than or equal to 0']],
    ['pod CIDRs', node((n) => { n.spec.podCIDRs = ['10.244.0.0/33']; }), ['spec.podCIDRs[0]: Invalid value: "10.244.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)']],
  ])('%s', (_n, obj, want) => expect(create(obj)).toEqual(want));

  it('fixes podCIDRs once set', () => {
    const old = stored(node());
    const next = structuredClone(old);
    next.spec.podCIDRs = ['127.244.2.0/24'];
    expect(update(next, old)).toEqual(['spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid']);
  });
});

describe('Endpoints and EndpointSlices', () => {
  it.each<Row>([
    ['valid', endpoints(), []],
    ['subsets need addresses', endpoints((e) => { e.subsets[0].addresses = []; }), ['subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`']],
    ['addresses are IPs', endpoints((e) => { e.subsets[0].addresses[0].ip = 'pod-a'; }), [
      'subsets[0].addresses[0].ip: Invalid value: "pod-a": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      'subsets[0].addresses[0].ip: Invalid value: "pod-a": must be a valid IP address',
    ]],
    ['not link-local', endpoints((e) => { e.subsets[0].addresses[0].ip = '169.254.1.1'; }), [
      'subsets[0].addresses[0].ip: Invalid value: "169.254.1.1": may not be in the link-local range (169.254.0.0/16, fe80::/10)',
    ]],
    ['loopback allowed by default (local mode)', endpoints((e) => { e.subsets[0].addresses[0].ip = '127.244.1.5'; }), []],
    ['slice addresses match the type', endpointSlice((s) => { s.endpoints[0].addresses = ['fd00::5']; }), ['endpoints[0].addresses[0]: Invalid value: "fd00::5": must be a valid IPv4 address']],
    ['slice address type', endpointSlice((s) => { s.addressType = 'IP'; }), ['addressType: Unsupported value: "IP": supported values: "FQDN", "IPv4", "IPv6"']],
    ['slice endpoints need an address', endpointSlice((s) => { s.endpoints[0].addresses = []; }), ['endpoints[0].addresses: Required value: must contain at least 1 address']],
    ['slice port protocol', endpointSlice((s) => { delete s.ports[0].protocol; }), ['ports[0].protocol: Required value']],
  ])('%s', (_n, obj, want) => expect(create(obj)).toEqual(want));

  it('rejects loopback addresses when asked to behave exactly like a real server', () => {
    const obj = endpoints((e) => { e.subsets[0].addresses[0].ip = '127.0.0.1'; });
    expect(create(obj, { allowLoopbackAddresses: false })).toEqual([
      'subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
    ]);
  });

  it('keeps a slice address type', () => {
    const old = stored(endpointSlice());
    const next = structuredClone(old);
    next.addressType = 'IPv6';
    next.endpoints[0].addresses = ['fd00::5'];
    expect(update(next, old)).toEqual(['addressType: Invalid value: "IPv6": field is immutable']);
  });
});

describe('Event', () => {
  it.each<Row>([
    ['valid', event(), []],
    ['no involvedObject is fine through /api/v1', event((e) => { delete e.involvedObject; }), []],
    ['namespaces agree', event((e) => { e.involvedObject.namespace = 'other'; }), ['involvedObject.namespace: Invalid value: "other": does not match event.namespace']],
    ['cluster-scoped subjects live in default', event((e) => { e.metadata.namespace = 'team-a'; delete e.involvedObject.namespace; }), [
      'involvedObject.namespace: Invalid value: "": does not match event.namespace',
    ]],
    ['names need only be URL-safe', event((e) => { e.metadata.name = 'Hello.Event_1'; }), []],
  ])('%s', (_n, obj, want) => expect(create(obj)).toEqual(want));
});

describe('ConfigMap', () => {
  it.each<Row>([
    ['valid', configMap(), []],
    ['keys', configMap((c) => { c.data = { 'a b': 'x' }; }), [
      "data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    ]],
    ['one key, one bag', configMap((c) => { c.binaryData = { 'app.conf': 'eA==' }; }), ['data[app.conf]: Invalid value: "app.conf": duplicate of key present in binaryData']],
    ['1 MiB in total', configMap((c) => { c.data = { a: 'x'.repeat(1024 * 1024), b: 'y' }; }), [': Too long: may not be more than 1048576 bytes']],
  ])('%s', (_n, obj, want) => expect(create(obj)).toEqual(want));

  it('stays as it is once immutable', () => {
    const old = stored(configMap((c) => { c.immutable = true; }));
    const next = structuredClone(old);
    next.data = { 'app.conf': 'x=2' };
    expect(update(next, old)).toEqual(['data: Forbidden: field is immutable when `immutable` is set']);
  });
});

describe('Lease', () => {
  it.each<Row>([
    ['valid', lease(), []],
    ['duration', lease((l) => { l.spec.leaseDurationSeconds = 0; }), ['spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0']],
    ['transitions', lease((l) => { l.spec.leaseTransitions = -1; }), ['spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0']],
    ['preferredHolder needs a strategy', lease((l) => { l.spec.preferredHolder = 'x'; }), ['spec.preferredHolder: Forbidden: may only be specified if `strategy` is defined']],
  ])('%s', (_n, obj, want) => expect(create(obj)).toEqual(want));

  it('renews without complaint', () => {
    const old = stored(lease());
    const next = structuredClone(old);
    next.spec.renewTime = '2025-01-01T00:00:10.000000Z';
    next.spec.holderIdentity = 'scheduler-2';
    expect(update(next, old)).toEqual([]);
  });
});
