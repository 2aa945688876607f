/**
 * Stopping the containers the kubelets leave behind, for `down` (and a foreground `up` ended with
 * Ctrl-C). Run only once the kubelets are stopped, or one would start them again. Thin I/O.
 *
 * As the kubelet itself stops a container (kubelet/runtime/CONTRACT.md): SIGTERM to the shim, which
 * passes it to the program; after the grace period SIGKILL to the shim's process group. Then, as for
 * components, whatever is left in each shim's session (the child of an `exec` program whose shim died)
 * is killed one process at a time.
 *
 * Invariant: no signal is sent unless /proc shows the recorded PID with the recorded start time
 * (state.json's procStartTime), checked right before each signal; a shim without a start time is
 * never signalled.
 */
import { type ContainerRecord, liveShim } from './containers.js';
import { listProcesses, readProcStat, sameProcess, sessionMembers, type ProcStat } from './procfs.js';

const POLL_MS = 50;
const LEFTOVER_WAIT_MS = 2_000;

export interface ContainerStopResult {
  /** Shims that were running when asked to stop. */
  stopped: ContainerRecord[];
  /** Shims that ignored SIGTERM for the whole grace period. */
  killed: ContainerRecord[];
  /** PIDs of container processes still alive after everything (should be empty). */
  left: number[];
}

function send(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    /* exited between the identity check and the signal */
  }
}

async function waitUntil(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, POLL_MS));
}

/** Processes still alive in the sessions of these shims (the shims themselves included). */
export function containerLeftovers(containers: ContainerRecord[], all: ProcStat[] = listProcesses()): ProcStat[] {
  return containers.flatMap((c) => (c.pid !== undefined && c.startTime !== undefined ? sessionMembers(all, c.pid, c.startTime) : []));
}

export async function stopContainers(containers: ContainerRecord[], graceMs: number): Promise<ContainerStopResult> {
  const running = containers.filter((c) => liveShim(c, readProcStat));
  for (const c of running) {
    send(c.pid!, 'SIGTERM');
    send(c.pid!, 'SIGCONT'); // a paused container would never see the SIGTERM
  }
  await waitUntil(() => running.every((c) => !liveShim(c, readProcStat)), graceMs);
  const stubborn = running.filter((c) => liveShim(c, readProcStat));
  // The shim leads its process group: -pid takes the program's children with it.
  for (const c of stubborn) if (liveShim(c, readProcStat)) send(-c.pid!, 'SIGKILL');
  await waitUntil(() => stubborn.every((c) => !liveShim(c, readProcStat)), LEFTOVER_WAIT_MS);
  killLeftovers(containers);
  await waitUntil(() => containerLeftovers(containers).length === 0, LEFTOVER_WAIT_MS);
  return { stopped: running, killed: stubborn, left: containerLeftovers(containers).map((p) => p.pid) };
}

function killLeftovers(containers: ContainerRecord[]): void {
  for (const p of containerLeftovers(containers)) {
    if (sameProcess(p.pid, p.startTime)) send(p.pid, 'SIGKILL');
  }
}
