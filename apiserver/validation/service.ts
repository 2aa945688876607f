/**
 * Services (core ValidateService), in Go's order. The name is a DNS-1035 label (a letter first, so it
 * can become an environment variable and a DNS name). Ports are required unless the service is
 * headless or ExternalName; each port needs a name when there are several (unique, DNS-1123 label), a
 * port number, a protocol and a targetPort number or IANA name. type, sessionAffinity and the traffic
 * policies are defaulted fields and must hold supported values. ExternalName services need a DNS
 * subdomain in externalName and no cluster IPs.
 *
 * kubelab additions, both flagged: a nodePort outside 0-65535 is rejected here (a real server leaves
 * range checks to its allocator), and loopback externalIPs follow `SpecialIPOptions`.
 */
import type { KubeObject } from '../../lib/api/types.js';
import { type ErrorList, child, duplicate, forbidden, index, invalid, key, notSupported, required } from './field-errors.js';
import { goIntOrString, goPointer, goStruct } from './go-format.js';
import { type SpecialIPOptions, isValidCIDR, isValidIP, validateNonSpecialIP } from './ip.js';
import { validateLabelName, validateLabels } from './labels.js';
import { inclusiveRangeError, isDNS1123Label, isDNS1123Subdomain, isValidPortNum, nameIsDNS1035Label } from './names.js';
import { validateObjectMeta } from './object-meta.js';
import { validatePortNumOrName, validateProtocol } from './ports.js';
import { validateClusterIPs } from './service-cluster-ips.js';

type Spec = Record<string, any>;

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const SESSION_AFFINITIES = ['ClientIP', 'None'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;

export const isHeadless = (spec: Spec) => Array.isArray(spec.clusterIPs) && spec.clusterIPs.length === 1 && spec.clusterIPs[0] === 'None';
const externallyAccessible = (spec: Spec) =>
  spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);

function validateServicePort(sp: Spec, requireName: boolean, names: Set<string>, at: string): ErrorList {
  const errs: ErrorList = [];
  const name = String(sp.name ?? '');
  if (requireName && !name) errs.push(required(child(at, 'name')));
  else if (name) {
    errs.push(...isDNS1123Label(name).map((m) => invalid(child(at, 'name'), name, m)));
    if (names.has(name)) errs.push(duplicate(child(at, 'name'), name));
    else names.add(name);
  }
  const port = Number(sp.port ?? 0);
  errs.push(...isValidPortNum(port).map((m) => invalid(child(at, 'port'), port, m)));
  errs.push(...validateProtocol(sp.protocol, child(at, 'protocol')));
  errs.push(...validatePortNumOrName(sp.targetPort, child(at, 'targetPort')));
  if (typeof sp.appProtocol === 'string') errs.push(...validateLabelName(sp.appProtocol, child(at, 'appProtocol')));
  const nodePort = Number(sp.nodePort ?? 0);
  if (nodePort < 0 || nodePort > 65535) errs.push(invalid(child(at, 'nodePort'), nodePort, inclusiveRangeError(0, 65535)));
  return errs;
}

