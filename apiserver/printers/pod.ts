/**
 * `kubectl get pods`: printPod from kube-apiserver v1.32 printers.go.
 *
 * Interface:
 *   podPrinter              RowPrinter: Name, Ready, Status, Restarts, Age, IP(w), Node(w),
 *                           Nominated Node(w), Readiness Gates(w)
 *   podSummary(pod)         the Ready/Status/Restarts arithmetic, without formatting the restart age
 *
 * How the Status cell is decided, in order (each step may overwrite the previous one):
 *   1. status.reason if set, else status.phase; `SchedulingGated` when PodScheduled says so.
 *   2. Init containers, in order: the first one not yet done gives `Init:<reason>`,
 *      `Init:ExitCode:N`, `Init:Signal:N` or `Init:i/n`. Running sidecars (restartPolicy Always,
 *      started) count as done and as containers in READY.
 *   3. Unless still initializing, app containers from LAST to first: a waiting reason or a terminated
 *      reason (`ExitCode:N` / `Signal:N` when empty) overwrites, so the FIRST container with one wins.
 *      `Completed` with a container still running becomes `Running` (Ready condition) or `NotReady`.
 *   4. deletionTimestamp: `Unknown` when the node was lost (reason NodeLost), else `Terminating`
 *      unless the phase is already Succeeded or Failed.
 * Restarts sum the counted containers; `3 (5m ago)` when a last termination time is known.
 *
 * Invariant: pure; `now` only feeds the Age and "ago" cells.
 */
import type { KubeObject } from '../../lib/api/types.js';
import { POD } from './descriptions.js';
import { parseTime, translateMillisSince } from './duration.js';
import { AGE_COLUMN, NAME_COLUMN, WIDE, age, column, int, nameOf, type PrintedRow, type RowPrinter, type TableRowCondition } from './printer.js';

interface ContainerState {
  waiting?: { reason?: string };
  running?: { startedAt?: string };
  terminated?: { exitCode?: number; signal?: number; reason?: string; finishedAt?: string };
}

interface ContainerStatus {
  name?: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
}

interface PodSpec {
  nodeName?: string;
  containers?: unknown[];
  initContainers?: { name?: string; restartPolicy?: string }[];
  readinessGates?: { conditionType?: string }[];
}

interface PodStatus {
  phase?: string;
  reason?: string;
  podIP?: string;
  podIPs?: { ip?: string }[];
  nominatedNodeName?: string;
  conditions?: Condition[];
  initContainerStatuses?: ContainerStatus[];
  containerStatuses?: ContainerStatus[];
}

/** The node lifecycle controller's reason for pods on a node that stopped reporting. */
const NODE_UNREACHABLE_POD_REASON = 'NodeLost';

export interface PodSummary {
  ready: number;
  total: number;
  reason: string;
  restarts: number;
  /** Epoch ms of the most recent counted container termination, if any. */
  lastRestart?: number;
}

/** Running total of restarts and the latest termination among the containers counted so far. */
interface RestartTally {
  restarts: number;
  last?: number;
}

function tally(t: RestartTally, c: ContainerStatus): void {
  t.restarts += int(c.restartCount);
  const finished = c.lastState?.terminated ? parseTime(c.lastState.terminated.finishedAt) : undefined;
  if (finished !== undefined && (t.last === undefined || t.last < finished)) t.last = finished;
}

