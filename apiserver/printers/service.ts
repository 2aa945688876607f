/**
 * `kubectl get services`: printService from kube-apiserver v1.32 printers.go.
 *
 * Interface:
 *   servicePrinter             RowPrinter: Name, Type, Cluster-IP, External-IP, Port(s), Age, Selector(w)
 *   serviceExternalIP(svc)     `<none>`, `<pending>`, the load balancer's ingress IPs/hostnames plus
 *                              spec.externalIPs, or the externalName
 *   makePortString(ports)      `80/TCP,8080:31234/TCP`
 *
 * Objects are read as v1 defaulting leaves them (type ClusterIP, protocol TCP, clusterIPs[0] equal to
 * clusterIP), because the real printer only ever sees stored, defaulted objects.
 * Cluster-IP is `None` for a headless service simply because that is the literal spec value.
 * Invariant: pure.
 */
import type { KubeObject } from '../../lib/api/types.js';
import { SERVICE } from './descriptions.js';
import { formatLabels } from './labels.js';
import { AGE_COLUMN, NAME_COLUMN, WIDE, age, column, int, nameOf, str, type RowPrinter } from './printer.js';

interface ServicePort {
  port?: number;
  nodePort?: number;
  protocol?: string;
}

function serviceType(svc: KubeObject): string {
  return str(svc.spec?.type) || 'ClusterIP';
}

/**
 * Distinct ingress IPs (or hostnames when no IP), sorted as Go's string set lists them. The server
 * prints wide, so the 16-character clipping kubectl would apply client-side never happens here.
 */
function loadBalancerIngress(svc: KubeObject): string[] {
  const ingress: { ip?: string; hostname?: string }[] = svc.status?.loadBalancer?.ingress ?? [];
  const set = new Set<string>();
  for (const i of ingress) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  return [...set].sort();
}

export function serviceExternalIP(svc: KubeObject): string {
  const externalIPs: string[] = svc.spec?.externalIPs ?? [];
  switch (serviceType(svc)) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const all = [...loadBalancerIngress(svc), ...externalIPs];
      return all.length > 0 ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return str(svc.spec?.externalName);
  }
  return '<unknown>';
}

export function makePortString(ports: ServicePort[] | undefined): string {
  return (ports ?? [])
    .map((p) => {
      const protocol = p.protocol || 'TCP';
      return int(p.nodePort) > 0 ? `${int(p.port)}:${int(p.nodePort)}/${protocol}` : `${int(p.port)}/${protocol}`;
    })
    .join(',');
}

function clusterIP(svc: KubeObject): string {
  const ips: string[] = svc.spec?.clusterIPs ?? [];
  return ips[0] || str(svc.spec?.clusterIP) || '<none>';
}

export const servicePrinter: RowPrinter = {
  columns: [
    NAME_COLUMN,
    column('Type', 'string', SERVICE.type),
    column('Cluster-IP', 'string', SERVICE.clusterIP),
    column('External-IP', 'string', SERVICE.externalIPs),
    column('Port(s)', 'string', SERVICE.ports),
    AGE_COLUMN,
    column('Selector', 'string', SERVICE.selector, WIDE),
  ],
  printRow: (svc: KubeObject, now: Date) => ({
    cells: [
      nameOf(svc), serviceType(svc), clusterIP(svc), serviceExternalIP(svc),
      makePortString(svc.spec?.ports) || '<none>', age(svc, now), formatLabels(svc.spec?.selector),
    ],
  }),
};
