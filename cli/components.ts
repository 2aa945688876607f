/**
 * The component table: every process `kubelab up` starts, one entry each. An entry says how many
 * instances a cluster has and their names, in which tier it starts (tiers start in increasing order,
 * each waiting for the previous one to be ready; `down` stops them in reverse), whether it needs a port,
 * the exact argv, how to tell it is ready, and the address `status` shows. Pure: argv and readiness
 * checks are data; supervisor.ts and readiness.ts act on them.
 *
 * Adding a component is adding one entry, e.g. the kubelets:
 *   { group: 'kubelet', order: 30, instances: (s) => range(s.nodes).map((i) => `kubelet-node-${i}`),
 *     argv: (ctx, name) => nodeArgv(ctx, 'kubelet', [...]), readiness: ... }
 */
import { join } from 'node:path';
import type { ClusterConfig, Profile } from './cluster-config.js';
import type { ClusterPaths } from './cluster-paths.js';
import type { ClusterSecrets } from './credentials.js';

/**
 * How to tell a component is ready: a discriminated union that readiness.ts knows how to probe.
 * 'https' trusts only the cluster's CA (caFile), as kubectl does through the kubeconfig.
 */
export type Readiness =
  | { kind: 'https'; url: string; caFile: string }
  | { kind: 'redis'; host: string; port: number; user: string; pass: string }
  | { kind: 'nats'; servers: string; user: string; pass: string };

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
}

export interface ComponentSpec {
  group: string;
  order: number;
  instances(size: ClusterSize): string[];
  /** Present when the instance listens on a port; the preferred one is taken if free. */
  port?(name: string, where: { defaultDir: boolean }): { preferred?: number };
  argv(ctx: SpecContext, name: string): string[];
  readiness(ctx: SpecContext, name: string): Readiness;
  endpoint(config: ClusterConfig, name: string): string;
}

/** The port kubeadm clusters serve on; the default cluster takes it when free, like a real one. */
export const DEFAULT_APISERVER_PORT = 6443;
export const LOOPBACK = '127.0.0.1';

export interface ApiserverFlags {
  bindAddress: string;
  port: number;
  credentials: string;
  tokenAuthFile: string;
  /** The serving certificate and key (DIR/pki): with both the apiserver serves HTTPS on --port. */
  tlsCertFile: string;
  tlsPrivateKeyFile: string;
  serviceClusterIPRange: string;
  serverId: string;
  profile: Profile;
  logFormat: 'json' | 'pretty';
}

/** The apiserver's command-line flags; compose.yaml's apiserver command uses the same ones. */
export function apiserverArgs(f: ApiserverFlags): string[] {
  return [
    '--bind-address', f.bindAddress,
    '--port', String(f.port),
    '--credentials', f.credentials,
    '--token-auth-file', f.tokenAuthFile,
    '--tls-cert-file', f.tlsCertFile,
    '--tls-private-key-file', f.tlsPrivateKeyFile,
    '--service-cluster-ip-range', f.serviceClusterIPRange,
    '--server-id', f.serverId,
    '--profile', f.profile,
    '--log-format', f.logFormat,
  ];
}

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

export const COMPONENTS: readonly ComponentSpec[] = [redis, nats, apiserver];

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
