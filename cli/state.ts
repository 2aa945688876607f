/**
 * DIR/state.json: one record per component kubelab manages, and how a record plus what /proc says
 * becomes the state `kubelab status` shows. Pure.
 *
 *   running  the recorded process (same PID and start time) is alive
 *   paused   it is alive but stopped by SIGSTOP (`kubelab pause`)
 *   exited   it is gone although kubelab last wanted it running (crashed, `kubelab kill`)
 *   stopped  it is gone and kubelab stopped it (`kubelab stop`, `kubelab down`), or it never ran
 */
import { isLive, type ProcStat } from './procfs.js';

export type ComponentState = 'running' | 'paused' | 'exited' | 'stopped';

export interface ComponentRecord {
  name: string;
  group: string;
  /** Start tier from the component table: started in increasing, stopped in decreasing order. */
  order: number;
  /** Exactly what was executed, so `kubelab start` runs the same command again. */
  argv: string[];
  logFile: string;
  /** What kubelab last asked for: `kill` leaves it 'running', so the process shows as exited. */
  desired: 'running' | 'stopped';
  pid?: number;
  startTime?: number;
  startedAt?: string;
  endpoint?: string;
}

export interface ClusterState {
  version: 1;
  components: ComponentRecord[];
}

export function emptyState(): ClusterState {
  return { version: 1, components: [] };
}

export function parseState(raw: unknown): ClusterState {
  const r = raw as Partial<ClusterState> | null;
  if (!r || r.version !== 1 || !Array.isArray(r.components)) throw new TypeError('not a kubelab state.json');
  return { version: 1, components: r.components };
}

/** The live process a record names, given a /proc reader; undefined if it is gone or the PID was reused. */
export function liveProcess(record: ComponentRecord, read: (pid: number) => ProcStat | undefined): ProcStat | undefined {
  if (record.pid === undefined || record.startTime === undefined) return undefined;
  const stat = read(record.pid);
  return isLive(stat) && stat.startTime === record.startTime ? stat : undefined;
}

export function componentState(record: ComponentRecord, stat: ProcStat | undefined): ComponentState {
  if (stat) return stat.state === 'T' ? 'paused' : 'running';
  if (record.pid === undefined) return 'stopped';
  return record.desired === 'stopped' ? 'stopped' : 'exited';
}

/** Replaces the record with the same name, or appends it. */
export function withRecord(state: ClusterState, record: ComponentRecord): ClusterState {
  const others = state.components.filter((c) => c.name !== record.name);
  const components = [...others, record].sort((a, b) => a.order - b.order || compareNames(a.name, b.name));
  return { ...state, components };
}

/** apiserver-2 before apiserver-10: names compare with their numbers as numbers. */
export function compareNames(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/**
 * The records a command argument names: a component name (`apiserver-1`, `kubelet-node-2`), or a group
 * name in the singular or the plural (`apiserver`, `kubelets`) meaning every instance of it.
 */
export function resolveComponents(state: ClusterState, nameOrGroup: string): ComponentRecord[] {
  const exact = state.components.filter((c) => c.name === nameOrGroup);
  if (exact.length) return exact;
  return state.components.filter((c) => c.group === nameOrGroup || `${c.group}s` === nameOrGroup);
}

/** Start tiers in order, e.g. [[redis, nats], [apiserver-1, apiserver-2]]. */
export function tiers(records: ComponentRecord[]): ComponentRecord[][] {
  const orders = [...new Set(records.map((r) => r.order))].sort((a, b) => a - b);
  return orders.map((o) => records.filter((r) => r.order === o));
}
