/**
 * `kubelab init-config --dir /config`: generate a cluster's credentials and server configs without
 * starting anything, for compose (compose.yaml runs it as a one-shot service into a shared volume; redis,
 * nats and the apiserver then read their part). Existing secrets are kept, so re-running the service on
 * every `docker compose up` never locks out data written with the old passwords.
 */
import { randomBytes } from 'node:crypto';
import { clusterPaths } from '../cluster-paths.js';
import { renderClusterFiles } from '../cluster-files.js';
import { loadSecrets, writeClusterFiles } from '../cluster-store.js';
import { completeSecrets } from '../credentials.js';
import type { CliContext } from '../runtime.js';

export interface InitConfigOptions {
  dir: string;
  name: string;
  redisHost: string;
  redisPort: number;
  redisDataDir: string;
  natsHost: string;
  natsPort: number;
  natsMonitorPort: number;
  bind: string;
  server: string;
  /** Needed in compose: redis reads its ACL file as uid 999, the apiserver as node (1000). */
  worldReadable: boolean;
}

export function initConfig(opts: InitConfigOptions, cli: CliContext): number {
  const paths = clusterPaths(opts.dir);
  const secrets = completeSecrets(loadSecrets(paths), (n) => randomBytes(n).toString('hex'));
  const files = renderClusterFiles({
    paths,
    clusterName: opts.name,
    secrets,
    server: opts.server,
    redis: { bind: opts.bind, host: opts.redisHost, port: opts.redisPort, dataDir: opts.redisDataDir },
    nats: { bind: opts.bind, host: opts.natsHost, port: opts.natsPort, monitorPort: opts.natsMonitorPort },
    fileMode: opts.worldReadable ? 0o644 : 0o600,
  });
  writeClusterFiles(files, opts.worldReadable ? 0o755 : 0o700);
  for (const f of files) cli.out(`wrote ${f.path}\n`);
  return 0;
}
