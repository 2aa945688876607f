/**
 * The kubelet's container runtime client: it starts container shims (CONTRACT.md), finds them again after
 * a kubelet restart, stops, watches and removes them. State lives in files under `<root>/containers/`,
 * so any number of clients (an old kubelet, a new one) agree on it.
 *
 *   startContainer(spec)            → {pid, startedAt}; throws ContainerStartError (StartError, exit code 128)
 *   stopContainer(id, graceSeconds) SIGTERM to the shim, wait up to the grace period, SIGKILL its process group
 *   inspectContainer(id)            → ContainerStatus (created | running | exited), undefined if unknown
 *   listContainers()                every container under the root dir
 *   monitor(id, onExit)             onExit(status) exactly once, when the program ended; returns a stop function
 *   attach(id, header)              an AttachConnection speaking attach.sock frames
 *   removeContainer(id)             forgets an exited container (its directory); logs stay for the kubelet
 *   exec(id, argv, timeoutMs)       runs a command in the container's environment (exec probes)
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openAttach, type AttachConnection } from './attach-client.js';
import { containerStatus, type ContainerStatus } from './container-status.js';
import type { AttachHeader } from './frames.js';
import { runInContainer, type ExecResult } from './exec-probe.js';
import { isSameLiveProcess } from './proc-stat.js';
import { readContainerFiles, readExit, readState, shimLogTail, writeJsonAtomic } from './runtime-files.js';
import { ATTACH_SOCKET, containerDir, containersDir, isContainerID, SPEC_FILE, type ContainerSpec } from './spec.js';

export type { ContainerStatus } from './container-status.js';

/** The shim could not start the program, or did not come up at all. */
export class ContainerStartError extends Error {
  constructor(message: string, readonly exitCode: number, readonly reason: string) {
    super(message);
    this.name = 'ContainerStartError';
  }
}

export class ContainerNotFoundError extends Error {
  constructor(id: string) {
    super(`container ${id} not found`);
    this.name = 'ContainerNotFoundError';
  }
}

export interface RuntimeClientOptions {
  rootDir: string;
  /** The compiled shim; by default dist/kubelet/runtime/shim.js of this checkout. */
  shimPath?: string;
  nodePath?: string;
  /** How long a shim may take to write state.json. */
  startTimeoutMs?: number;
  /** Polling period when waiting for an exit without a monitoring connection. */
  pollIntervalMs?: number;
}

