/**
 * Object builders for the printer tests: `makePod('web').labels({ app: 'web' }).onNode('node-1').ready()`.
 * Each builder edits a plain API object and `build()` hands it over. Times are given as ages
 * ("created 5 minutes before NOW") so that test tables read as what kubectl would show.
 *
 * Invariant: test-only helpers; no clock reads (NOW is a constant).
 */
import type { KubeObject } from '../../../lib/api/types.js';

export const NOW = new Date('2024-06-01T12:00:00Z');

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `ago('5m')` is the RFC 3339 time 5 minutes before NOW; `ago('1h30m')` works too. */
export function ago(spec: string): string {
  let ms = 0;
  for (const [, n, unit] of spec.matchAll(/(\d+)([smhd])/g)) ms += Number(n) * UNIT_MS[unit];
  return new Date(NOW.getTime() - ms).toISOString().replace('.000Z', 'Z');
}

function meta(name: string, namespace?: string): KubeObject['metadata'] {
  return { name, ...(namespace ? { namespace } : {}), uid: `uid-${name}`, resourceVersion: '7', creationTimestamp: ago('10m') };
}

class Builder<Self> {
  constructor(readonly obj: KubeObject) {}
  protected self(): Self {
    return this as unknown as Self;
  }
  labels(labels: Record<string, string>): Self {
    this.obj.metadata.labels = labels;
    return this.self();
  }
  createdAgo(age: string): Self {
    this.obj.metadata.creationTimestamp = age === '' ? undefined : ago(age);
    return this.self();
  }
  deleting(): Self {
    this.obj.metadata.deletionTimestamp = ago('1s');
    return this.self();
  }
  set(patch: (o: KubeObject) => void): Self {
    patch(this.obj);
    return this.self();
  }
  build(): KubeObject {
    return this.obj;
  }
}

type State = Record<string, unknown>;

export interface StatusOptions {
  ready?: boolean;
  started?: boolean;
  restarts?: number;
  /** Age of the last termination, e.g. '5m'; sets lastState.terminated.finishedAt. */
  lastTerminated?: string;
}

export class PodBuilder extends Builder<PodBuilder> {
  containers(...names: string[]): PodBuilder {
    this.obj.spec.containers = names.map((name) => ({ name, image: `img/${name}:1` }));
    return this;
  }
  initContainer(name: string, opts: { sidecar?: boolean } = {}): PodBuilder {
    (this.obj.spec.initContainers ??= []).push({ name, image: `img/${name}:1`, ...(opts.sidecar ? { restartPolicy: 'Always' } : {}) });
    return this;
  }
  onNode(node: string): PodBuilder {
    this.obj.spec.nodeName = node;
    return this;
  }
  phase(phase: string, reason?: string): PodBuilder {
    this.obj.status.phase = phase;
    if (reason) this.obj.status.reason = reason;
    return this;
  }
  podIP(ip: string): PodBuilder {
    this.obj.status.podIP = ip;
    this.obj.status.podIPs = [{ ip }];
    return this;
  }
  condition(type: string, status: string, reason?: string): PodBuilder {
    (this.obj.status.conditions ??= []).push({ type, status, ...(reason ? { reason } : {}) });
    return this;
  }
  readinessGate(conditionType: string): PodBuilder {
    (this.obj.spec.readinessGates ??= []).push({ conditionType });
    return this;
  }
  /** Every app container running and ready, phase Running, Ready condition True. */
  ready(): PodBuilder {
    for (const c of this.obj.spec.containers) this.running(c.name, { ready: true });
    return this.phase('Running').condition('Ready', 'True');
  }
  running(name: string, opts: StatusOptions = {}): PodBuilder {
    return this.containerStatus('containerStatuses', name, { running: { startedAt: ago('9m') } }, opts);
  }
  waiting(name: string, reason: string, opts: StatusOptions = {}): PodBuilder {
    return this.containerStatus('containerStatuses', name, { waiting: { reason } }, opts);
  }
  terminated(name: string, terminated: { exitCode: number; reason?: string; signal?: number }, opts: StatusOptions = {}): PodBuilder {
    return this.containerStatus('containerStatuses', name, { terminated: { ...terminated, finishedAt: ago('1m') } }, opts);
  }
  initStatus(name: string, state: State, opts: StatusOptions = {}): PodBuilder {
    return this.containerStatus('initContainerStatuses', name, state, opts);
  }
  private containerStatus(list: string, name: string, state: State, opts: StatusOptions): PodBuilder {
    const status: Record<string, unknown> = { name, ready: opts.ready ?? false, restartCount: opts.restarts ?? 0, state };
    if (opts.started !== undefined) status.started = opts.started;
    if (opts.lastTerminated) status.lastState = { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(opts.lastTerminated) } };
    const statuses: Record<string, unknown>[] = (this.obj.status[list] ??= []);
    const i = statuses.findIndex((s) => s.name === name);
    if (i >= 0) statuses[i] = status;
    else statuses.push(status);
    return this;
  }
}

