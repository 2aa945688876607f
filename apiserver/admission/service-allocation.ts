/**
 * ClusterIP and NodePort allocation for Services (kube-apiserver's service REST allocators).
 * Each allocation is one HSETNX on a Redis hash (address or port → owning service), so two apiservers
 * can never hand out the same address. Allocations are released when the Service is deleted or when
 * its creation fails after allocating.
 */
import type { Redis } from 'ioredis';
import type { KubeObject, StatusCause } from '../../lib/api/types.js';
import { InvalidError } from '../../lib/errors.js';
import { cidrContains, ipAt, type Cidr } from '../../lib/net/cidr.js';
import type { StoreKeys } from '../storage/keys.js';

export interface PortRange {
  base: number;
  size: number;
}

export function parsePortRange(text: string): PortRange {
  const [a, b] = text.split('-').map(Number);
  if (!Number.isInteger(a) || !Number.isInteger(b) || a! > b!) throw new Error(`invalid port range: ${text}`);
  return { base: a!, size: b! - a! + 1 };
}

export class ServiceAllocator {
  constructor(
    private readonly redis: Redis,
    private readonly keys: StoreKeys,
    readonly serviceCidr: Cidr,
    readonly nodePorts: PortRange,
  ) {}

  /** Fills spec.clusterIP(s) and nodePorts, throwing 422 for requested values that cannot be had. */
  async allocate(svc: KubeObject): Promise<KubeObject> {
    const owner = `${svc.metadata.namespace}/${svc.metadata.name}`;
    const spec = { ...svc.spec };
    const taken: (() => Promise<void>)[] = [];
    try {
      if (spec.type !== 'ExternalName' && spec.clusterIP !== 'None') {
        const ip = spec.clusterIP ? await this.claimIp(svc, spec.clusterIP, owner) : await this.randomIp(owner);
        taken.push(() => this.releaseIp(ip));
        spec.clusterIP = ip;
        spec.clusterIPs = [ip];
      } else if (spec.clusterIP === 'None') {
        spec.clusterIPs = ['None'];
      }
      if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
        spec.ports = [];
        for (const [i, port] of (svc.spec?.ports ?? []).entries()) {
          const nodePort = port.nodePort ? await this.claimPort(svc, i, port.nodePort, owner) : await this.randomPort(owner);
          taken.push(() => this.releasePort(nodePort));
          spec.ports.push({ ...port, nodePort });
        }
      }
    } catch (err) {
      for (const undo of taken) await undo();
      throw err;
    }
    return { ...svc, spec };
  }

  /**
   * An update keeps what the Service already holds: its clusterIP, and the nodePort of each port that
   * stays (matched by port number) unless a new one is asked for. A type change away from
   * NodePort/LoadBalancer drops the nodePorts the server had assigned, as kube-apiserver does.
   */
  async reconcileUpdate(next: KubeObject, old: KubeObject): Promise<{ object: KubeObject; undo(): Promise<void>; done(): Promise<void> }> {
    const owner = `${next.metadata.namespace}/${next.metadata.name}`;
    const spec = { ...next.spec };
    const claimed: number[] = [];
    const oldPorts: { port: number; nodePort?: number }[] = old.spec?.ports ?? [];
    if (!spec.clusterIP && old.spec?.clusterIP) {
      spec.clusterIP = old.spec.clusterIP;
      spec.clusterIPs = old.spec.clusterIPs;
    }
    const needsNodePorts = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
    if (!needsNodePorts && spec.externalTrafficPolicy === old.spec?.externalTrafficPolicy) {
      // Set by the server for the old type only (kube-apiserver's dropTypeDependentFields).
      delete spec.externalTrafficPolicy;
    }
    try {
      spec.ports = [];
      for (const [i, port] of (next.spec?.ports ?? []).entries()) {
        const previous = oldPorts.find((p) => p.port === port.port)?.nodePort;
        const held = oldPorts.some((p) => p.nodePort !== undefined && p.nodePort === port.nodePort);
        let nodePort: number | undefined = port.nodePort;
        if (!needsNodePorts) {
          if (held) nodePort = undefined; // assigned by us for the old type: dropped with it
        } else if (nodePort === undefined) {
          nodePort = previous ?? (await this.randomPort(owner));
          if (previous === undefined) claimed.push(nodePort);
        } else if (!held) {
          await this.claimPort(next, i, nodePort, owner);
          claimed.push(nodePort);
        }
        const { nodePort: _drop, ...rest } = port;
        spec.ports.push(nodePort === undefined ? rest : { ...rest, nodePort });
      }
    } catch (err) {
      for (const p of claimed) await this.releasePort(p);
      throw err;
    }
    const kept = new Set<number>(spec.ports.map((p: { nodePort?: number }) => p.nodePort).filter((p: number | undefined) => p !== undefined));
    return {
      object: { ...next, spec },
      undo: async () => { for (const p of claimed) await this.releasePort(p); },
      done: async () => {
        for (const p of oldPorts) if (p.nodePort !== undefined && !kept.has(p.nodePort)) await this.releasePort(p.nodePort);
      },
    };
  }

  async release(svc: KubeObject): Promise<void> {
    const ip = svc.spec?.clusterIP;
    if (ip && ip !== 'None') await this.releaseIp(ip);
    for (const port of svc.spec?.ports ?? []) if (port.nodePort) await this.releasePort(port.nodePort);
  }

  private async claimIp(svc: KubeObject, ip: string, owner: string): Promise<string> {
    const fail = (why: string) => invalid(svc, { reason: 'FieldValueInvalid', field: 'spec.clusterIPs', message: `Invalid value: []string{"${ip}"}: failed to allocate IP ${ip}: ${why}` });
    if (!cidrContains(this.serviceCidr, ip)) fail(`the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.serviceCidr.text}`);
    if (!(await this.redis.hsetnx(this.keys.alloc('service-ips'), ip, owner))) fail('provided IP is already allocated');
    return ip;
  }

  private async randomIp(owner: string): Promise<string> {
    const usable = this.serviceCidr.size - 2;
    for (let tries = 0; tries < 64; tries++) {
      // Offset 1 is kept for the `kubernetes` Service, as kube-apiserver does.
      const ip = ipAt(this.serviceCidr, 2 + Math.floor(Math.random() * (usable - 1)));
      if (await this.redis.hsetnx(this.keys.alloc('service-ips'), ip, owner)) return ip;
    }
    for (let off = 2; off <= usable; off++) {
      const ip = ipAt(this.serviceCidr, off);
      if (await this.redis.hsetnx(this.keys.alloc('service-ips'), ip, owner)) return ip;
    }
    throw new Error('range is full');
  }

  private async claimPort(svc: KubeObject, index: number, port: number, owner: string): Promise<number> {
    const fail = (why: string) => invalid(svc, { reason: 'FieldValueInvalid', field: `spec.ports[${index}].nodePort`, message: `Invalid value: ${port}: ${why}` });
    const { base, size } = this.nodePorts;
    if (port < base || port >= base + size) fail(`provided port is not in the valid range. The range of valid ports is ${base}-${base + size - 1}`);
    if (!(await this.redis.hsetnx(this.keys.alloc('node-ports'), String(port), owner))) fail('provided port is already allocated');
    return port;
  }

  private async randomPort(owner: string): Promise<number> {
    const { base, size } = this.nodePorts;
    for (let tries = 0; tries < 4 * size; tries++) {
      const port = base + Math.floor(Math.random() * size);
      if (await this.redis.hsetnx(this.keys.alloc('node-ports'), String(port), owner)) return port;
    }
    throw new Error('node port range is full');
  }

  private async releaseIp(ip: string): Promise<void> {
    await this.redis.hdel(this.keys.alloc('service-ips'), ip);
  }

  private async releasePort(port: number): Promise<void> {
    await this.redis.hdel(this.keys.alloc('node-ports'), String(port));
  }
}

function invalid(svc: KubeObject, cause: StatusCause): never {
  throw new InvalidError('', 'Service', svc.metadata.name ?? '', [cause]);
}
