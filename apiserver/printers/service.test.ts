import { describe, expect, it } from 'vitest';
import { makePortString, servicePrinter } from './service.js';
import { NOW, makeService, type ServiceBuilder } from './testing/builders.js';

/** Type, Cluster-IP, External-IP, Port(s). */
function middle(b: ServiceBuilder): unknown[] {
  return servicePrinter.printRow(b.build(), NOW).cells.slice(1, 5);
}

describe('service row', () => {
  it.each<[string, ServiceBuilder, unknown[]]>([
    ['ClusterIP', makeService().clusterIP('127.96.0.10').port(8080), ['ClusterIP', '127.96.0.10', '<none>', '8080/TCP']],
    ['headless', makeService().clusterIP('None').port(80), ['ClusterIP', 'None', '<none>', '80/TCP']],
    ['ClusterIP with externalIPs', makeService().clusterIP('10.96.0.5').port(80).externalIPs('1.2.3.4', '5.6.7.8'), ['ClusterIP', '10.96.0.5', '1.2.3.4,5.6.7.8', '80/TCP']],
    ['NodePort', makeService().type('NodePort').clusterIP('10.96.0.6').port(8080, { nodePort: 31234 }), ['NodePort', '10.96.0.6', '<none>', '8080:31234/TCP']],
    ['LoadBalancer pending', makeService().type('LoadBalancer').clusterIP('10.96.0.7').port(80, { nodePort: 30080 }), ['LoadBalancer', '10.96.0.7', '<pending>', '80:30080/TCP']],
    [
      'LoadBalancer with ingress: distinct, sorted, then externalIPs',
      makeService().type('LoadBalancer').clusterIP('10.96.0.8').port(80).ingress({ ip: '9.9.9.9' }, { hostname: 'lb.example.com' }, { ip: '1.1.1.1' }, { ip: '9.9.9.9' }).externalIPs('5.5.5.5'),
      ['LoadBalancer', '10.96.0.8', '1.1.1.1,9.9.9.9,lb.example.com,5.5.5.5', '80/TCP'],
    ],
    ['ExternalName', makeService().type('ExternalName').set((s) => { s.spec.externalName = 'example.com'; }), ['ExternalName', '<none>', 'example.com', '<none>']],
    ['several ports and protocols', makeService().clusterIP('10.96.0.9').port(53, { protocol: 'UDP' }).port(53).port(9153), ['ClusterIP', '10.96.0.9', '<none>', '53/UDP,53/TCP,9153/TCP']],
    ['unknown type', makeService().type('Mystery'), ['Mystery', '<none>', '<unknown>', '<none>']],
  ])('%s', (_name, svc, want) => {
    expect(middle(svc)).toEqual(want);
  });

  it('reads objects as v1 defaulting leaves them: type ClusterIP, protocol TCP, clusterIPs from clusterIP', () => {
    const svc = makeService().set((s) => {
      s.spec = { clusterIP: '10.96.0.1', ports: [{ port: 443 }] };
    });
    expect(middle(svc)).toEqual(['ClusterIP', '10.96.0.1', '<none>', '443/TCP']);
  });

  it('prints name, age and the selector (wide)', () => {
    const cells = servicePrinter.printRow(makeService('web').createdAgo('4h20m').selector({ tier: 'fe', app: 'web' }).build(), NOW).cells;
    expect([cells[0], cells[5], cells[6]]).toEqual(['web', '4h20m', 'app=web,tier=fe']);
    expect(servicePrinter.printRow(makeService().build(), NOW).cells[6]).toBe('<none>');
  });

  it('makePortString joins ports in order', () => {
    expect(makePortString([{ port: 80, nodePort: 30000, protocol: 'TCP' }, { port: 443, protocol: 'SCTP' }])).toBe('80:30000/TCP,443/SCTP');
    expect(makePortString(undefined)).toBe('');
  });
});
