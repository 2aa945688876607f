/**
 * Operations on a cluster's components shared by several commands: start one component and wait until
 * it is ready, stop a set of components tier by tier, stop the whole cluster (the containers the
 * kubelets leave running included), read the end of a log. Each keeps state.json in step with what it
 * did, so `status` run at any moment tells the truth.
 */
import { readFileSync } from 'node:fs';
import type { ClusterConfig } from './cluster-config.js';
import type { ClusterPaths } from './cluster-paths.js';
import { loadSecrets, loadState, updateState } from './cluster-store.js';
import { COMPONENTS, type ComponentSpec, type SpecContext } from './components.js';
import { completeSecrets } from './credentials.js';
import { stopContainers, type ContainerStopResult } from './container-stop.js';
import { readNodeContainers } from './containers.js';
import { CliError, NotReadyError } from './errors.js';
import { waitReady } from './readiness.js';
import type { CliContext } from './runtime.js';
import { isRunning, leftovers, spawnComponent, stopComponents } from './supervisor.js';
import { tiers, withRecord, type ComponentRecord } from './state.js';

export function specContext(paths: ClusterPaths, config: ClusterConfig, cli: CliContext): SpecContext {
  const secrets = loadSecrets(paths);
  if (!secrets) throw new CliError(`${paths.secrets} is missing: run kubelab up --dir ${paths.dir} again`);
  // completeSecrets with a throwing source only checks that nothing is missing.
  const complete = completeSecrets(secrets, () => {
    throw new CliError(`${paths.secrets} is incomplete: run kubelab up --dir ${paths.dir} again`);
  });
  return { config, paths, secrets: complete, runtime: cli.runtime };
}

export function specFor(group: string): ComponentSpec {
  const spec = COMPONENTS.find((s) => s.group === group);
  if (!spec) throw new CliError(`component group ${group} is not in this version of kubelab`);
  return spec;
}

export interface StartOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * Runs the record's argv again and waits for readiness. Throws NotReadyError (with the log's last
 * lines) if it does not become ready; the process is then left as it is for the caller to stop.
 */
export async function startComponent(sctx: SpecContext, record: ComponentRecord, cli: CliContext, opts: StartOptions): Promise<ComponentRecord> {
  let started: ComponentRecord;
  try {
    started = await spawnComponent(record, { cwd: sctx.paths.dir, env: cli.env });
  } catch (err) {
    const hint = /ENOENT/.test((err as Error).message) ? ' (is it installed? scripts/setup.sh installs redis-server and nats-server)' : '';
    throw new NotReadyError(record.name, (err as Error).message + hint);
  }
  updateState(sctx.paths, (s) => withRecord(s, started));
  const check = specFor(record.group).readiness(sctx, record.name, { startedAt: started.startedAt! });
  const result = await waitReady(check, { timeoutMs: opts.timeoutMs, alive: () => isRunning(started), ...(opts.signal ? { signal: opts.signal } : {}) });
  if (!result.ready) throw new NotReadyError(record.name, result.reason, logTail(record.logFile, 15));
  return started;
}

export interface StopOptions {
  graceMs: number;
  onStopped?: (record: ComponentRecord, killed: boolean) => void;
}

/**
 * Stops the named records in reverse start order, one tier at a time (the apiservers before the Redis
 * and NATS they write to), marks them stopped, and returns the PIDs of any process of theirs still
 * alive afterwards. PIDs come from state.json as it is now, not from the caller's (possibly older) copy.
 */
export async function stopRecords(paths: ClusterPaths, records: ComponentRecord[], opts: StopOptions): Promise<number[]> {
  const names = new Set(records.map((r) => r.name));
  const current = loadState(paths).components.filter((c) => names.has(c.name));
  for (const tier of tiers(current).reverse()) {
    const running = tier.filter(isRunning);
    const { killed } = await stopComponents(tier, opts.graceMs);
    for (const r of running) opts.onStopped?.(r, killed.includes(r.name));
    markDesired(paths, tier, 'stopped');
  }
  return leftovers(current).map((p) => p.pid);
}

export interface ClusterStopOptions extends StopOptions {
  onContainersStopped?: (result: ContainerStopResult) => void;
}

/**
 * Every component (stopRecords), then every container the kubelets left running: only once the
 * kubelets are gone, or they would restart the containers. Returns the PIDs of anything still alive.
 */
export async function stopCluster(paths: ClusterPaths, opts: ClusterStopOptions): Promise<number[]> {
  const left = await stopRecords(paths, loadState(paths).components, opts);
  const containers = await stopContainers(readNodeContainers(paths), opts.graceMs);
  opts.onContainersStopped?.(containers);
  return [...left, ...containers.left];
}

/** Changes only `desired` of the named records, keeping whatever else another command wrote meanwhile. */
export function markDesired(paths: ClusterPaths, records: ComponentRecord[], desired: ComponentRecord['desired']): void {
  const names = new Set(records.map((r) => r.name));
  updateState(paths, (s) => ({ ...s, components: s.components.map((c) => (names.has(c.name) ? { ...c, desired } : c)) }));
}

export function logTail(path: string, lines: number): string[] {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines);
  } catch {
    return [];
  }
}
