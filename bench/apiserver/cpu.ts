/**
 * CPU time of the cluster's processes, so each phase can report "apiserver CPU ms per call": on a
 * 2-core machine that, more than latency, says where the time goes and what throughput is possible.
 *
 *   const before = cpuSnapshot(pids);  ...phase...  const used = cpuSince(before, cpuSnapshot(pids));
 *
 * Read from /proc/PID/stat (utime + stime, all threads, in clock ticks of 1/100 s on Linux); the
 * benchmark's own process is read with process.cpuUsage(). `parseCpuTicks` is pure.
 */
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ: fixed at 100 on Linux whatever the kernel's HZ (getconf CLK_TCK)

export type CpuSnapshot = Record<string, number>; // name → CPU ms used since the process started

/** utime + stime of a /proc/PID/stat line, in ticks. The command may contain spaces: fields count from the last ')'. */
export function parseCpuTicks(stat: string): number {
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3; utime and stime are fields 14 and 15.
  const ticks = Number(rest[11]) + Number(rest[12]);
  if (!Number.isFinite(ticks)) throw new Error('unreadable /proc stat line');
  return ticks;
}

export function cpuSnapshot(pids: Record<string, number>): CpuSnapshot {
  const out: CpuSnapshot = {};
  for (const [name, pid] of Object.entries(pids)) {
    try {
      out[name] = (parseCpuTicks(readFileSync(`/proc/${pid}/stat`, 'utf8')) * 1000) / TICKS_PER_SECOND;
    } catch {
      // gone: it simply has no entry, and no CPU is reported for it
    }
  }
  const self = process.cpuUsage();
  out.bench = (self.user + self.system) / 1000;
  return out;
}

/** CPU ms each process used between two snapshots. */
export function cpuSince(before: CpuSnapshot, after: CpuSnapshot): CpuSnapshot {
  const out: CpuSnapshot = {};
  for (const [name, ms] of Object.entries(after)) if (before[name] !== undefined) out[name] = ms - before[name]!;
  return out;
}
