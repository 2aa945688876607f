/**
 * `kubelab status`: each component with its state and PID, then each container the kubelets started
 * (the real processes behind the pods, one shim each), as two tables or (`-o json`) for scripts.
 */
import { apiserverURL } from '../cluster-config.js';
import { clusterPaths } from '../cluster-paths.js';
import { loadState, requireConfig } from '../cluster-store.js';
import { containerRows, readNodeContainers, renderContainerTable } from '../containers.js';
import { CliError } from '../errors.js';
import { readProcStat } from '../procfs.js';
import type { CliContext } from '../runtime.js';
import { renderStatusTable, statusRows, type StatusReport } from '../status-view.js';

export interface StatusOptions {
  dir: string;
  output?: string;
}

export function status(opts: StatusOptions, cli: CliContext): number {
  if (opts.output !== undefined && opts.output !== 'json' && opts.output !== 'table') {
    throw new CliError(`unknown output format ${JSON.stringify(opts.output)} (use json or table)`);
  }
  const paths = clusterPaths(opts.dir);
  const config = requireConfig(paths);
  const rows = statusRows(loadState(paths), readProcStat, Date.now());
  const containers = containerRows(readNodeContainers(paths), readProcStat);
  if (opts.output === 'json') {
    const report: StatusReport = { cluster: config.name, dir: paths.dir, server: apiserverURL(config), components: rows, containers };
    cli.out(JSON.stringify(report, null, 2) + '\n');
  } else {
    cli.out(renderStatusTable(rows));
    // A second table only when there is something in it: a cluster without pods stays one table.
    if (containers.length) cli.out('\n' + renderContainerTable(containers));
  }
  return 0;
}
