/**
 * What the benchmark reads from a running cluster's directory (layout: cli/cluster-paths.ts): the NATS
 * credentials of a component, the Redis default user's password (operator-only, in secrets.json), the
 * apiserver's serving certificate, and the PIDs of the processes whose CPU time it reports.
 *
 * The bench process and the floor server (a separate process) both read these files; neither gets a
 * password on its command line, where `ps` would show it.
 */
import { readFileSync } from 'node:fs';
import { clusterPaths } from '../../cli/cluster-paths.js';
import type { ClusterSecrets, ComponentCredentials } from '../../cli/credentials.js';
import type { ClusterState } from '../../cli/state.js';
import { parseCredentials, type NatsCredentials } from '../../lib/nats/connection.js';

export interface RedisAccess {
  url: string;
  /** The default user's password (cli/credentials.ts `redisAdmin`). */
  password: string;
}

export function natsCredentials(dir: string, component: string): NatsCredentials {
  const path = clusterPaths(dir).credentials(component);
  return parseCredentials(readFileSync(path, 'utf8'), path);
}

/** The same Redis instance the apiserver uses, as its default (admin) user. */
export function redisAccess(dir: string): RedisAccess {
  const paths = clusterPaths(dir);
  const secrets = JSON.parse(readFileSync(paths.secrets, 'utf8')) as ClusterSecrets;
  const apiserver = JSON.parse(readFileSync(paths.credentials('apiserver'), 'utf8')) as ComponentCredentials;
  if (!apiserver.redis) throw new Error(`${paths.credentials('apiserver')} names no Redis`);
  return { url: apiserver.redis.url, password: secrets.redisAdmin };
}

export function servingCertificate(dir: string): { cert: string; key: string; ca: string } {
  const paths = clusterPaths(dir);
  const read = (p: string) => readFileSync(p, 'utf8');
  return { cert: read(paths.apiserverCert), key: read(paths.apiserverKey), ca: read(paths.caCert) };
}

/** PIDs of the cluster's processes by component name ("apiserver-1", "redis", "nats"). */
export function componentPids(dir: string): Record<string, number> {
  const state = JSON.parse(readFileSync(clusterPaths(dir).state, 'utf8')) as ClusterState;
  const out: Record<string, number> = {};
  for (const c of state.components) if (c.pid !== undefined) out[c.name] = c.pid;
  return out;
}
