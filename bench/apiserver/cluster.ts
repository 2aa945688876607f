/**
 * A cluster for the benchmarks, started and stopped with the project's own launcher exactly as a user
 * would: `kubelab up --dir <fresh temp dir> --detach --profile fast --no-merge-kubeconfig` (by default
 * `--without scheduler,kubelets`; `shape` chooses other components and `--nodes`), then
 * `kubelab down --purge --dir <dir>`, after which no process the cluster started may still run (checked
 * by PID and start time with the e2e harness's `survivors`; any survivor is killed and reported).
 *
 * Paths are resolved from this file's place in dist/ (dist/bench/apiserver/), so the benchmark runs
 * the build it belongs to.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { clusterPaths } from '../../cli/cluster-paths.js';
import { currentCredentials } from '../../cli/kubeconfig.js';
import { parseState, type ClusterState } from '../../cli/state.js';
import { run, survivors } from '../../test/harness/cluster.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const CLI = join(REPO_ROOT, 'dist', 'cli', 'main.js');

export interface BenchCluster {
  dir: string;
  /** https://127.0.0.1:<port> of the apiserver, from the kubeconfig. */
  server: string;
  token: string;
  ca: string;
  stop(): Promise<void>;
}

/** What to start besides the apiserver; the apiserver benchmark's default leaves out the scheduler and kubelets. */
export interface BenchClusterShape {
  /** `kubelab up --without` (an empty list starts everything). */
  without?: string[];
  /** `kubelab up --nodes`. */
  nodes?: number;
}

/** `entries`: `GROUP=PATH` pairs passed to `kubelab up --entry`, to benchmark another build of a component. */
export async function startBenchCluster(entries: string[] = [], shape: BenchClusterShape = {}): Promise<BenchCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-bench-'));
  const without = shape.without ?? ['scheduler', 'kubelets'];
  const args = ['up', '--dir', dir, '--detach', '--profile', 'fast', '--no-merge-kubeconfig'];
  if (without.length) args.push('--without', without.join(','));
  if (shape.nodes !== undefined) args.push('--nodes', String(shape.nodes));
  args.push(...entries.flatMap((e) => ['--entry', e]));
  const up = await run(process.execPath, [CLI, ...args]);
  if (up.code !== 0) {
    rmSync(dir, { recursive: true, force: true }); // a failed `up --detach` stops what it started
    throw new Error(`kubelab up failed (exit ${up.code}):\n${up.stdout}${up.stderr}`);
  }
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= stopCluster(dir));
  try {
    const paths = clusterPaths(dir);
    // The server and token as kubectl gets them; the CA from the cluster's PKI, the one trust root.
    const { server, token } = currentCredentials(parse(readFileSync(paths.kubeconfig, 'utf8')));
    return { dir, server, token, ca: readFileSync(paths.caCert, 'utf8'), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function readState(dir: string): ClusterState {
  try {
    return parseState(JSON.parse(readFileSync(clusterPaths(dir).state, 'utf8')));
  } catch {
    return { version: 1, components: [] };
  }
}

async function stopCluster(dir: string): Promise<void> {
  const before = readState(dir); // down --purge deletes state.json with the directory
  const down = await run(process.execPath, [CLI, 'down', '--purge', '--dir', dir]);
  const left = survivors(before);
  for (const p of left) {
    try {
      process.kill(p.pid, 'SIGKILL'); // verified by PID and start time: one of the cluster's own processes
    } catch {
      /* gone meanwhile */
    }
  }
  rmSync(dir, { recursive: true, force: true });
  if (down.code !== 0) throw new Error(`kubelab down failed (exit ${down.code}):\n${down.stdout}${down.stderr}`);
  if (left.length) throw new Error(`still running after kubelab down (now killed): ${left.map((p) => `${p.name}=${p.pid}`).join(', ')}`);
}
