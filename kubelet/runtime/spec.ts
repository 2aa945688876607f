/**
 * The files of the container runtime contract (CONTRACT.md): the ContainerSpec the kubelet writes, the
 * state and exit records the shim writes, and every path under the kubelet's root dir. Pure.
 */
import { basename, dirname, join } from 'node:path';
import type { ContainerProgram } from '../images/argv.js';

export interface ContainerSpec {
  id: string;
  podUID: string;
  podName: string;
  namespace: string;
  containerName: string;
  restartCount: number;
  /** The image as written in the pod spec. */
  image: string;
  program: ContainerProgram | { kind: 'builtin'; name: string };
  argv: string[];
  env: Record<string, string>;
  workingDir?: string;
  podIP: string;
  hostname: string;
  tty: boolean;
  stdin: boolean;
  stdinOnce: boolean;
  logPath: string;
  logMaxBytes: number;
  logMaxFiles: number;
}

/** state.json: written by the shim once the program runs. */
export interface StateFile {
  /** The shim's PID, which is also its process group (it runs in its own session). */
  pid: number;
  startedAt: string;
  /** Field 22 of /proc/<pid>/stat when the shim started: tells a live PID from a reused one. */
  procStartTime?: string;
  /** For an `exec` program, the PID of the child the shim spawned. */
  childPid?: number;
}

/** exit.json: written by the shim when the program ended (or could not start). */
export interface ExitFile {
  exitCode: number;
  signal?: string;
  finishedAt: string;
  /** "Completed", "Error", "StartError" as containerd reports them. */
  reason: string;
  message?: string;
}

export const SPEC_FILE = 'spec.json';
export const STATE_FILE = 'state.json';
export const EXIT_FILE = 'exit.json';
export const ATTACH_SOCKET = 'attach.sock';
/** The shim's own diagnostics (not the container's output): why it could not run, for instance. */
export const SHIM_LOG = 'shim.log';

const ID_RE = /^[0-9a-f]{64}$/;

export function isContainerID(id: string): boolean {
  return ID_RE.test(id);
}

export function containersDir(rootDir: string): string {
  return join(rootDir, 'containers');
}

export function containerDir(rootDir: string, id: string): string {
  if (!isContainerID(id)) throw new Error(`not a container ID: ${JSON.stringify(id)}`);
  return join(containersDir(rootDir), id);
}

/** `logs/<namespace>_<pod>_<uid>/<container>/<restartCount>.log`, as the kubelet lays out pod logs. */
export function containerLogPath(rootDir: string, s: Pick<ContainerSpec, 'namespace' | 'podName' | 'podUID' | 'containerName' | 'restartCount'>): string {
  return join(rootDir, 'logs', `${s.namespace}_${s.podName}_${s.podUID}`, s.containerName, `${s.restartCount}.log`);
}

/** The log of the container instance before this one (`kubectl logs --previous`), or undefined for the first. */
export function previousLogPath(logPath: string): string | undefined {
  const m = /^(\d+)\.log$/.exec(basename(logPath));
  if (!m || Number(m[1]) === 0) return undefined;
  return join(dirname(logPath), `${Number(m[1]) - 1}.log`);
}

/** The n-th rotated file of a log: `0.log.1` is the newest rotated one. */
export function rotatedLogPath(logPath: string, n: number): string {
  return `${logPath}.${n}`;
}
