/**
 * The cluster config: everything `kubelab up` decides once for a cluster directory and later commands
 * read back from DIR/cluster.json (name, profile, sizes, ports, address ranges). Pure: no I/O.
 *
 * Address ranges (local mode, design.md §2). Any 127.x.y.z is bindable on Linux, so each cluster gets
 * its own /16s out of 127.0.0.0/8, chosen by a per-machine range index i (see range-index.ts):
 *
 *   i   services          pods              node addresses
 *   0   127.96.0.0/16     127.244.0.0/16    127.32.0.0/24   (the default dir ~/.kubelab)
 *   1   127.97.0.0/16     127.243.0.0/16    127.33.0.0/24
 *   63  127.159.0.0/16    127.181.0.0/16    127.95.0.0/24
 *
 * Services count up from 96 and pods count down from 244, so the two never meet (159 < 181); node
 * addresses count up from 32 and end just below the services (95 < 96). None touches 127.0.0.0/16,
 * where 127.0.0.1, the component ports and the resolvers' 127.0.0.53 live. Node k (1-based) has the
 * address 127.<nodes>.0.k (its InternalIP, where NodePorts open) and the pod /24 127.<pods>.<k>.0/24.
 */

export type Profile = 'fast' | 'default';
export const PROFILES: readonly Profile[] = ['fast', 'default'];

/** How many range indexes exist; index 0 is reserved for the default dir. */
export const RANGE_INDEX_COUNT = 64;
export const MAX_NODES = 254;
export const MAX_APISERVERS = 9;
export const MAX_SCHEDULERS = 9;

export interface ClusterConfig {
  /** Names the kubeconfig cluster, context and user, and prefixes NATS subjects. */
  name: string;
  dir: string;
  /** True for ~/.kubelab: it prefers port 6443 and range index 0. */
  defaultDir: boolean;
  profile: Profile;
  nodes: number;
  apiservers: number;
  /** kube-scheduler replicas; more than one campaign for the kube-system/kube-scheduler Lease. */
  schedulers: number;
  rangeIndex: number;
  serviceClusterIPRange: string;
  podCIDR: string;
  /** The /24 the nodes' own addresses come from (node k is .k). */
  nodeAddressRange: string;
  /** Port per component name that listens ('redis', 'nats', 'apiserver-1', ...), all on 127.0.0.1. */
  ports: Record<string, number>;
  /**
   * Entry script per component group, overriding `<repo>/dist/<group>/main.js`: only for running a
   * cluster against a different build (a hidden flag of `up`); empty in normal use.
   */
  entries: Record<string, string>;
  /** The user kubeconfig this cluster's context was merged into, so `down --purge` can take it out. */
  mergedKubeconfig?: string;
}

export interface ClusterRanges {
  serviceClusterIPRange: string;
  podCIDR: string;
  nodeAddressRange: string;
}

export function clusterRanges(index: number): ClusterRanges {
  if (!Number.isInteger(index) || index < 0 || index >= RANGE_INDEX_COUNT) {
    throw new RangeError(`range index must be an integer in [0, ${RANGE_INDEX_COUNT}), got ${index}`);
  }
  return {
    serviceClusterIPRange: `127.${96 + index}.0.0/16`,
    podCIDR: `127.${244 - index}.0.0/16`,
    nodeAddressRange: `127.${32 + index}.0.0/24`,
  };
}

/** The address of node k (1-based) in a cluster's node range such as 127.32.0.0/24: 127.32.0.k. */
export function nodeAddress(nodeAddressRange: string, node: number): string {
  const m = /^127\.(\d+)\.0\.0\/24$/.exec(nodeAddressRange);
  if (!m) throw new RangeError(`node address range must be a 127.x.0.0/24 range, got ${nodeAddressRange}`);
  checkNode(node);
  return `127.${m[1]}.0.${node}`;
}

/** The pod /24 of node k (1-based) inside a cluster pod /16 such as 127.244.0.0/16. */
export function nodePodCIDR(podCIDR: string, node: number): string {
  const m = /^127\.(\d+)\.0\.0\/16$/.exec(podCIDR);
  if (!m) throw new RangeError(`pod CIDR must be a 127.x.0.0/16 range, got ${podCIDR}`);
  checkNode(node);
  return `127.${m[1]}.${node}.0/24`;
}

function checkNode(node: number): void {
  if (!Number.isInteger(node) || node < 1 || node > MAX_NODES) {
    throw new RangeError(`node number must be in [1, ${MAX_NODES}], got ${node}`);
  }
}

export interface ClusterConfigInput {
  name: string;
  dir: string;
  defaultDir: boolean;
  profile: Profile;
  nodes: number;
  apiservers: number;
  schedulers: number;
  rangeIndex: number;
  ports: Record<string, number>;
  entries?: Record<string, string>;
  mergedKubeconfig?: string;
}

export function newClusterConfig(input: ClusterConfigInput): ClusterConfig {
  checkCount('nodes', input.nodes, 0, MAX_NODES);
  checkCount('apiservers', input.apiservers, 1, MAX_APISERVERS);
  checkCount('schedulers', input.schedulers, 1, MAX_SCHEDULERS);
  if (!PROFILES.includes(input.profile)) throw new RangeError(`profile must be one of ${PROFILES.join(', ')}, got ${input.profile}`);
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(input.name)) {
    // The name becomes a NATS subject token and a kubeconfig name: keep it a DNS label.
    throw new RangeError(`cluster name must be a DNS label (lowercase letters, digits, '-'), got ${JSON.stringify(input.name)}`);
  }
  const config: ClusterConfig = {
    name: input.name,
    dir: input.dir,
    defaultDir: input.defaultDir,
    profile: input.profile,
    nodes: input.nodes,
    apiservers: input.apiservers,
    schedulers: input.schedulers,
    rangeIndex: input.rangeIndex,
    ...clusterRanges(input.rangeIndex),
    ports: { ...input.ports },
    entries: { ...(input.entries ?? {}) },
  };
  if (input.mergedKubeconfig !== undefined) config.mergedKubeconfig = input.mergedKubeconfig;
  return config;
}

function checkCount(what: string, n: number, min: number, max: number): void {
  if (!Number.isInteger(n) || n < min || n > max) throw new RangeError(`${what} must be an integer in [${min}, ${max}], got ${n}`);
}

/** Reads back a parsed cluster.json, rejecting files that are not one (a wrong --dir, a hand edit). */
export function parseClusterConfig(raw: unknown): ClusterConfig {
  const r = raw as Partial<ClusterConfig> | null;
  if (!r || typeof r !== 'object' || typeof r.dir !== 'string' || typeof r.ports !== 'object' || r.ports === null) {
    throw new TypeError('not a kubelab cluster.json');
  }
  return newClusterConfig({
    name: String(r.name),
    dir: r.dir,
    defaultDir: r.defaultDir === true,
    profile: r.profile as Profile,
    nodes: Number(r.nodes),
    apiservers: Number(r.apiservers),
    // cluster.json written before schedulers were started by `up` has none: one, the default.
    schedulers: r.schedulers === undefined ? 1 : Number(r.schedulers),
    rangeIndex: Number(r.rangeIndex),
    ports: r.ports,
    entries: r.entries ?? {},
    ...(r.mergedKubeconfig !== undefined ? { mergedKubeconfig: r.mergedKubeconfig } : {}),
  });
}

/** The URL kubectl uses: the first apiserver, over HTTPS (kubectl sends its token only over TLS). */
export function apiserverURL(config: ClusterConfig): string {
  return `https://127.0.0.1:${config.ports['apiserver-1']}`;
}
