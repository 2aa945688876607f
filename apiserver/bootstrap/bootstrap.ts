/**
 * What an apiserver puts in place when it starts, as kube-apiserver's bootstrap controllers do:
 * the system namespaces, the `kubernetes` Service (first address of the service range, port 443) with
 * Endpoints listing the running apiservers, and a Pod standing for this apiserver process in kube-system,
 * whose command line shows its flags (`kubectl cluster-info dump | grep service-cluster-ip-range`).
 * All writes go through the registry, so they are validated and watched like any other.
 */
import type { ApiRequest } from '../../lib/api/request.js';
import type { KubeObject } from '../../lib/api/types.js';
import { AlreadyExistsError, ConflictError, NotFoundError } from '../../lib/errors.js';
import type { Registry } from '../registry/registry.js';
import { rfc3339 } from '../registry/object-meta.js';

export interface BootstrapConfig {
  serverId: string;
  advertiseAddress: string;
  port: number;
  kubernetesServiceIp: string;
  /** The flags this process was started with, shown as the mirror pod's command. */
  commandLine: string[];
  image: string;
  startedAt: Date;
  pid: number;
}

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];
const USER = 'system:apiserver';

export function mirrorPodName(serverId: string): string {
  return serverId.startsWith('apiserver') ? `kube-${serverId}` : `kube-apiserver-${serverId}`;
}

function req(verb: ApiRequest['verb'], resource: string, namespace: string | undefined, name: string | undefined, body?: unknown, subresource?: string): ApiRequest {
  return { verb, group: '', version: 'v1', resource, namespace, name, subresource, query: {}, user: USER, body: body === undefined ? undefined : JSON.stringify(body), contentType: 'application/json' };
}

async function createIfMissing(registry: Registry, r: ApiRequest): Promise<void> {
  const name = (JSON.parse(r.body!) as KubeObject).metadata.name!;
  const exists = async () => {
    try {
      await registry.handle({ ...r, verb: 'get', name, body: undefined });
      return true;
    } catch (err) {
      if (err instanceof NotFoundError) return false;
      throw err;
    }
  };
  // Look first: a second apiserver must not even try to allocate the `kubernetes` Service's address again.
  if (await exists()) return;
  try {
    await registry.handle(r);
  } catch (err) {
    // Several apiservers starting together race to create the same objects: whichever error the loser
    // gets (AlreadyExists, or "IP already allocated" for the Service), the object is there now.
    if (await exists()) return;
    throw err;
  }
}

export async function bootstrap(registry: Registry, cfg: BootstrapConfig): Promise<void> {
  for (const name of SYSTEM_NAMESPACES) {
    await createIfMissing(registry, req('create', 'namespaces', undefined, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }));
  }
  await createIfMissing(registry, req('create', 'services', 'default', undefined, {
    apiVersion: 'v1', kind: 'Service',
    metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { type: 'ClusterIP', clusterIP: cfg.kubernetesServiceIp, ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: cfg.port }] },
  }));
  await updateEndpoints(registry, cfg, 'add');
  await writeMirrorPod(registry, cfg, 'running');
}

/** On a clean shutdown: leave the `kubernetes` Endpoints and mark the mirror pod as stopped. */
export async function withdraw(registry: Registry, cfg: BootstrapConfig): Promise<void> {
  await updateEndpoints(registry, cfg, 'remove');
  await writeMirrorPod(registry, cfg, 'stopped');
}

async function updateEndpoints(registry: Registry, cfg: BootstrapConfig, op: 'add' | 'remove'): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    let current: KubeObject | undefined;
    try {
      current = (await registry.handle(req('get', 'endpoints', 'default', 'kubernetes'))).body as KubeObject;
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
    }
    const subsets = editSubsets(current?.subsets ?? [], cfg.advertiseAddress, cfg.port, op);
    const body = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' }, resourceVersion: current?.metadata.resourceVersion }, subsets };
    try {
      await registry.handle(current ? req('update', 'endpoints', 'default', 'kubernetes', body) : req('create', 'endpoints', 'default', undefined, body));
      return;
    } catch (err) {
      if (!(err instanceof ConflictError) && !(err instanceof AlreadyExistsError)) throw err;
    }
  }
}

