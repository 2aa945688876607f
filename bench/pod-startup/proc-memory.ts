/**
 * Resident memory of the processes a pod start-up round is about, read from /proc (I/O):
 *
 *   rssKb(pid)                → VmRSS in KiB, undefined once the process is gone
 *   processCpuMs(pid)         → utime + stime since the process started, ms; undefined once gone
 *   containerShimPids(dir)    → PIDs of the running container shims of every node of the cluster in dir
 *                               (DIR/nodes/<node>/containers/<id>/state.json, kubelet/runtime/CONTRACT.md)
 *   kubeletPids(dir)          → { 'kubelet-node-1': pid, ... } from DIR/state.json
 *
 * A container with an exit.json has ended; its state.json stays until the kubelet removes the
 * container, so it is skipped.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clusterPaths } from '../../cli/cluster-paths.js';
import { componentPids } from '../apiserver/cluster-access.js';
import { parseCpuTicks } from '../apiserver/cpu.js';
import { parseVmRssKb } from './startup-math.js';

export function rssKb(pid: number): number | undefined {
  try {
    return parseVmRssKb(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return undefined;
  }
}

export function processCpuMs(pid: number): number | undefined {
  try {
    return parseCpuTicks(readFileSync(`/proc/${pid}/stat`, 'utf8')) * 10; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

function listDir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

export function containerShimPids(dir: string): number[] {
  const nodesDir = clusterPaths(dir).nodesDir;
  const pids: number[] = [];
  for (const node of listDir(nodesDir)) {
    const containers = join(nodesDir, node, 'containers');
    for (const id of listDir(containers)) {
      const stateFile = join(containers, id, 'state.json');
      if (!existsSync(stateFile) || existsSync(join(containers, id, 'exit.json'))) continue;
      try {
        const { pid } = JSON.parse(readFileSync(stateFile, 'utf8')) as { pid?: number };
        if (typeof pid === 'number') pids.push(pid);
      } catch {
        // Removed while we read it: the container is gone.
      }
    }
  }
  return pids;
}

export function kubeletPids(dir: string): Record<string, number> {
  return Object.fromEntries(Object.entries(componentPids(dir)).filter(([name]) => name.startsWith('kubelet-')));
}
