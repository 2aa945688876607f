/**
 * A container's environment, as the kubelet and the runtime build it (makeEnvironmentVariables):
 *
 *   1. the image's ENV (PATH with the image's toolbox directory first, ...);
 *   2. HOSTNAME = the pod's hostname (its name, or spec.hostname);
 *   3. envFrom (ConfigMaps, with their prefix), then env in order, each value $(VAR)-expanded against
 *      what came before and the service variables;
 *   4. the service variables (service-env.ts) for every name not already set.
 *
 * valueFrom: fieldRef (metadata.name/namespace/uid, metadata.labels['k'], metadata.annotations['k'],
 * spec.nodeName, spec.serviceAccountName, status.podIP(s), status.hostIP(s)), resourceFieldRef
 * (limits/requests of cpu and memory, the node's allocatable when unset), configMapKeyRef. A reference
 * that cannot be resolved returns the error the kubelet reports as CreateContainerConfigError, e.g.
 * `configmap "app-config" not found`. Secrets are not served by kubelab: a secretKeyRef is not found.
 *
 * Pure: the ConfigMaps a container refers to are fetched beforehand (configMapNames) and passed in.
 */
import type { Container, EnvVar, Pod } from '../pods/types.js';
import { parseQuantity } from '../util/quantity.js';
import { expandContainerCommand } from '../images/argv.js';
import { serviceEnv, type ServiceLike } from './service-env.js';

export interface EnvContext {
  pod: Pod;
  container: Container;
  podIP: string;
  nodeIP: string;
  imageEnv: Readonly<Record<string, string>>;
  services: readonly ServiceLike[];
  /** ConfigMaps by name in the pod's namespace; absent = not found. */
  configMaps: Readonly<Record<string, { data?: Record<string, string> } | undefined>>;
  /** The node's allocatable cpu (cores) and memory (bytes), the downward API's default for unset limits. */
  allocatable: { cpu: number; memory: number };
}

export type EnvResult = { ok: true; env: Record<string, string> } | { ok: false; error: string };

/** The ConfigMaps a container's env and envFrom name, to fetch before calling containerEnv. */
export function configMapNames(container: Container): string[] {
  const names = [
    ...(container.envFrom ?? []).flatMap((e) => (e.configMapRef ? [e.configMapRef.name] : [])),
    ...(container.env ?? []).flatMap((e) => (e.valueFrom?.configMapKeyRef ? [e.valueFrom.configMapKeyRef.name] : [])),
  ];
  return [...new Set(names)];
}

export function containerEnv(ctx: EnvContext): EnvResult {
  const { pod, container } = ctx;
  const services = serviceEnv(ctx.services, pod.metadata.namespace ?? 'default', pod.spec.enableServiceLinks !== false);
  const own: Record<string, string> = {};
  for (const from of container.envFrom ?? []) {
    const error = addEnvFrom(ctx, from, own);
    if (error) return { ok: false, error };
  }
  for (const v of container.env ?? []) {
    const value = valueOf(ctx, v, () => ({ ...services, ...own }));
    if (typeof value === 'object') return { ok: false, error: value.error };
    if (value !== undefined) own[v.name] = value;
  }
  const env: Record<string, string> = { ...ctx.imageEnv, HOSTNAME: pod.spec.hostname ?? pod.metadata.name ?? '', ...own };
  for (const [k, v] of Object.entries(services)) if (!(k in own)) env[k] = v;
  return { ok: true, env };
}

function addEnvFrom(ctx: EnvContext, from: NonNullable<Container['envFrom']>[number], into: Record<string, string>): string | undefined {
  if (from.secretRef) return from.secretRef.optional ? undefined : `secret "${from.secretRef.name}" not found`;
  if (!from.configMapRef) return undefined;
  const cm = ctx.configMaps[from.configMapRef.name];
  if (!cm) return from.configMapRef.optional ? undefined : `configmap "${from.configMapRef.name}" not found`;
  for (const [k, v] of Object.entries(cm.data ?? {})) {
    const name = `${from.prefix ?? ''}${k}`;
    // Keys that are not valid variable names are skipped, as the kubelet does.
    if (/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name)) into[name] = v;
  }
  return undefined;
}

/** A variable's value; undefined to leave it out (an optional reference), or the error. */
function valueOf(ctx: EnvContext, v: EnvVar, defined: () => Record<string, string>): string | undefined | { error: string } {
  // $(VAR) expansion is the same as for command and args (images/argv.ts).
  if (!v.valueFrom) return expandContainerCommand(v.value ?? '', defined());
  const src = v.valueFrom;
  if (src.fieldRef) return fieldValue(ctx, src.fieldRef.fieldPath);
  if (src.resourceFieldRef) return resourceValue(ctx, src.resourceFieldRef);
  if (src.configMapKeyRef) {
    const { name, key, optional } = src.configMapKeyRef;
    const cm = ctx.configMaps[name];
    if (!cm) return optional ? undefined : { error: `configmap "${name}" not found` };
    const value = cm.data?.[key];
    if (value === undefined) return optional ? undefined : { error: `couldn't find key ${key} in ConfigMap ${ctx.pod.metadata.namespace}/${name}` };
    return value;
  }
  if (src.secretKeyRef) return src.secretKeyRef.optional ? undefined : { error: `secret "${src.secretKeyRef.name}" not found` };
  return undefined;
}

function fieldValue(ctx: EnvContext, path: string): string | { error: string } {
  const { pod } = ctx;
  const keyed = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (keyed) return (keyed[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations)?.[keyed[2]!] ?? '';
  switch (path) {
    case 'metadata.name': return pod.metadata.name ?? '';
    case 'metadata.namespace': return pod.metadata.namespace ?? '';
    case 'metadata.uid': return pod.metadata.uid ?? '';
    case 'metadata.labels': return formatMap(pod.metadata.labels);
    case 'metadata.annotations': return formatMap(pod.metadata.annotations);
    case 'spec.nodeName': return pod.spec.nodeName ?? '';
    case 'spec.serviceAccountName': return pod.spec.serviceAccountName ?? '';
    case 'status.podIP': case 'status.podIPs': return ctx.podIP;
    case 'status.hostIP': case 'status.hostIPs': return ctx.nodeIP;
    default: return { error: `unsupported fieldPath: ${path}` };
  }
}

/** `k="v"` lines, sorted, as the downward API formats a whole map (fieldpath.FormatMap). */
function formatMap(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {}).sort().map((k) => `${k}=${JSON.stringify(m![k])}`).join('\n');
}

function resourceValue(ctx: EnvContext, ref: { resource: string; containerName?: string; divisor?: string }): string | { error: string } {
  const target = ref.containerName ? ctx.pod.spec.containers.find((c) => c.name === ref.containerName) : ctx.container;
  const [kind, resource] = ref.resource.split('.', 2) as [string, string];
  const set = kind === 'limits' ? target?.resources?.limits : target?.resources?.requests;
  const fallback = kind === 'limits' ? ctx.allocatable[resource as 'cpu' | 'memory'] : 0;
  const value = parseQuantity(set?.[resource]) ?? fallback;
  if (value === undefined || (resource !== 'cpu' && resource !== 'memory')) return { error: `unsupported container resource: ${ref.resource}` };
  const divisor = parseQuantity(ref.divisor ?? '1') || 1;
  return String(Math.ceil(value / divisor));
}
