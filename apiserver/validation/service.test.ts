import { describe, expect, it } from 'vitest';
import { findKind } from '../../lib/api/resources.js';
import type { KubeObject } from '../../lib/api/types.js';
import { errorText } from './field-errors.js';
import { validateCreate, validateUpdate } from './index.js';
import { service, stored } from './testing/builders.js';

const SVC = findKind('v1', 'Service')!;
const create = (o: KubeObject) => validateCreate(SVC, o).map(errorText);
const update = (o: KubeObject, old: KubeObject) => validateUpdate(SVC, o, old).map(errorText);
const SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const port = (p: object) => ({ protocol: 'TCP', port: 80, targetPort: 80, ...p });

describe('Service create', () => {
  it.each([
    ['valid', (_: any) => {}, []],
    ['ports required', (s: any) => { s.spec.ports = []; }, ['spec.ports: Required value']],
    ['headless needs no ports', (s: any) => { s.spec.ports = []; s.spec.clusterIP = 'None'; s.spec.clusterIPs = ['None']; }, []],
    ['a clusterIP alone is made plural', (s: any) => { s.spec.clusterIP = '10.96.0.10'; }, []],
    ['clusterIPs must be IPs', (s: any) => { s.spec.clusterIP = '10.96.0.300'; }, [
      'spec.clusterIPs[0]: Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ]],
    ['one address per family', (s: any) => { s.spec.clusterIP = '10.96.0.10'; s.spec.clusterIPs = ['10.96.0.10', '10.96.0.11']; }, [
      'spec.clusterIPs: Invalid value: []string{"10.96.0.10", "10.96.0.11"}: may specify no more than one IP for each IP family',
    ]],
    ['dual stack', (s: any) => { s.spec.clusterIP = '10.96.0.10'; s.spec.clusterIPs = ['10.96.0.10', 'fd00::10']; s.spec.ipFamilies = ['IPv4', 'IPv6']; }, []],
    ['families match addresses', (s: any) => { s.spec.clusterIP = '10.96.0.10'; s.spec.ipFamilies = ['IPv6']; }, [
      'spec.clusterIPs[0]: Invalid value: "10.96.0.10": expected an IPv6 value as indicated by `ipFamilies[0]`',
    ]],
    ['port range', (s: any) => { s.spec.ports[0].port = 0; }, ['spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive']],
    ['protocol', (s: any) => { s.spec.ports[0].protocol = 'HTTP'; }, ['spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"']],
    ['names required with several ports', (s: any) => { s.spec.ports = [port({ name: 'http' }), port({ port: 81 })]; }, ['spec.ports[1].name: Required value']],
    ['names unique', (s: any) => { s.spec.ports = [port({ name: 'http' }), port({ name: 'http', port: 81 })]; }, ['spec.ports[1].name: Duplicate value: "http"']],
    ['port/protocol pairs unique', (s: any) => { s.spec.ports = [port({ name: 'a' }), port({ name: 'b' })]; }, [
      'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    ]],
    ['targetPort by name', (s: any) => { s.spec.ports[0].targetPort = 'http'; }, []],
    ['targetPort names are IANA names', (s: any) => { s.spec.ports[0].targetPort = 'HTTP'; }, [
      'spec.ports[0].targetPort: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.ports[0].targetPort: Invalid value: "HTTP": must contain at least one letter (a-z)',
    ]],
    ['targetPort defaulted', (s: any) => { delete s.spec.ports[0].targetPort; }, ['spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive']],
    ['type', (s: any) => { s.spec.type = 'Internal'; }, ['spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"']],
    ['nodePort needs type NodePort', (s: any) => { s.spec.ports[0].nodePort = 30080; }, ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]],
    ['NodePort needs an externalTrafficPolicy', (s: any) => { s.spec.type = 'NodePort'; }, ['spec.externalTrafficPolicy: Required value']],
    ['nodePort within 0-65535 (kubelab)', (s: any) => { s.spec.type = 'NodePort'; s.spec.externalTrafficPolicy = 'Cluster'; s.spec.ports[0].nodePort = 70000; }, [
      'spec.ports[0].nodePort: Invalid value: 70000: must be between 0 and 65535, inclusive',
    ]],
    ['sessionAffinity', (s: any) => { s.spec.sessionAffinity = 'Sticky'; }, ['spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"']],
    ['selector labels', (s: any) => { s.spec.selector = { app: 'a b' }; }, [
      "spec.selector: Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ]],
    ['internalTrafficPolicy defaulted', (s: any) => { delete s.spec.internalTrafficPolicy; }, ['spec.internalTrafficPolicy: Required value']],
  ])('%s', (_name, edit, want) => expect(create(service(edit))).toEqual(want));

  it.each([
    ['needs externalName', {}, ['spec.externalName: Required value']],
    ['externalName is a subdomain', { externalName: 'Bad_Host' }, [`spec.externalName: Invalid value: "Bad_Host": ${SUBDOMAIN}`]],
    ['a trailing dot is fine', { externalName: 'example.com.' }, []],
    ['no cluster IPs', { externalName: 'example.com', clusterIP: '10.96.0.9' }, ['spec.clusterIPs: Forbidden: may not be set for ExternalName services']],
  ])('ExternalName %s', (_name, fields, want) => {
    const svc = service((s) => { s.spec = { type: 'ExternalName', sessionAffinity: 'None', ...fields }; });
    expect(create(svc)).toEqual(want);
  });
});

describe('Service update', () => {
  const old = stored(service((s) => { s.spec.clusterIP = '10.96.0.10'; s.spec.clusterIPs = ['10.96.0.10']; }));

  it('keeps the allocated address when a client leaves it out', () => {
    const next = structuredClone(old);
    delete next.spec.clusterIP;
    delete next.spec.clusterIPs;
    expect(update(next, old)).toEqual([]);
  });

  it('refuses a new cluster IP, naming spec.clusterIPs[0] as v1.32 does', () => {
    const next = structuredClone(old);
    next.spec.clusterIP = '10.96.0.11';
    expect(update(next, old)).toEqual(['spec.clusterIPs[0]: Invalid value: []string{"10.96.0.11"}: may not change once set']);
  });

  it('still validates the whole service', () => {
    const next = structuredClone(old);
    next.spec.ports[0].port = 0;
    expect(update(next, old)).toEqual(['spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive']);
  });
});
