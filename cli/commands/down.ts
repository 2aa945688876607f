/**
 * `kubelab down`: stop every component in reverse start order (SIGTERM, SIGKILL after the grace period),
 * then the containers the kubelets leave running when they stop (as a real kubelet does), then check by
 * PID and start time that nothing it started still runs. Data stays unless --purge, which
 * also removes the directory, gives back the address range and takes the context out of the user's
 * kubeconfig (as `kind delete cluster` does).
 */
import { rmSync } from 'node:fs';
import { apiserverURL } from '../cluster-config.js';
import { clusterPaths } from '../cluster-paths.js';
import { stopCluster } from '../cluster-ops.js';
import type { ContainerStopResult } from '../container-stop.js';
import { requireConfig } from '../cluster-store.js';
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
  const left = await stopCluster(paths, {
    graceMs: opts.timeoutSeconds * 1000,
    onStopped: (r, killed) => cli.out(`${killed ? 'killed' : 'stopped'} ${r.name} (pid ${r.pid})\n`),
    onContainersStopped: (result) => reportContainers(result, cli),
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

/** One line per node: how many containers were stopped, and their shims' PIDs. */
function reportContainers(result: ContainerStopResult, cli: CliContext): void {
  const nodes = [...new Set(result.stopped.map((c) => c.node))].sort();
  for (const node of nodes) {
    const on = result.stopped.filter((c) => c.node === node);
    const killed = on.filter((c) => result.killed.includes(c)).length;
    const n = `${on.length} container${on.length === 1 ? '' : 's'}`;
    cli.out(`stopped ${n} on ${node}${killed ? ` (${killed} killed after the grace period)` : ''} (pids ${on.map((c) => c.pid).join(', ')})\n`);
  }
}
