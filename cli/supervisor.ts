/**
 * Starting and signalling component processes. Thin I/O over ComponentRecords.
 *
 * Invariants:
 *   - A component runs detached in its own session (setsid), stdout and stderr appended to its log
 *     file, so it outlives the CLI that started it and a Ctrl-C in the user's terminal never reaches it.
 *   - No signal is sent unless /proc shows the recorded PID with the recorded start time: a PID the
 *     kernel has since given to another process is never signalled.
 *   - Stopping means SIGTERM (plus SIGCONT, or a paused process would never see it), then SIGKILL after
 *     the grace period, then SIGKILL to whatever the component left in its session.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { CliError } from './errors.js';
import { listProcesses, readProcStat, sessionMembers, type ProcStat } from './procfs.js';
import { liveProcess, type ComponentRecord } from './state.js';

const POLL_MS = 50;

export function isRunning(record: ComponentRecord): boolean {
  return liveProcess(record, readProcStat) !== undefined;
}

/** Starts the record's argv and returns the record with its new identity. */
export async function spawnComponent(record: ComponentRecord, opts: { cwd: string; env: NodeJS.ProcessEnv }): Promise<ComponentRecord> {
  mkdirSync(dirname(record.logFile), { recursive: true, mode: 0o700 });
  const fd = openSync(record.logFile, 'a', 0o600);
  const startedAt = new Date().toISOString();
  // A marker line, so that a reader of the log sees where each run of the component begins.
  writeSync(fd, `--- kubelab: ${startedAt} starting ${record.name}: ${record.argv.join(' ')}\n`);
  const [cmd, ...args] = record.argv;
  const child = spawn(cmd!, args, { cwd: opts.cwd, env: opts.env, detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const pid = child.pid;
  if (pid === undefined) {
    const err = await new Promise<Error>((resolve) => child.once('error', resolve));
    throw new CliError(`cannot start ${record.name} (${cmd}): ${err.message}`);
  }
  child.on('error', () => {}); // after a successful spawn errors only concern signalling, which we do by PID
  child.unref();
  // The start time is set at fork and kept across exec, so reading it now identifies the component.
  const stat = readProcStat(pid);
  const started: ComponentRecord = { ...record, pid, startedAt, desired: 'running' };
  if (stat) started.startTime = stat.startTime;
  else delete started.startTime; // exited already: with no start time it can never be signalled
  return started;
}

/** Sends `signal` if the recorded process still runs; false if it does not. */
export function signalComponent(record: ComponentRecord, signal: NodeJS.Signals): boolean {
  if (!isRunning(record)) return false;
  try {
    process.kill(record.pid!, signal);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false; // exited between check and kill
    throw err;
  }
}

/** Waits until none of the records runs, or the timeout; returns those still running. */
export async function waitExit(records: ComponentRecord[], timeoutMs: number): Promise<ComponentRecord[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const running = records.filter(isRunning);
    if (running.length === 0 || Date.now() >= deadline) return running;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** Processes a component left behind in its session (a kubelet's containers), and the component itself. */
export function leftovers(records: ComponentRecord[], all: ProcStat[] = listProcesses()): ProcStat[] {
  return records.flatMap((r) => (r.pid !== undefined && r.startTime !== undefined ? sessionMembers(all, r.pid, r.startTime) : []));
}

export interface StopResult {
  /** Components that ignored SIGTERM for the whole grace period and were killed. */
  killed: string[];
}

/** SIGTERM, wait up to graceMs, SIGKILL; then clears out the components' sessions. */
export async function stopComponents(records: ComponentRecord[], graceMs: number): Promise<StopResult> {
  for (const r of records) {
    if (signalComponent(r, 'SIGTERM')) signalComponent(r, 'SIGCONT');
  }
  const stubborn = await waitExit(records, graceMs);
  for (const r of stubborn) signalComponent(r, 'SIGKILL');
  await waitExit(stubborn, 5_000);
  await killLeftovers(records);
  return { killed: stubborn.map((r) => r.name) };
}

async function killLeftovers(records: ComponentRecord[]): Promise<void> {
  const left = leftovers(records);
  for (const p of left) {
    // Re-check identity right before the signal, as everywhere else.
    if (readProcStat(p.pid)?.startTime !== p.startTime) continue;
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      /* exited meanwhile */
    }
  }
  const deadline = Date.now() + 2_000;
  while (leftovers(records).length && Date.now() < deadline) await new Promise((r) => setTimeout(r, POLL_MS));
}
