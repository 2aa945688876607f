/**
 * `kubelab init-config --dir /config`: generate a cluster's credentials, PKI and server configs without
 * starting anything, for compose (compose.yaml runs it as a one-shot service into a shared volume; redis,
 * nats and the apiserver then read their part). Existing secrets are kept, so re-running the service on
 * every `docker compose up` never locks out data written with the old passwords; so is the CA, so a
 * kubeconfig copied out of the volume keeps trusting the apiserver.
 *
 * The apiserver's container address is not known here (compose assigns it), so its serving certificate
 * names the service name `apiserver`, 127.0.0.1 (the published port), the kubernetes Service's ClusterIP
 * and whatever --apiserver-cert-extra-sans adds.
 */
import { randomBytes } from 'node:crypto';
import { clusterPaths } from '../cluster-paths.js';
import { renderClusterFiles } from '../cluster-files.js';
import { loadSecrets, writeClusterFiles } from '../cluster-store.js';
import { completeSecrets } from '../credentials.js';
import { CliError } from '../errors.js';
import { ensurePki } from '../pki-files.js';
import { apiserverSANs } from '../pki.js';
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
  /** The apiserver's --service-cluster-ip-range: its first IP goes into the serving certificate. */
  serviceClusterIpRange: string;
  /** More DNS names or IPs for the serving certificate (kubeadm's flag of the same name). */
  apiserverCertExtraSans: string[];
  /** Needed in compose: redis reads its ACL file as uid 999, the apiserver as node (1000). */
  worldReadable: boolean;
}

export async function initConfig(opts: InitConfigOptions, cli: CliContext): Promise<number> {
  const paths = clusterPaths(opts.dir);
  const secrets = completeSecrets(loadSecrets(paths), (n) => randomBytes(n).toString('hex'));
  const dirMode = opts.worldReadable ? 0o755 : 0o700;
  let sans;
  try {
    sans = apiserverSANs({ addresses: [], serviceClusterIPRange: opts.serviceClusterIpRange, extra: opts.apiserverCertExtraSans });
  } catch (err) {
    if (err instanceof RangeError) throw new CliError(err.message);
    throw err;
  }
  const pki = await ensurePki(paths, { sans, keyMode: opts.worldReadable ? 0o644 : 0o600, dirMode });
  for (const f of pki.issued) cli.out(`wrote ${f.path}${f.reason === 'new' ? '' : ` (${f.reason})`}\n`);
  const files = renderClusterFiles({
    paths,
    clusterName: opts.name,
    secrets,
    server: opts.server,
    caCert: pki.caCert,
    redis: { bind: opts.bind, host: opts.redisHost, port: opts.redisPort, dataDir: opts.redisDataDir },
    nats: { bind: opts.bind, host: opts.natsHost, port: opts.natsPort, monitorPort: opts.natsMonitorPort },
    fileMode: opts.worldReadable ? 0o644 : 0o600,
  });
  writeClusterFiles(files, dirMode);
  for (const f of files) cli.out(`wrote ${f.path}\n`);
  return 0;
}