/** dist/kubelet/runtime/shim.js, also when this module runs from its TypeScript source (tests). */
export function defaultShimPath(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return join(dirname(here), 'shim.js');
  return resolve(dirname(here), '../../dist/kubelet/runtime/shim.js');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// How long a shim may take, after exit.json, to notify its clients and exit (it allows them 500 ms).
const SHIM_EXIT_GRACE_MS = 1_000;

async function waitGone(pid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (isSameLiveProcess(pid, undefined) && Date.now() < deadline) await sleep(10);
}

/** Signals a shim verified alive: its process group (it is a session leader), or the PID alone. */
function signalShim(pid: number, signal: NodeJS.Signals, group: boolean): void {
  try {
    process.kill(group ? -pid : pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Kills what a just-exited shim left in its process group (a background child of `sh -c`). Only right
 * after the exit: while members remain the group ID cannot be reused, and without members there is none.
 */
function killLeftovers(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // No group left.
  }
}

export class RuntimeClient {
  readonly rootDir: string;
  private readonly shimPath: string;
  private readonly nodePath: string;
  private readonly startTimeoutMs: number;
  private readonly pollMs: number;
  /** When each vanished shim was first noticed: its inferred finishedAt stays stable. */
  private readonly lostAt = new Map<string, string>();

  constructor(opts: RuntimeClientOptions) {
    this.rootDir = opts.rootDir;
    this.shimPath = opts.shimPath ?? defaultShimPath();
    this.nodePath = opts.nodePath ?? process.execPath;
    this.startTimeoutMs = opts.startTimeoutMs ?? 10_000;
    this.pollMs = opts.pollIntervalMs ?? 100;
  }

  async startContainer(spec: ContainerSpec): Promise<{ pid: number; startedAt: string }> {
    const dir = containerDir(this.rootDir, spec.id);
    if (existsSync(join(dir, SPEC_FILE))) throw new Error(`container ${spec.id} already exists`);
    await mkdir(dir, { recursive: true });
    await mkdir(dirname(spec.logPath), { recursive: true });
    await writeJsonAtomic(join(dir, SPEC_FILE), spec);
    const child = spawn(this.nodePath, [this.shimPath, dir], { detached: true, stdio: 'ignore' });
    let gone = false;
    child.once('exit', () => (gone = true));
    child.once('error', () => (gone = true));
    child.unref();
    return this.waitForStart(spec.id, () => gone, child.pid);
  }

  private async waitForStart(id: string, gone: () => boolean, pid: number | undefined): Promise<{ pid: number; startedAt: string }> {
    const deadline = Date.now() + this.startTimeoutMs;
    for (let delay = 2; ; delay = Math.min(delay * 2, 25)) {
      const state = await readState(this.rootDir, id);
      if (state) return { pid: state.pid, startedAt: state.startedAt };
      const exit = await readExit(this.rootDir, id);
      if (exit) throw new ContainerStartError(exit.message ?? `container exited with ${exit.exitCode}`, exit.exitCode, exit.reason);
      if (gone() || Date.now() > deadline) {
        if (pid !== undefined) signalShim(pid, 'SIGKILL', true);
        const why = (await shimLogTail(this.rootDir, id)) || (gone() ? 'the shim exited' : `no state.json after ${this.startTimeoutMs} ms`);
        throw new ContainerStartError(`container shim failed: ${why}`, 128, 'StartError');
      }
      await sleep(delay);
    }
  }

  async inspectContainer(id: string): Promise<ContainerStatus | undefined> {
    if (!isContainerID(id)) return undefined;
    const files = await readContainerFiles(this.rootDir, id);
    if (!files.spec) return undefined;
    let { exit } = files;
    const alive = !exit && files.state !== undefined && isSameLiveProcess(files.state.pid, files.state.procStartTime);
    // The shim writes exit.json and then exits: look again, so a clean exit is not mistaken for a kill.
    if (!exit && files.state && !alive) exit = await readExit(this.rootDir, id);
    let lostAt: string | undefined;
    if (!exit && files.state && !alive) {
      lostAt = this.lostAt.get(id) ?? new Date().toISOString();
      this.lostAt.set(id, lostAt);
    }
    return containerStatus({ spec: files.spec, createdAt: files.createdAt, state: files.state, exit, alive, lostAt });
  }

  async listContainers(): Promise<ContainerStatus[]> {
    const ids = (await readdir(containersDir(this.rootDir)).catch(() => [] as string[])).filter(isContainerID);
    const all = await Promise.all(ids.map((id) => this.inspectContainer(id)));
    return all.filter((c): c is ContainerStatus => c !== undefined);
  }

  /** SIGTERM, up to `graceSeconds` to exit, then SIGKILL to the whole process group. */
  async stopContainer(id: string, graceSeconds: number): Promise<ContainerStatus | undefined> {
    const status = await this.inspectContainer(id);
    if (status?.state !== 'running' || status.pid === undefined) return status;
    const pid = status.pid;
    if (graceSeconds > 0) {
      signalShim(pid, 'SIGTERM', false); // the shim passes it on to the program
      const exited = await this.waitExit(id, graceSeconds * 1000);
      if (exited) {
        // The shim still tells attached clients and exits; let it, then clear what is left in its group.
        await waitGone(pid, SHIM_EXIT_GRACE_MS);
        killLeftovers(pid);
        return exited;
      }
    }
    signalShim(pid, 'SIGKILL', true);
    return (await this.waitExit(id, 5_000)) ?? this.inspectContainer(id);
  }

  private async waitExit(id: string, timeoutMs: number): Promise<ContainerStatus | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (let delay = 5; ; delay = Math.min(delay * 2, this.pollMs)) {
      const s = await this.inspectContainer(id);
      if (s?.state !== 'running') return s;
      if (Date.now() >= deadline) return undefined;
      await sleep(Math.min(delay, Math.max(deadline - Date.now(), 1)));
    }
  }

  monitor(id: string, onExit: (status: ContainerStatus) => void): () => void {
    let stopped = false;
    let fired = false;
    let conn: AttachConnection | undefined;
    let timer: NodeJS.Timeout | undefined;
    const check = async (): Promise<void> => {
      const s = await this.inspectContainer(id);
      if (stopped || fired || !s || s.state !== 'exited') return;
      fired = true;
      stop();
      onExit(s);
    };
    const poll = (): void => {
      if (!stopped && !timer) timer = setInterval(() => void check(), this.pollMs);
    };
    const stop = (): void => {
      stopped = true;
      if (timer) clearInterval(timer);
      conn?.close();
    };
    void (async () => {
      await check();
      if (stopped) return;
      try {
        conn = await openAttach(join(containerDir(this.rootDir, id), ATTACH_SOCKET), { stdin: false, stdout: false, stderr: false, tty: false });
      } catch {
        return poll();
      }
      if (stopped) return conn.close();
      conn.on('close', () => void check().then(poll));
    })();
    return () => {
      if (!fired) stop();
    };
  }

  async attach(id: string, header: AttachHeader): Promise<AttachConnection> {
    const status = await this.inspectContainer(id);
    if (!status) throw new ContainerNotFoundError(id);
    if (status.state !== 'running') throw new Error(`container ${id} is not running`);
    return openAttach(join(containerDir(this.rootDir, id), ATTACH_SOCKET), header);
  }

  async removeContainer(id: string): Promise<void> {
    const status = await this.inspectContainer(id);
    if (!status) return;
    if (status.state === 'running') throw new Error(`cannot remove container ${id}: it is running`);
    this.lostAt.delete(id);
    await rm(containerDir(this.rootDir, id), { recursive: true, force: true });
  }

  async exec(id: string, argv: string[], timeoutMs: number): Promise<ExecResult> {
    const files = await readContainerFiles(this.rootDir, id);
    if (!files.spec) throw new ContainerNotFoundError(id);
    return runInContainer(files.spec, argv, timeoutMs);
  }
}
