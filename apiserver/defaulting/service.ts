/**
 * v1 Service defaults: SetDefaults_Service (type ClusterIP, sessionAffinity None, or ClientIP with a
 * 10800 s timeout; each port's protocol TCP and targetPort = port when unset or 0/""; externalTrafficPolicy
 * Cluster for NodePort and LoadBalancer; internalTrafficPolicy Cluster for every type but ExternalName;
 * allocateLoadBalancerNodePorts true for LoadBalancer), plus what the Service registry fills in on
 * create before IP allocation: ipFamilyPolicy SingleStack and ipFamilies [IPv4] (kubelab is IPv4 only)
 * for every type but ExternalName.
 *
 * Interface: setDefaultsService(obj, operation) mutates `obj`.
 */
import { child, items, maybe, setDefault, type Obj } from './object-util.js';

const CLIENT_IP_TIMEOUT_SECONDS = 10800;

function setDefaultsSessionAffinity(spec: Obj): void {
  setDefault(spec, 'sessionAffinity', 'None');
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && maybe(maybe(spec, 'sessionAffinityConfig'), 'clientIP')?.timeoutSeconds === undefined) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: CLIENT_IP_TIMEOUT_SECONDS } };
  }
}

function setDefaultsPorts(spec: Obj): void {
  for (const port of items(spec, 'ports')) {
    setDefault(port, 'protocol', 'TCP');
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === '') port.targetPort = port.port;
  }
}

export function setDefaultsService(obj: Obj, operation: 'create' | 'update'): void {
  const spec = child(obj, 'spec');
  setDefaultsSessionAffinity(spec);
  setDefault(spec, 'type', 'ClusterIP');
  setDefaultsPorts(spec);
  const type = spec.type;
  if (type === 'NodePort' || type === 'LoadBalancer') setDefault(spec, 'externalTrafficPolicy', 'Cluster');
  if (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP') setDefault(spec, 'internalTrafficPolicy', 'Cluster');
  if (type === 'LoadBalancer') setDefault(spec, 'allocateLoadBalancerNodePorts', true);
  if (operation === 'create' && type !== 'ExternalName') {
    setDefault(spec, 'ipFamilyPolicy', 'SingleStack');
    if (!Array.isArray(spec.ipFamilies) || spec.ipFamilies.length === 0) spec.ipFamilies = ['IPv4'];
  }
}
