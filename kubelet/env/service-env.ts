/**
 * The service environment variables a container starts with (kubelet getServiceEnvVarMap and
 * envvars.FromServices), from the Services that exist when it starts:
 * - every Service of the pod's namespace with a ClusterIP, when `enableServiceLinks` (default true);
 * - always the `kubernetes` Service of the `default` namespace (KUBERNETES_SERVICE_HOST/PORT), unless
 *   the pod's namespace has its own Service of that name.
 * For a Service `hello` with ClusterIP 10.96.0.10 and port 8080/TCP named `http`:
 *   HELLO_SERVICE_HOST=10.96.0.10  HELLO_SERVICE_PORT=8080  HELLO_SERVICE_PORT_HTTP=8080
 *   HELLO_PORT=tcp://10.96.0.10:8080  HELLO_PORT_8080_TCP=tcp://10.96.0.10:8080
 *   HELLO_PORT_8080_TCP_PROTO=tcp  HELLO_PORT_8080_TCP_PORT=8080  HELLO_PORT_8080_TCP_ADDR=10.96.0.10
 * Pure.
 */

export interface ServiceLike {
  metadata: { name?: string; namespace?: string };
  spec?: { clusterIP?: string; ports?: { name?: string; port: number; protocol?: string }[] };
}

const MASTER_NAMESPACE = 'default';
const MASTER_SERVICE = 'kubernetes';

export function serviceEnv(services: readonly ServiceLike[], namespace: string, enableServiceLinks: boolean): Record<string, string> {
  const chosen = new Map<string, ServiceLike>();
  for (const svc of services) {
    if (!isServiceIPSet(svc)) continue;
    const name = svc.metadata.name ?? '';
    if (svc.metadata.namespace === MASTER_NAMESPACE && name === MASTER_SERVICE) {
      if (!chosen.has(name)) chosen.set(name, svc);
    } else if (svc.metadata.namespace === namespace && enableServiceLinks) {
      chosen.set(name, svc);
    }
  }
  const env: Record<string, string> = {};
  for (const svc of chosen.values()) Object.assign(env, varsFor(svc));
  return env;
}

function isServiceIPSet(svc: ServiceLike): boolean {
  const ip = svc.spec?.clusterIP;
  return Boolean(ip) && ip !== 'None' && (svc.spec?.ports?.length ?? 0) > 0;
}

function varsFor(svc: ServiceLike): Record<string, string> {
  const prefix = envName(svc.metadata.name ?? '');
  const ip = svc.spec!.clusterIP!;
  const ports = svc.spec!.ports!;
  const env: Record<string, string> = { [`${prefix}_SERVICE_HOST`]: ip, [`${prefix}_SERVICE_PORT`]: String(ports[0]!.port) };
  for (const p of ports) if (p.name) env[`${prefix}_SERVICE_PORT_${envName(p.name)}`] = String(p.port);
  ports.forEach((p, i) => {
    const proto = (p.protocol || 'TCP').toLowerCase();
    const url = `${proto}://${ip}:${p.port}`;
    if (i === 0) env[`${prefix}_PORT`] = url;
    const portPrefix = `${prefix}_PORT_${p.port}_${proto.toUpperCase()}`;
    Object.assign(env, { [portPrefix]: url, [`${portPrefix}_PROTO`]: proto, [`${portPrefix}_PORT`]: String(p.port), [`${portPrefix}_ADDR`]: ip });
  });
  return env;
}

/** `my-svc` → `MY_SVC`; a leading digit gets an underscore (makeEnvVariableName). */
export function envName(name: string): string {
  const upper = name.replace(/-/g, '_').toUpperCase();
  return /^[0-9]/.test(upper) ? `_${upper}` : upper;
}
