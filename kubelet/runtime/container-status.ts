/**
 * A container's status from the runtime's files, as the kubelet sees it: created (spec written, not yet
 * running), running, or exited. Pure: the caller reads the files and /proc and passes what it found.
 *
 * Invariants: exit.json, when present, is the truth about the end. A shim whose state.json names a
 * process that no longer runs and that left no exit.json was killed (SIGKILL): exit code 137, reason
 * Error, finished when that was first noticed.
 */
import { KILLED_EXIT } from './exit-status.js';
import type { ContainerSpec, ExitFile, StateFile } from './spec.js';

export interface ContainerStatus {
  id: string;
  podUID: string;
  podName: string;
  namespace: string;
  containerName: string;
  restartCount: number;
  image: string;
  podIP: string;
  logPath: string;
  state: 'created' | 'running' | 'exited';
  /** The shim's PID (its process group too). */
  pid?: number;
  createdAt?: string;
  startedAt?: string;
  finishedAt?: string;
  exitCode?: number;
  signal?: string;
  /** "Completed", "Error", "StartError". */
  reason?: string;
  message?: string;
}

export interface ObservedFiles {
  spec: ContainerSpec;
  createdAt?: string;
  state?: StateFile;
  exit?: ExitFile;
  /** Whether state.pid is still the shim that wrote state.json (same start time, not a zombie). */
  alive: boolean;
  /** When this client first saw the shim gone without an exit record. */
  lostAt?: string;
}

export function containerStatus(o: ObservedFiles): ContainerStatus {
  const s = o.spec;
  const base: ContainerStatus = {
    id: s.id, podUID: s.podUID, podName: s.podName, namespace: s.namespace, containerName: s.containerName,
    restartCount: s.restartCount, image: s.image, podIP: s.podIP, logPath: s.logPath, state: 'created',
    ...(o.createdAt ? { createdAt: o.createdAt } : {}),
    ...(o.state ? { pid: o.state.pid, startedAt: o.state.startedAt } : {}),
  };
  if (o.exit) {
    const { exitCode, finishedAt, reason, signal, message } = o.exit;
    return { ...base, state: 'exited', exitCode, finishedAt, reason, ...(signal ? { signal } : {}), ...(message ? { message } : {}) };
  }
  if (!o.state) return base;
  if (o.alive) return { ...base, state: 'running' };
  return { ...base, state: 'exited', ...KILLED_EXIT, finishedAt: o.lostAt ?? new Date(0).toISOString() };
}
