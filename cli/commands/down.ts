/**
 * `kubelab down`: stop every component in reverse start order (SIGTERM, SIGKILL after the grace period),
 * then check by PID and start time that nothing it started still runs. Data stays unless --purge, which
 * also removes the directory, gives back the address range and takes the context out of the user's
 * kubeconfig (as `kind delete cluster` does).
 */
import { rmSync } from 'node:fs';
import { apiserverURL } from '../cluster-config.js';
import { clusterPaths } from '../cluster-paths.js';
import { stopRecords } from '../cluster-ops.js';
import { loadState, requireConfig } from '../cluster-store.js';
import { CliError } from '../errors.js';
import { removeFromUserKubeconfig } from '../kubeconfig-file.js';
import { RangeRegistry } from '../range-index.js';
import type { CliContext } from '../runtime.js';

export interface DownOptions {
  dir: string;
  purge: boolean;
  timeoutSeconds: number;
}

export async function down(opts: DownOptions, cli: CliContext): Promise<number> {
  const paths = clusterPaths(opts.dir);
  const config = requireConfig(paths);
  const records = loadState(paths).components;
  const left = await stopRecords(paths, records, {
    graceMs: opts.timeoutSeconds * 1000,
    onStopped: (r, killed) => cli.out(`${killed ? 'killed' : 'stopped'} ${r.name} (pid ${r.pid})\n`),
  });
  if (left.length) throw new CliError(`processes of the cluster still run after SIGKILL: ${left.join(', ')}`);
  if (!opts.purge) {
    cli.out(`Cluster "${config.name}" is down; its data stays in ${paths.dir} (kubelab up --dir ${paths.dir} starts it again).\n`);
    return 0;
  }
  if (config.mergedKubeconfig) removeFromUserKubeconfig(config.mergedKubeconfig, config.name, apiserverURL(config));
  await new RangeRegistry(cli.rangeRegistry).release(paths.dir, config.rangeIndex);
  rmSync(paths.dir, { recursive: true, force: true });
  cli.out(`Cluster "${config.name}" is down and ${paths.dir} was removed.\n`);
  return 0;
}