export function makePod(name = 'hello', namespace = 'default'): PodBuilder {
  const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: meta(name, namespace), spec: {}, status: { phase: 'Pending' } };
  return new PodBuilder(pod).containers('app');
}

export class NodeBuilder extends Builder<NodeBuilder> {
  ready(status = 'True'): NodeBuilder {
    (this.obj.status.conditions ??= []).push({ type: 'Ready', status });
    return this;
  }
  cordoned(): NodeBuilder {
    this.obj.spec.unschedulable = true;
    return this;
  }
  address(type: string, address: string): NodeBuilder {
    (this.obj.status.addresses ??= []).push({ type, address });
    return this;
  }
  nodeInfo(info: Record<string, string>): NodeBuilder {
    this.obj.status.nodeInfo = { ...this.obj.status.nodeInfo, ...info };
    return this;
  }
}

export function makeNode(name = 'node-1'): NodeBuilder {
  const node: KubeObject = { apiVersion: 'v1', kind: 'Node', metadata: meta(name), spec: {}, status: { nodeInfo: { kubeletVersion: 'v1.32.0' } } };
  return new NodeBuilder(node);
}

export class ServiceBuilder extends Builder<ServiceBuilder> {
  type(type: string): ServiceBuilder {
    this.obj.spec.type = type;
    return this;
  }
  clusterIP(ip: string): ServiceBuilder {
    this.obj.spec.clusterIP = ip;
    this.obj.spec.clusterIPs = [ip];
    return this;
  }
  port(port: number, opts: { nodePort?: number; protocol?: string } = {}): ServiceBuilder {
    (this.obj.spec.ports ??= []).push({ port, protocol: opts.protocol ?? 'TCP', ...(opts.nodePort ? { nodePort: opts.nodePort } : {}) });
    return this;
  }
  selector(selector: Record<string, string>): ServiceBuilder {
    this.obj.spec.selector = selector;
    return this;
  }
  externalIPs(...ips: string[]): ServiceBuilder {
    this.obj.spec.externalIPs = ips;
    return this;
  }
  ingress(...entries: { ip?: string; hostname?: string }[]): ServiceBuilder {
    this.obj.status.loadBalancer = { ingress: entries };
    return this;
  }
}

export function makeService(name = 'hello'): ServiceBuilder {
  const svc: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: meta(name, 'default'), spec: { type: 'ClusterIP' }, status: {} };
  return new ServiceBuilder(svc);
}

export class EventBuilder extends Builder<EventBuilder> {
  about(kind: string, name: string, fieldPath?: string): EventBuilder {
    this.obj.involvedObject = { kind, name, ...(fieldPath ? { fieldPath } : {}) };
    return this;
  }
  seen(first?: string, last?: string, count?: number): EventBuilder {
    this.obj.firstTimestamp = first ? ago(first) : null;
    this.obj.lastTimestamp = last ? ago(last) : null;
    if (count !== undefined) this.obj.count = count;
    return this;
  }
}

export function makeEvent(name = 'hello.17a'): EventBuilder {
  const ev: KubeObject = {
    apiVersion: 'v1', kind: 'Event', metadata: meta(name, 'default'),
    type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned default/hello to node-1',
    involvedObject: { kind: 'Pod', name: 'hello' }, source: { component: 'default-scheduler' },
  };
  return new EventBuilder(ev);
}

/** A bare object of any kind, for printers whose input is a handful of fields. */
export function makeObject(apiVersion: string, kind: string, name: string, fields: Record<string, unknown> = {}): KubeObject {
  return { apiVersion, kind, metadata: meta(name, 'default'), ...fields };
}
