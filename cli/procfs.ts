/**
 * What Linux says about a process, read from /proc/PID/stat. A PID alone names a process only while it
 * lives: once it exits the kernel may hand the number to an unrelated process. A (PID, start time) pair
 * does not repeat, so kubelab records both and checks both before it sends any signal.
 *
 * `parseProcStat` is pure; `readProcStat` and `listProcesses` are the thin I/O around it.
 */
import { readFileSync, readdirSync } from 'node:fs';

export interface ProcStat {
  pid: number;
  comm: string;
  /** One letter: R running, S sleeping, D disk wait, T stopped (SIGSTOP), t traced, Z zombie, X dead. */
  state: string;
  ppid: number;
  pgrp: number;
  session: number;
  /** Clock ticks since boot at which the process started (field 22): with the PID, its identity. */
  startTime: number;
}

/** Parses one /proc/PID/stat line. The command name may hold spaces and ')', so split at the last ')'. */
export function parseProcStat(text: string): ProcStat | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const rest = text.slice(close + 2).trim().split(/\s+/);
  // rest[0] is field 3 (state); field n is rest[n - 3].
  const field = (n: number) => Number(rest[n - 3]);
  const stat: ProcStat = {
    pid: Number(text.slice(0, open).trim()),
    comm: text.slice(open + 1, close),
    state: rest[0] ?? '',
    ppid: field(4),
    pgrp: field(5),
    session: field(6),
    startTime: field(22),
  };
  return Number.isFinite(stat.pid) && Number.isFinite(stat.startTime) && stat.state ? stat : undefined;
}

export function readProcStat(pid: number): ProcStat | undefined {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined; // gone (ENOENT) or not ours to read: either way not a process we can vouch for
  }
}

/** Every process visible now. Processes that exit while we scan are skipped. */
export function listProcesses(): ProcStat[] {
  const out: ProcStat[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProcStat(Number(entry));
    if (stat) out.push(stat);
  }
  return out;
}

/** A zombie has exited and only waits to be reaped: it runs nothing and cannot be signalled usefully. */
export function isLive(stat: ProcStat | undefined): stat is ProcStat {
  return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X';
}

/** The process recorded as (pid, startTime) if it still runs, else undefined. */
export function sameProcess(pid: number, startTime: number, read = readProcStat): ProcStat | undefined {
  const stat = read(pid);
  return isLive(stat) && stat.startTime === startTime ? stat : undefined;
}

/**
 * Processes left in a component's session: each component is started as a session leader (setsid), so
 * whatever it spawned (a kubelet's containers) shares its session id unless it made its own. Only
 * processes that started no earlier than the leader count, so a reused session id matches nothing.
 */
export function sessionMembers(all: ProcStat[], leaderPid: number, leaderStartTime: number): ProcStat[] {
  return all.filter((p) => isLive(p) && p.session === leaderPid && p.startTime >= leaderStartTime);
}