function validateTypeSpecific(spec: Spec): ErrorList {
  const headless = isHeadless(spec);
  switch (spec.type) {
    case 'LoadBalancer': case 'NodePort':
      return headless ? [invalid('spec.clusterIPs[0]', spec.clusterIPs[0], `may not be set to 'None' for ${spec.type} services`)] : [];
    case 'ExternalName': {
      const errs: ErrorList = [];
      if (Array.isArray(spec.clusterIPs) && spec.clusterIPs.length > 0) errs.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
      if (Array.isArray(spec.ipFamilies) && spec.ipFamilies.length > 0) errs.push(forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
      if (spec.ipFamilyPolicy) errs.push(forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
      // The value is a CNAME and may end with a dot to say it is fully qualified.
      const cname = String(spec.externalName ?? '').replace(/\.$/, '');
      if (cname) errs.push(...isDNS1123Subdomain(cname).map((m) => invalid('spec.externalName', cname, m)));
      else errs.push(required('spec.externalName'));
      return errs;
    }
    default:
      return [];
  }
}

function validateSessionAffinity(spec: Spec): ErrorList {
  const affinity = String(spec.sessionAffinity ?? '');
  if (!affinity) return [required('spec.sessionAffinity')];
  if (!SESSION_AFFINITIES.includes(affinity)) return [notSupported('spec.sessionAffinity', affinity, SESSION_AFFINITIES)];
  const cfgPath = 'spec.sessionAffinityConfig';
  if (affinity === 'None') return spec.sessionAffinityConfig ? [forbidden(cfgPath, 'must not be set when session affinity is None')] : [];
  const when = 'when session affinity type is ClientIP';
  if (!spec.sessionAffinityConfig) return [required(cfgPath, when)];
  if (!spec.sessionAffinityConfig.clientIP) return [required(`${cfgPath}.clientIP`, when)];
  const timeout = spec.sessionAffinityConfig.clientIP.timeoutSeconds;
  if (typeof timeout !== 'number') return [required(`${cfgPath}.clientIP.timeoutSeconds`, when)];
  if (timeout <= 0 || timeout > MAX_CLIENT_IP_AFFINITY_SECONDS) {
    return [invalid(`${cfgPath}.clientIP.timeoutSeconds`, timeout, `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`)];
  }
  return [];
}

function goServicePortKey(protocol: string, port: number) {
  return goStruct('core.ServicePort', [
    ['Name', ''], ['Protocol', protocol], ['AppProtocol', goPointer('string', undefined)], ['Port', port],
    ['TargetPort', goIntOrString(0)], ['NodePort', 0],
  ]);
}

function validatePortUniqueness(spec: Spec, ports: Spec[]): ErrorList {
  const errs: ErrorList = [];
  if (spec.type === 'ClusterIP') {
    ports.forEach((p, i) => { if (Number(p.nodePort ?? 0) !== 0) errs.push(forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'")); });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    const np = Number(p.nodePort ?? 0);
    if (np === 0) return;
    const id = `${p.protocol ?? ''}/${np}`;
    if (nodePorts.has(id)) errs.push(duplicate(`spec.ports[${i}].nodePort`, np));
    nodePorts.add(id);
  });
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const id = `${p.protocol ?? ''}/${Number(p.port ?? 0)}`;
    if (seen.has(id)) errs.push(duplicate(`spec.ports[${i}]`, goServicePortKey(String(p.protocol ?? ''), Number(p.port ?? 0))));
    seen.add(id);
  });
  return errs;
}

function validateLoadBalancerFields(spec: Spec): ErrorList {
  const errs: ErrorList = [];
  const isLB = spec.type === 'LoadBalancer';
  const ranges: unknown[] = Array.isArray(spec.loadBalancerSourceRanges) ? spec.loadBalancerSourceRanges : [];
  if (ranges.length) {
    if (!isLB) errs.push(forbidden('spec.LoadBalancerSourceRanges', "may only be used when `type` is 'LoadBalancer'"));
    ranges.forEach((r, i) => errs.push(...isValidCIDR(index('spec.LoadBalancerSourceRanges', i), String(r).trim())));
  }
  const only = "may only be used when `type` is 'LoadBalancer'";
  if (spec.allocateLoadBalancerNodePorts !== undefined && spec.allocateLoadBalancerNodePorts !== null && !isLB) errs.push(forbidden('spec.allocateLoadBalancerNodePorts', only));
  // Go's path really is the bare field name here.
  if (isLB && (spec.allocateLoadBalancerNodePorts === undefined || spec.allocateLoadBalancerNodePorts === null)) errs.push(required('allocateLoadBalancerNodePorts'));
  if (typeof spec.loadBalancerClass === 'string') {
    if (isLB) errs.push(...validateLabelName(spec.loadBalancerClass, 'spec.loadBalancerClass'));
    else errs.push(forbidden('spec.loadBalancerClass', only));
  }
  return errs;
}

function validateTrafficPolicies(spec: Spec): ErrorList {
  const errs: ErrorList = [];
  const etp = String(spec.externalTrafficPolicy ?? '');
  if (!externallyAccessible(spec)) {
    if (etp) errs.push(invalid('spec.externalTrafficPolicy', etp, 'may only be set for externally-accessible services'));
  } else if (!etp) errs.push(required('spec.externalTrafficPolicy'));
  else if (!TRAFFIC_POLICIES.includes(etp)) errs.push(notSupported('spec.externalTrafficPolicy', etp, TRAFFIC_POLICIES));
  const needsHealthCheck = spec.type === 'LoadBalancer' && etp === 'Local';
  const hc = Number(spec.healthCheckNodePort ?? 0);
  if (!needsHealthCheck) {
    if (hc !== 0) errs.push(invalid('spec.healthCheckNodePort', hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  } else if (hc === 0) errs.push(required('spec.healthCheckNodePort'));
  else errs.push(...isValidPortNum(hc).map((m) => invalid('spec.healthCheckNodePort', hc, m)));
  const itp = spec.internalTrafficPolicy;
  if ((itp === undefined || itp === null) && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type)) errs.push(required('spec.internalTrafficPolicy'));
  if (itp !== undefined && itp !== null && !TRAFFIC_POLICIES.includes(itp)) errs.push(notSupported('spec.internalTrafficPolicy', String(itp), TRAFFIC_POLICIES));
  if (spec.trafficDistribution !== undefined && spec.trafficDistribution !== null && spec.trafficDistribution !== 'PreferClose') {
    errs.push(notSupported('spec.trafficDistribution', String(spec.trafficDistribution), ['PreferClose']));
  }
  return errs;
}

const TOPOLOGY_MODE = 'service.kubernetes.io/topology-mode';
const TOPOLOGY_HINTS = 'service.kubernetes.io/topology-aware-hints';

export function validateService(svc: KubeObject, ipOpts: SpecialIPOptions): ErrorList {
  const spec: Spec = svc.spec ?? {};
  const ports: Spec[] = Array.isArray(spec.ports) ? spec.ports.map((p: Spec) => p ?? {}) : [];
  const errs = validateObjectMeta(svc.metadata, true, nameIsDNS1035Label, 'metadata', { kubeFinalizers: true });
  const ann = svc.metadata.annotations ?? {};
  if (TOPOLOGY_MODE in ann && TOPOLOGY_HINTS in ann && ann[TOPOLOGY_MODE] !== ann[TOPOLOGY_HINTS]) {
    errs.push(invalid(key('metadata.annotations', TOPOLOGY_MODE), ann[TOPOLOGY_MODE], `must match annotations[${TOPOLOGY_HINTS}] when both are specified`));
  }
  if (ports.length === 0 && !isHeadless(spec) && spec.type !== 'ExternalName') errs.push(required('spec.ports'));
  errs.push(...validateTypeSpecific(spec));
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, index('spec.ports', i))));
  if (spec.selector !== undefined && spec.selector !== null) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  errs.push(...validateSessionAffinity(spec));
  errs.push(...validateClusterIPs(spec));
  (Array.isArray(spec.externalIPs) ? spec.externalIPs : []).forEach((ip: unknown, i: number) => {
    const bad = isValidIP(index('spec.externalIPs', i), String(ip));
    errs.push(...(bad.length ? bad : validateNonSpecialIP(String(ip), index('spec.externalIPs', i), ipOpts)));
  });
  if (!spec.type) errs.push(required('spec.type'));
  else if (!TYPES.includes(spec.type)) errs.push(notSupported('spec.type', String(spec.type), TYPES));
  errs.push(...validatePortUniqueness(spec, ports));
  errs.push(...validateLoadBalancerFields(spec));
  errs.push(...validateTrafficPolicies(spec));
  return errs;
}
