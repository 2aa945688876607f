/**
 * The component table: every process `kubelab up` starts, one entry each. An entry says how many
 * instances a cluster has and their names, in which tier it starts (tiers start in increasing order,
 * each waiting for the previous one to be ready; `down` stops them in reverse), whether it needs a port,
 * whether `up --without` may leave it out, the exact argv, how to tell it is ready, and the address
 * `status` shows. Pure: argv and readiness checks are data; supervisor.ts and readiness.ts act on them.
 *
 *   tier  group       instances                       ready when
 *   0     redis       redis                           PING as the apiserver user answers PONG
 *   0     nats        nats                            the observer user can log in
 *   10    apiserver   apiserver-1..N (--apiservers)   GET /readyz over TLS answers 200
 *   20    scheduler   scheduler-1..N (--schedulers)   it published a heartbeat under its --id
 *   30    kubelet     kubelet-node-1..N (--nodes)     its Node is Ready and it renewed its node Lease
 *
 * The scheduler and the kubelets are optional (`--without scheduler,kubelets`): nothing the launcher
 * starts needs them, and without them pods stay Pending, which is a lesson of its own.
 */
import { join } from 'node:path';
import { nodeAddress, nodePodCIDR, type ClusterConfig } from './cluster-config.js';
import type { ClusterPaths } from './cluster-paths.js';
import { apiserverArgs, kubeletArgs, schedulerArgs } from './component-args.js';
import type { ClusterSecrets } from './credentials.js';
import { params } from '../lib/params.js';
import { subjects } from '../lib/nats/subjects.js';

/**
 * How to tell a component is ready: a discriminated union that readiness.ts knows how to probe.
 * 'https' and 'node-ready' trust only the cluster's CA (caFile), as kubectl does through the kubeconfig.
 */
export type Readiness =
  | { kind: 'https'; url: string; caFile: string }
  | { kind: 'redis'; host: string; port: number; user: string; pass: string }
  | { kind: 'nats'; servers: string; user: string; pass: string }
  /** A heartbeat with `id` on `subject`, waited for up to `timeoutMs` (a little over one period). */
  | { kind: 'heartbeat'; servers: string; user: string; pass: string; subject: string; id: string; timeoutMs: number }
  /**
   * GET the Node and its kube-node-lease Lease as the admin: Ready must be True and the Lease renewed
   * at or after `since` (when this process was started), so that a Node still Ready from a kubelet
   * that was just killed does not pass for the new one.
   */
  | { kind: 'node-ready'; server: string; caFile: string; token: string; node: string; since: string };

/** Where the programs are: resolved once by main.ts from the machine. */
export interface Runtime {
  node: string;
  repoRoot: string;
  redisServer: string;
  natsServer: string;
}

export interface SpecContext {
  config: ClusterConfig;
  paths: ClusterPaths;
  secrets: ClusterSecrets;
  runtime: Runtime;
}

export interface ClusterSize {
  nodes: number;
  apiservers: number;
  schedulers: number;
}

/** What readiness may need to know about the process just started. */
export interface StartedProcess {
  /** ISO time at which the launcher started it. */
  startedAt: string;
}

export interface ComponentSpec {
  group: string;
  order: number;
  /** True when `up --without` may leave it out: no other component the launcher starts needs it. */
  optional?: boolean;
  instances(size: ClusterSize): string[];
  /** Present when the instance listens on a port; the preferred one is taken if free. */
  port?(name: string, where: { defaultDir: boolean }): { preferred?: number };
  argv(ctx: SpecContext, name: string): string[];
  readiness(ctx: SpecContext, name: string, started: StartedProcess): Readiness;
  /** What `status` shows in its ENDPOINT column; absent for a component that serves nothing. */
  endpoint?(config: ClusterConfig, name: string): string;
}

/** The port kubeadm clusters serve on; the default cluster takes it when free, like a real one. */
export const DEFAULT_APISERVER_PORT = 6443;
export const LOOPBACK = '127.0.0.1';

