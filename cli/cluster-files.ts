/**
 * The generated files of a cluster directory, rendered from the secrets and the endpoints: credentials
 * per component, tokens.csv, nats.conf, redis.conf plus its ACL, and the kubeconfig. Used by `up` (local
 * processes on 127.0.0.1) and by `init-config` (compose: redis and nats in their own containers).
 * The certificates under DIR/pki are not among them: pki-files.ts keeps those (they are reused, not
 * rewritten). Pure: returns file contents; cluster-store.ts writes them.
 */
import { stringify } from 'yaml';
import type { ClusterPaths } from './cluster-paths.js';
import { componentCredentials, NATS_USERS, natsConf, redisAcl, redisConf, tokensCsv, type ClusterSecrets } from './credentials.js';
import { clusterKubeconfig } from './kubeconfig.js';

export interface ListenerSpec {
  /** Address the server binds (127.0.0.1 locally, 0.0.0.0 in a container). */
  bind: string;
  port: number;
  /** Host name clients dial (127.0.0.1 locally, the compose service name in compose). */
  host: string;
}

export interface ClusterFilesInput {
  paths: ClusterPaths;
  clusterName: string;
  secrets: ClusterSecrets;
  /** The apiserver URL written into the kubeconfig (https://...). */
  server: string;
  /** The cluster CA (PEM) the kubeconfig trusts; pki-files.ts makes it. */
  caCert: string;
  redis: ListenerSpec & { dataDir: string };
  nats: ListenerSpec & { monitorPort?: number };
  /** 0o600 normally; compose needs 0o644 because redis reads its ACL as another uid. */
  fileMode: number;
}

export interface ClusterFile {
  path: string;
  content: string;
  mode: number;
}

export function clusterUrls(input: Pick<ClusterFilesInput, 'redis' | 'nats'>): { redis: string; nats: string } {
  return {
    redis: `redis://${input.redis.host}:${input.redis.port}`,
    nats: `nats://${input.nats.host}:${input.nats.port}`,
  };
}

export function renderClusterFiles(input: ClusterFilesInput): ClusterFile[] {
  const { paths, secrets, fileMode: mode } = input;
  const urls = clusterUrls(input);
  const json = (v: unknown) => JSON.stringify(v, null, 2) + '\n';
  const monitor = input.nats.monitorPort === undefined ? undefined : `${input.nats.bind}:${input.nats.monitorPort}`;
  return [
    { path: paths.secrets, content: json(secrets), mode },
    ...NATS_USERS.map((u) => ({ path: paths.credentials(u), content: json(componentCredentials(u, secrets, urls)), mode })),
    { path: paths.tokens, content: tokensCsv(secrets), mode },
    { path: paths.natsConf, content: natsConf({ listen: `${input.nats.bind}:${input.nats.port}`, secrets, ...(monitor ? { monitor } : {}) }), mode },
    {
      path: paths.redisConf,
      content: redisConf({ bind: input.redis.bind, port: input.redis.port, dataDir: input.redis.dataDir, aclFile: paths.redisAcl }),
      mode,
    },
    { path: paths.redisAcl, content: redisAcl(secrets), mode },
    { path: paths.kubeconfig, content: stringify(clusterKubeconfig(input.clusterName, input.server, secrets.adminToken, input.caCert)), mode },
  ];
}