function hasCondition(status: PodStatus, type: string): boolean {
  return (status.conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

function terminatedReason(t: NonNullable<ContainerState['terminated']>, prefix: string): string {
  if (t.reason) return prefix + t.reason;
  if (int(t.signal) !== 0) return `${prefix}Signal:${int(t.signal)}`;
  return `${prefix}ExitCode:${int(t.exitCode)}`;
}

interface InitResult {
  reason?: string;
  ready: number;
  all: RestartTally;
  sidecars: RestartTally;
}

/** Step 2: walk init containers until the first one that is neither done nor a started sidecar. */
function scanInitContainers(spec: PodSpec, status: PodStatus): InitResult {
  const sidecarNames = new Set((spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  const result: InitResult = { ready: 0, all: { restarts: 0 }, sidecars: { restarts: 0 } };
  const statuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < statuses.length; i++) {
    const c = statuses[i];
    const isSidecar = sidecarNames.has(c.name);
    tally(result.all, c);
    if (isSidecar) tally(result.sidecars, c);
    const terminated = c.state?.terminated;
    if (terminated && int(terminated.exitCode) === 0) continue;
    if (isSidecar && c.started === true) {
      if (c.ready) result.ready++;
      continue;
    }
    const waiting = c.state?.waiting?.reason;
    if (terminated) result.reason = terminatedReason(terminated, 'Init:');
    else if (waiting && waiting !== 'PodInitializing') result.reason = `Init:${waiting}`;
    else result.reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
    break;
  }
  return result;
}

interface MainResult {
  reason: string;
  ready: number;
  hasRunning: boolean;
}

/** Step 3: app containers, last to first, so that the first container's reason is the one kept. */
function scanContainers(status: PodStatus, reason: string, t: RestartTally): MainResult {
  const result: MainResult = { reason, ready: 0, hasRunning: false };
  const statuses = status.containerStatuses ?? [];
  for (let i = statuses.length - 1; i >= 0; i--) {
    const c = statuses[i];
    tally(t, c);
    const waiting = c.state?.waiting?.reason;
    const terminated = c.state?.terminated;
    if (waiting) result.reason = waiting;
    else if (terminated) result.reason = terminatedReason(terminated, '');
    else if (c.ready && c.state?.running) {
      result.hasRunning = true;
      result.ready++;
    }
  }
  return result;
}

function initialReason(status: PodStatus): string {
  let reason = status.reason || status.phase || '';
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }
  return reason;
}

export function podSummary(pod: KubeObject): PodSummary {
  const spec: PodSpec = pod.spec ?? {};
  const status: PodStatus = pod.status ?? {};
  const init = scanInitContainers(spec, status);
  const total = (spec.containers ?? []).length + (spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').length;
  let reason = init.reason ?? initialReason(status);
  let ready = init.ready;
  let counted = init.all;
  if (init.reason === undefined || hasCondition(status, 'Initialized')) {
    // Once initialized, only sidecar restarts still matter next to the app containers'.
    counted = { ...init.sidecars };
    const main = scanContainers(status, reason, counted);
    reason = main.reason;
    ready += main.ready;
    if (reason === 'Completed' && main.hasRunning) reason = hasCondition(status, 'Ready') ? 'Running' : 'NotReady';
  }
  if (parseTime(pod.metadata?.deletionTimestamp) !== undefined) {
    if (status.reason === NODE_UNREACHABLE_POD_REASON) reason = 'Unknown';
    else if (status.phase !== 'Succeeded' && status.phase !== 'Failed') reason = 'Terminating';
  }
  return { ready, total, reason, restarts: counted.restarts, lastRestart: counted.last };
}

export function formatRestarts(summary: PodSummary, now: Date): string {
  if (summary.restarts === 0 || summary.lastRestart === undefined) return String(summary.restarts);
  return `${summary.restarts} (${translateMillisSince(summary.lastRestart, now)} ago)`;
}

function readinessGates(spec: PodSpec, status: PodStatus): string {
  const gates = spec.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const conditions = status.conditions ?? [];
  // Like Go, only the first condition of a gate's type is looked at.
  const passing = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True').length;
  return `${passing}/${gates.length}`;
}

const SUCCEEDED: TableRowCondition[] = [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }];
const FAILED: TableRowCondition[] = [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];

function printPod(pod: KubeObject, now: Date): PrintedRow {
  const spec: PodSpec = pod.spec ?? {};
  const status: PodStatus = pod.status ?? {};
  const s = podSummary(pod);
  // The v1→internal conversion fills podIPs from podIP, so an object with only podIP prints the same.
  const podIP = status.podIPs?.[0]?.ip || status.podIP || '<none>';
  const cells = [
    nameOf(pod), `${s.ready}/${s.total}`, s.reason, formatRestarts(s, now), age(pod, now),
    podIP, spec.nodeName || '<none>', status.nominatedNodeName || '<none>', readinessGates(spec, status),
  ];
  const row: PrintedRow = { cells };
  if (status.phase === 'Succeeded') row.conditions = SUCCEEDED;
  if (status.phase === 'Failed') row.conditions = FAILED;
  return row;
}

export const podPrinter: RowPrinter = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'string', POD.ready),
    column('Status', 'string', POD.status),
    column('Restarts', 'string', POD.restarts),
    AGE_COLUMN,
    column('IP', 'string', POD.podIP, WIDE),
    column('Node', 'string', POD.nodeName, WIDE),
    column('Nominated Node', 'string', POD.nominatedNodeName, WIDE),
    column('Readiness Gates', 'string', POD.readinessGates, WIDE),
  ],
  printRow: printPod,
};
