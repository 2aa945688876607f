/**
 * Is PID n still the process we started? A PID is reused once its process is gone, so the runtime records
 * the process's start time (field 22 of /proc/<pid>/stat, in clock ticks since boot) and compares it.
 * A zombie (state Z or X) has ended even though its /proc entry remains.
 *
 * Interface: `parseProcStat(text)` (pure), `readProcStat(pid)` (reads /proc, undefined when gone),
 * `isSameLiveProcess(pid, startTime)`.
 */
import { readFileSync } from 'node:fs';

export interface ProcStat {
  pid: number;
  state: string;
  pgrp: number;
  startTime: string;
}

/** Fields after the command name, which may itself hold spaces and parentheses: split after the last ')'. */
export function parseProcStat(text: string): ProcStat | undefined {
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  const pid = Number.parseInt(text, 10);
  const fields = text.slice(close + 2).trim().split(/\s+/);
  // fields[0] is field 3 (state); field n is fields[n - 3].
  const state = fields[0];
  const pgrp = fields[2];
  const startTime = fields[19];
  if (!Number.isInteger(pid) || !state || !pgrp || !startTime) return undefined;
  return { pid, state, pgrp: Number(pgrp), startTime };
}

export function readProcStat(pid: number | 'self'): ProcStat | undefined {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** True when `pid` runs, is not a zombie, and (if given) started at `startTime`. */
export function isSameLiveProcess(pid: number, startTime: string | undefined): boolean {
  const stat = readProcStat(pid);
  if (!stat || stat.state === 'Z' || stat.state === 'X') return false;
  return startTime === undefined || stat.startTime === startTime;
}