interface Subset {
  addresses?: { ip: string }[];
  ports?: { name?: string; port: number; protocol?: string }[];
}

/** Endpoints subsets with this apiserver's address:port added or removed (one subset per port). */
export function editSubsets(subsets: Subset[], ip: string, port: number, op: 'add' | 'remove'): Subset[] {
  const out = subsets
    .map((s) => ({ ...s, addresses: (s.addresses ?? []).filter((a) => !(a.ip === ip && s.ports?.[0]?.port === port)) }))
    .filter((s) => s.addresses.length > 0);
  if (op === 'remove') return out;
  const same = out.find((s) => s.ports?.[0]?.port === port);
  if (same) same.addresses = [...same.addresses!, { ip }];
  else out.push({ addresses: [{ ip }], ports: [{ name: 'https', port, protocol: 'TCP' }] });
  return out;
}

async function writeMirrorPod(registry: Registry, cfg: BootstrapConfig, state: 'running' | 'stopped'): Promise<void> {
  const name = mirrorPodName(cfg.serverId);
  const pod = {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name, namespace: 'kube-system',
      labels: { component: 'kube-apiserver', tier: 'control-plane' },
      // Not a real mirror pod (no kubelet runs the control plane here), so no config.mirror annotation:
      // the apiserver reports this process itself.
      annotations: { 'kubelab.dev/component': 'apiserver', 'kubelab.dev/server-id': cfg.serverId, 'kubelab.dev/pid': String(cfg.pid) },
    },
    // No scheduler may place it on a worker node: in a real cluster it would be a static pod bound to the
    // control-plane node; here the control plane runs outside the nodes, so it names a scheduler that
    // does not exist instead, and stays unbound (Node: <none>).
    spec: { hostNetwork: true, priority: 2000001000, schedulerName: 'kubelab-control-plane', containers: [{ name: 'kube-apiserver', image: cfg.image, command: cfg.commandLine }] },
  };
  await createIfMissing(registry, req('create', 'pods', 'kube-system', undefined, pod));
  const current = (await registry.handle(req('get', 'pods', 'kube-system', name))).body as KubeObject;
  const status = mirrorPodStatus(cfg, state, new Date());
  await registry.handle(req('update', 'pods', 'kube-system', name, { ...current, status }, 'status'));
}

export function mirrorPodStatus(cfg: BootstrapConfig, state: 'running' | 'stopped', now: Date): Record<string, unknown> {
  const running = state === 'running';
  const ready = running ? 'True' : 'False';
  const since = rfc3339(running ? cfg.startedAt : now);
  return {
    phase: running ? 'Running' : 'Succeeded',
    conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({
      type, status: type === 'Ready' || type === 'ContainersReady' ? ready : 'True', lastProbeTime: null, lastTransitionTime: since,
    })),
    hostIP: cfg.advertiseAddress,
    hostIPs: [{ ip: cfg.advertiseAddress }],
    podIP: cfg.advertiseAddress,
    podIPs: [{ ip: cfg.advertiseAddress }],
    startTime: rfc3339(cfg.startedAt),
    qosClass: 'BestEffort',
    containerStatuses: [{
      name: 'kube-apiserver', image: cfg.image, imageID: `kubelab://${cfg.image}`, containerID: `process://${cfg.pid}`,
      ready: running, started: running, restartCount: 0,
      state: running ? { running: { startedAt: rfc3339(cfg.startedAt) } } : { terminated: { exitCode: 0, reason: 'Completed', startedAt: rfc3339(cfg.startedAt), finishedAt: rfc3339(now) } },
    }],
  };
}