/** `node <repo>/dist/<group>/main.js`, unless the cluster was started against another build. */
export function nodeEntry(ctx: SpecContext, group: string): string[] {
  return [ctx.runtime.node, ctx.config.entries[group] ?? join(ctx.runtime.repoRoot, 'dist', group, 'main.js')];
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

function port(config: ClusterConfig, name: string): number {
  const p = config.ports[name];
  if (p === undefined) throw new Error(`no port assigned to ${name}`);
  return p;
}

const redis: ComponentSpec = {
  group: 'redis',
  order: 0,
  instances: () => ['redis'],
  port: () => ({}),
  argv: (ctx) => [ctx.runtime.redisServer, ctx.paths.redisConf],
  // Probing as the apiserver also proves the ACL file took effect.
  readiness: (ctx) => ({ kind: 'redis', host: LOOPBACK, port: port(ctx.config, 'redis'), user: 'apiserver', pass: ctx.secrets.redis.apiserver }),
  endpoint: (config) => `redis://${LOOPBACK}:${port(config, 'redis')}`,
};

const nats: ComponentSpec = {
  group: 'nats',
  order: 0,
  instances: () => ['nats'],
  port: () => ({}),
  argv: (ctx) => [ctx.runtime.natsServer, '-c', ctx.paths.natsConf],
  readiness: (ctx) => ({ kind: 'nats', servers: `${LOOPBACK}:${port(ctx.config, 'nats')}`, user: 'observer', pass: ctx.secrets.nats.observer }),
  endpoint: (config) => `nats://${LOOPBACK}:${port(config, 'nats')}`,
};

const apiserver: ComponentSpec = {
  group: 'apiserver',
  order: 10,
  instances: (s) => range(s.apiservers).map((i) => `apiserver-${i}`),
  port: (name, where) => (name === 'apiserver-1' && where.defaultDir ? { preferred: DEFAULT_APISERVER_PORT } : {}),
  argv: (ctx, name) => [
    ...nodeEntry(ctx, 'apiserver'),
    ...apiserverArgs({
      bindAddress: LOOPBACK,
      port: port(ctx.config, name),
      credentials: ctx.paths.credentials('apiserver'),
      tokenAuthFile: ctx.paths.tokens,
      tlsCertFile: ctx.paths.apiserverCert,
      tlsPrivateKeyFile: ctx.paths.apiserverKey,
      serviceClusterIPRange: ctx.config.serviceClusterIPRange,
      serverId: name,
      profile: ctx.config.profile,
      logFormat: 'json',
    }),
  ],
  readiness: (ctx, name) => ({ kind: 'https', url: `https://${LOOPBACK}:${port(ctx.config, name)}/readyz`, caFile: ctx.paths.caCert }),
  endpoint: (config, name) => `https://${LOOPBACK}:${port(config, name)}`,
};

/**
 * kube-scheduler replicas. Each has its own --id, so its heartbeats (and the Lease, once it leads) say
 * which replica it is; readiness waits for that replica's own heartbeat, which it publishes as soon as
 * it is connected, not for the Lease, which only the leader holds.
 */
const scheduler: ComponentSpec = {
  group: 'scheduler',
  order: 20,
  optional: true,
  instances: (s) => range(s.schedulers).map((i) => `scheduler-${i}`),
  argv: (ctx, name) => [
    ...nodeEntry(ctx, 'scheduler'),
    ...schedulerArgs({ credentials: ctx.paths.credentials('scheduler'), id: name, profile: ctx.config.profile, logFormat: 'json' }),
  ],
  readiness: (ctx, name) => ({
    kind: 'heartbeat',
    servers: `${LOOPBACK}:${port(ctx.config, 'nats')}`,
    user: 'observer',
    pass: ctx.secrets.nats.observer,
    subject: subjects().observe('heartbeat', 'scheduler'),
    id: name,
    // The first heartbeat comes at once; one more period covers a probe that subscribed just after it.
    timeoutMs: params(ctx.config.profile).schedulerHeartbeatMs + 1_000,
  }),
};

/** `kubelet-node-3` runs node 3. */
export function kubeletNode(name: string): { nodeName: string; index: number } {
  const m = /^kubelet-(node-(\d+))$/.exec(name);
  if (!m) throw new Error(`not a kubelet instance name: ${name}`);
  return { nodeName: m[1]!, index: Number(m[2]) };
}

/** One kubelet per node: its own node address, pod /24 and root directory under DIR/nodes. */
const kubelet: ComponentSpec = {
  group: 'kubelet',
  order: 30,
  optional: true,
  instances: (s) => range(s.nodes).map((i) => `kubelet-node-${i}`),
  argv: (ctx, name) => {
    const { nodeName, index } = kubeletNode(name);
    return [
      ...nodeEntry(ctx, 'kubelet'),
      ...kubeletArgs({
        nodeName,
        credentials: ctx.paths.credentials('kubelet'),
        nodeIP: nodeAddress(ctx.config.nodeAddressRange, index),
        podCIDR: nodePodCIDR(ctx.config.podCIDR, index),
        rootDir: ctx.paths.nodeRoot(nodeName),
        profile: ctx.config.profile,
        logFormat: 'json',
      }),
    ];
  },
  readiness: (ctx, name, started) => ({
    kind: 'node-ready',
    server: `https://${LOOPBACK}:${port(ctx.config, 'apiserver-1')}`,
    caFile: ctx.paths.caCert,
    token: ctx.secrets.adminToken,
    node: kubeletNode(name).nodeName,
    since: started.startedAt,
  }),
  endpoint: (config, name) => {
    const { index } = kubeletNode(name);
    return `${nodeAddress(config.nodeAddressRange, index)} pods ${nodePodCIDR(config.podCIDR, index)}`;
  },
};

export const COMPONENTS: readonly ComponentSpec[] = [redis, nats, apiserver, scheduler, kubelet];

export interface PlannedComponent {
  name: string;
  spec: ComponentSpec;
}

/** Every instance of every component for a cluster size, in start order. */
export function plannedComponents(size: ClusterSize, specs: readonly ComponentSpec[] = COMPONENTS): PlannedComponent[] {
  return [...specs]
    .sort((a, b) => a.order - b.order)
    .flatMap((spec) => spec.instances(size).map((name) => ({ name, spec })));
}

export interface PortRequest {
  name: string;
  preferred?: number;
}

/** Which instances need a port, and which port each would like. */
export function portRequests(size: ClusterSize, where: { defaultDir: boolean }, specs: readonly ComponentSpec[] = COMPONENTS): PortRequest[] {
  return plannedComponents(size, specs).flatMap(({ name, spec }) => (spec.port ? [{ name, ...spec.port(name, where) }] : []));
}
