/**
 * What `kubelab status` prints: rows computed from state.json and /proc, rendered as a kubectl-style
 * table (upper-case headers, columns padded with three spaces) or as JSON for scripts. Pure: `now` and
 * the /proc reader are parameters.
 */
import type { ContainerRow } from './containers.js';
import type { ProcStat } from './procfs.js';
import { componentState, liveProcess, type ClusterState, type ComponentState } from './state.js';

export interface StatusRow {
  name: string;
  group: string;
  state: ComponentState;
  /** The PID of the running (or paused) process; the last one for exited/stopped components. */
  pid?: number;
  /** Seconds since the current process started; only while it is alive. */
  ageSeconds?: number;
  endpoint?: string;
}

export interface StatusReport {
  cluster: string;
  dir: string;
  server: string;
  components: StatusRow[];
  /** Every container the kubelets started, per node (containers.ts). */
  containers: ContainerRow[];
}

export function statusRows(state: ClusterState, read: (pid: number) => ProcStat | undefined, now: number): StatusRow[] {
  return state.components.map((r) => {
    const stat = liveProcess(r, read);
    const row: StatusRow = { name: r.name, group: r.group, state: componentState(r, stat) };
    if (r.pid !== undefined) row.pid = r.pid;
    if (stat && r.startedAt) row.ageSeconds = Math.max(0, Math.floor((now - Date.parse(r.startedAt)) / 1000));
    if (r.endpoint) row.endpoint = r.endpoint;
    return row;
  });
}

/** kubectl's age format: 45s, 3m12s, 2h5m, 3d4h. */
export function formatAge(seconds: number): string {
  const s = Math.floor(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${s % 60 ? `${s % 60}s` : ''}`;
  if (s < 86400) return `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60) ? `${Math.floor((s % 3600) / 60)}m` : ''}`;
  return `${Math.floor(s / 86400)}d${Math.floor((s % 86400) / 3600) ? `${Math.floor((s % 86400) / 3600)}h` : ''}`;
}

/** Pads columns to their widest cell, separated by three spaces, without trailing blanks. */
export function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('   ')
      .trimEnd();
  return [header, ...rows].map(line).join('\n') + '\n';
}

export function renderStatusTable(rows: StatusRow[]): string {
  const header = ['COMPONENT', 'STATE', 'PID', 'AGE', 'ENDPOINT'];
  // The PID of a process that is gone is only history: show it in parentheses so nobody signals it.
  const pid = (r: StatusRow) => (r.pid === undefined ? '-' : r.state === 'running' || r.state === 'paused' ? String(r.pid) : `(${r.pid})`);
  const cells = rows.map((r) => [r.name, r.state, pid(r), r.ageSeconds === undefined ? '-' : formatAge(r.ageSeconds), r.endpoint ?? '-']);
  return renderTable(header, cells);
}
