/**
 * The containers the kubelets started, as the launcher sees them on disk: one shim process per
 * container, recorded under DIR/nodes/<node>/containers/<id>/ (kubelet/runtime/CONTRACT.md): spec.json
 * names the pod and container, state.json the shim's PID and /proc start time, exit.json how it ended.
 * A kubelet stopped with SIGTERM leaves them running (as a real kubelet does), so `down` and `status`
 * look here rather than at the kubelets.
 *
 * `containerRecord`, `containerRows` and `renderContainerTable` are pure; `readNodeContainers` is the
 * thin read of the directory.
 *
 *   created  spec.json only: the kubelet is starting it, or its program never started
 *   running  the recorded shim (same PID and start time) is alive
 *   paused   it is alive but stopped by SIGSTOP
 *   exited   exit.json says how it ended, or the shim is gone without one (killed with SIGKILL)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { containersDir, EXIT_FILE, isContainerID, SPEC_FILE, STATE_FILE } from '../kubelet/runtime/spec.js';
import type { ClusterPaths } from './cluster-paths.js';
import { isLive, type ProcStat } from './procfs.js';
import { compareNames } from './state.js';
import { renderTable } from './status-view.js';

export interface ContainerRecord {
  node: string;
  /** The 64-hex container ID; the API shows it as kubelab://<id>. */
  id: string;
  namespace?: string;
  pod?: string;
  container?: string;
  restartCount?: number;
  /** The shim's PID, which is also its process group and session. */
  pid?: number;
  /** Field 22 of /proc/<pid>/stat when the shim started: with the PID, its identity. */
  startTime?: number;
  exitCode?: number;
}

export type ContainerState = 'created' | 'running' | 'paused' | 'exited';

export interface ContainerRow {
  node: string;
  id: string;
  pod: string;
  container: string;
  restartCount?: number;
  state: ContainerState;
  pid?: number;
  exitCode?: number;
}

interface RawFiles {
  spec?: unknown;
  state?: unknown;
  exit?: unknown;
}

const num = (v: unknown): number | undefined => {
  // procStartTime is written as a string (a clock-tick count may exceed what JSON numbers keep exact).
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
};
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** One container from its parsed files (any of which may be missing or malformed). */
export function containerRecord(node: string, id: string, files: RawFiles): ContainerRecord {
  const spec = (files.spec ?? {}) as Record<string, unknown>;
  const state = (files.state ?? {}) as Record<string, unknown>;
  const exit = (files.exit ?? {}) as Record<string, unknown>;
  const fields: Partial<ContainerRecord> = {
    namespace: str(spec.namespace),
    pod: str(spec.podName),
    container: str(spec.containerName),
    restartCount: num(spec.restartCount),
    pid: num(state.pid),
    startTime: num(state.procStartTime),
    exitCode: num(exit.exitCode),
  };
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  return { node, id, ...defined };
}

/** The live shim a record names, given a /proc reader; undefined if it is gone or its PID was reused. */
export function liveShim(c: ContainerRecord, read: (pid: number) => ProcStat | undefined): ProcStat | undefined {
  if (c.pid === undefined || c.startTime === undefined) return undefined;
  const stat = read(c.pid);
  return isLive(stat) && stat.startTime === c.startTime ? stat : undefined;
}

export function containerState(c: ContainerRecord, stat: ProcStat | undefined): ContainerState {
  if (stat) return stat.state === 'T' ? 'paused' : 'running';
  return c.pid === undefined && c.exitCode === undefined ? 'created' : 'exited';
}

export function containerRows(containers: ContainerRecord[], read: (pid: number) => ProcStat | undefined): ContainerRow[] {
  return [...containers]
    .sort(
      (a, b) =>
        compareNames(a.node, b.node) ||
        podName(a).localeCompare(podName(b)) ||
        (a.container ?? '').localeCompare(b.container ?? '') ||
        (a.restartCount ?? 0) - (b.restartCount ?? 0),
    )
    .map((c) => {
      const stat = liveShim(c, read);
      const row: ContainerRow = { node: c.node, id: c.id, pod: podName(c), container: c.container ?? '-', state: containerState(c, stat) };
      if (c.restartCount !== undefined) row.restartCount = c.restartCount;
      if (c.pid !== undefined) row.pid = c.pid;
      if (c.exitCode !== undefined && !stat) row.exitCode = c.exitCode;
      return row;
    });
}

function podName(c: ContainerRecord): string {
  return c.pod === undefined ? '-' : `${c.namespace ?? 'default'}/${c.pod}`;
}

/** kubectl's style again; IDs shortened to 12 characters as `docker ps` and `crictl ps` do. */
export function renderContainerTable(rows: ContainerRow[]): string {
  const pid = (r: ContainerRow) => (r.pid === undefined ? '-' : r.state === 'running' || r.state === 'paused' ? String(r.pid) : `(${r.pid})`);
  const cells = rows.map((r) => [r.node, r.pod, r.container, r.id.slice(0, 12), r.state, r.restartCount === undefined ? '-' : String(r.restartCount), pid(r), r.exitCode === undefined ? '-' : String(r.exitCode)]);
  return renderTable(['NODE', 'POD', 'CONTAINER', 'CONTAINER ID', 'STATE', 'RESTARTS', 'PID', 'EXIT'], cells);
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined; // absent, or being replaced (the runtime renames files into place)
  }
}

function listDir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

/** Every container of every node directory, whatever the cluster's current number of nodes. */
export function readNodeContainers(paths: ClusterPaths): ContainerRecord[] {
  return listDir(paths.nodesDir).flatMap((node) => {
    const dir = containersDir(paths.nodeRoot(node));
    return listDir(dir)
      .filter(isContainerID)
      .map((id) => {
        const at = (file: string) => readJson(join(dir, id, file));
        return containerRecord(node, id, { spec: at(SPEC_FILE), state: at(STATE_FILE), exit: at(EXIT_FILE) });
      });
  });
}
