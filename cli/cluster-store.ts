/**
 * Reading and writing a cluster directory's JSON files (cluster.json, state.json, secrets.json) and the
 * rendered config files. Thin I/O. Every write goes to a temporary file first and is renamed into place,
 * so a concurrent reader (`status` while `up` runs, the foreground `up` watching `start`) never sees a
 * half-written file.
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseClusterConfig, type ClusterConfig } from './cluster-config.js';
import type { ClusterFile } from './cluster-files.js';
import type { ClusterPaths } from './cluster-paths.js';
import type { ClusterSecrets } from './credentials.js';
import { CliError } from './errors.js';
import { emptyState, parseState, type ClusterState } from './state.js';

export function writeFileAtomic(path: string, content: string, mode = 0o600): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, content, { mode });
  chmodSync(tmp, mode); // the umask may have narrowed or the file may have existed with another mode
  renameSync(tmp, path);
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CliError(`cannot read ${path}: ${(err as Error).message}`);
  }
}

export function loadConfig(paths: ClusterPaths): ClusterConfig | undefined {
  const raw = readJson(paths.config);
  if (raw === undefined) return undefined;
  try {
    return parseClusterConfig(raw);
  } catch (err) {
    throw new CliError(`${paths.config}: ${(err as Error).message}`);
  }
}

/** The config of an existing cluster, for every command but `up`. */
export function requireConfig(paths: ClusterPaths): ClusterConfig {
  const config = loadConfig(paths);
  if (!config) throw new CliError(`no kubelab cluster in ${paths.dir} (start one with: kubelab up --dir ${paths.dir})`);
  return config;
}

export function saveConfig(paths: ClusterPaths, config: ClusterConfig): void {
  writeFileAtomic(paths.config, JSON.stringify(config, null, 2) + '\n', 0o644);
}

export function loadState(paths: ClusterPaths): ClusterState {
  const raw = readJson(paths.state);
  if (raw === undefined) return emptyState();
  try {
    return parseState(raw);
  } catch (err) {
    throw new CliError(`${paths.state}: ${(err as Error).message}`);
  }
}

export function saveState(paths: ClusterPaths, state: ClusterState): void {
  writeFileAtomic(paths.state, JSON.stringify(state, null, 2) + '\n', 0o644);
}

/** Read-modify-write of state.json; concurrent CLI invocations each change only their own records. */
export function updateState(paths: ClusterPaths, change: (s: ClusterState) => ClusterState): ClusterState {
  const next = change(loadState(paths));
  saveState(paths, next);
  return next;
}

export function loadSecrets(paths: ClusterPaths): Partial<ClusterSecrets> | undefined {
  return readJson(paths.secrets) as Partial<ClusterSecrets> | undefined;
}

export function writeClusterFiles(files: ClusterFile[], dirMode = 0o700): void {
  for (const f of files) {
    mkdirSync(dirname(f.path), { recursive: true, mode: dirMode });
    chmodSync(dirname(f.path), dirMode);
    writeFileAtomic(f.path, f.content, f.mode);
  }
}
