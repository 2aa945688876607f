/**
 * `kubelab logs COMPONENT [-f]`: the component's log file as written (JSON lines for node components,
 * each run starting with a `--- kubelab:` marker); -f keeps following it until Ctrl-C.
 */
import { clusterPaths } from '../cluster-paths.js';
import { loadState, requireConfig } from '../cluster-store.js';
import { CliError, UnknownComponentError } from '../errors.js';
import { LogTail } from '../log-tail.js';
import type { CliContext } from '../runtime.js';
import { resolveComponents } from '../state.js';

export interface LogsOptions {
  dir: string;
  follow: boolean;
}

export async function logs(component: string, opts: LogsOptions, cli: CliContext): Promise<number> {
  const paths = clusterPaths(opts.dir);
  requireConfig(paths);
  const state = loadState(paths);
  const records = resolveComponents(state, component);
  if (!records.length) throw new UnknownComponentError(component, state.components.map((c) => c.name));
  if (records.length > 1) throw new CliError(`${component} names ${records.length} components; pick one of ${records.map((r) => r.name).join(', ')}`);
  const tail = new LogTail([{ name: records[0]!.name, path: records[0]!.logFile, offset: 0 }], (_, line) => cli.out(line + '\n'));
  if (!opts.follow) {
    tail.stop(); // one final read, including an unfinished last line
    return 0;
  }
  tail.start();
  await new Promise<void>((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
  tail.stop();
  return 0;
}
