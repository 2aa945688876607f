/**
 * Failure injection and repair, one component (or every instance of a group) at a time:
 *   kill    SIGKILL: a crash; status shows it `exited`
 *   stop    SIGTERM, then SIGKILL after the grace period: an orderly stop; status shows `stopped`
 *   start   run the recorded argv again and wait until it is ready
 *   pause   SIGSTOP: the process hangs without dying (a frozen node, a stuck leader)
 *   resume  SIGCONT
 * Every signal goes only to the recorded PID with the recorded start time (supervisor.ts).
 */
import { clusterPaths } from '../cluster-paths.js';
import { markDesired, specContext, startComponent, stopRecords } from '../cluster-ops.js';
import { loadState, requireConfig } from '../cluster-store.js';
import { CliError, UnknownComponentError } from '../errors.js';
import type { CliContext } from '../runtime.js';
import { resolveComponents, type ComponentRecord } from '../state.js';
import { isRunning, signalComponent, waitExit } from '../supervisor.js';

export type LifecycleVerb = 'kill' | 'stop' | 'start' | 'pause' | 'resume';

export interface LifecycleOptions {
  dir: string;
  timeoutSeconds: number;
}

export async function lifecycle(verb: LifecycleVerb, component: string, opts: LifecycleOptions, cli: CliContext): Promise<number> {
  const paths = clusterPaths(opts.dir);
  const config = requireConfig(paths);
  const state = loadState(paths);
  const records = resolveComponents(state, component);
  if (!records.length) {
    const known = [...new Set(state.components.flatMap((c) => [c.group, c.name]))];
    throw new UnknownComponentError(component, known);
  }
  if (verb === 'start') {
    const stopped = records.filter((r) => !isRunning(r));
    if (!stopped.length) throw new CliError(`${component} is already running`);
    const sctx = specContext(paths, config, cli);
    for (const r of stopped) {
      await startComponent(sctx, r, cli, { timeoutMs: opts.timeoutSeconds * 1000 });
      cli.out(`started ${r.name}\n`);
    }
    return 0;
  }
  const running = records.filter(isRunning);
  if (!running.length) throw new CliError(`${component} is not running`);
  await signalVerb(verb, running, paths, opts, cli);
  return 0;
}

async function signalVerb(verb: Exclude<LifecycleVerb, 'start'>, running: ComponentRecord[], paths: ReturnType<typeof clusterPaths>, opts: LifecycleOptions, cli: CliContext): Promise<void> {
  switch (verb) {
    case 'kill': {
      for (const r of running) signalComponent(r, 'SIGKILL');
      const left = await waitExit(running, 5_000);
      if (left.length) throw new CliError(`still running after SIGKILL: ${left.map((r) => r.name).join(', ')}`);
      for (const r of running) cli.out(`killed ${r.name} (pid ${r.pid})\n`);
      return;
    }
    case 'stop': {
      const left = await stopRecords(paths, running, {
        graceMs: opts.timeoutSeconds * 1000,
        onStopped: (r, killed) => cli.out(`${killed ? 'killed' : 'stopped'} ${r.name} (pid ${r.pid})\n`),
      });
      markDesired(paths, running, 'stopped');
      if (left.length) throw new CliError(`processes still running after stop: ${left.join(', ')}`);
      return;
    }
    case 'pause':
    case 'resume':
      for (const r of running) {
        signalComponent(r, verb === 'pause' ? 'SIGSTOP' : 'SIGCONT');
        cli.out(`${verb === 'pause' ? 'paused' : 'resumed'} ${r.name} (pid ${r.pid})\n`);
      }
      return;
  }
}
