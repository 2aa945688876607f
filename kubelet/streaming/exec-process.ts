/**
 * A command run "in" a container for `kubectl exec`: the container's environment (spec.json env, which
 * holds PATH with the image's toolbox, HOSTNAME and the service variables) and working directory.
 * With a TTY it runs on a pseudo-terminal (node-pty), so shells are interactive and resize works;
 * without, on pipes, with stdin closed when the client's stdin ends.
 *
 * Output is handed to `onOutput` and the process is paused until that resolves, so a slow client
 * slows the command rather than filling memory. `exited` resolves with the exit code once the output
 * is drained (a shell's code, or 128 + signal).
 */
import { spawn as spawnChild } from 'node:child_process';
import { accessSync, constants as fsConstants } from 'node:fs';
import { spawn as spawnPty } from 'node-pty';
import type { Readable } from 'node:stream';
import { exitCodeOf, lookPath } from './exec-status.js';

export interface ExecSpec {
  command: string[];
  env: Record<string, string>;
  cwd: string;
  tty: boolean;
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
}

export type OutputHandler = (stream: 1 | 2, data: Uint8Array) => Promise<void>;

export interface ExecProcess {
  write(data: Uint8Array): void;
  closeStdin(): void;
  resize(cols: number, rows: number): void;
  /** Hangs up (SIGHUP to the group), then kills whatever is left after a grace period. */
  kill(): void;
  exited: Promise<number>;
}

/** After the process exited, how long to wait for its output pipes to close (a daemonised child may hold them). */
const DRAIN_GRACE_MS = 500;
const KILL_GRACE_MS = 2_000;

function isExecutable(path: string): boolean {
  try {
    accessSync(path, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The executable the command names, found with the container's PATH; undefined when there is none. */
export function resolveCommand(spec: ExecSpec): string | undefined {
  return lookPath(spec.command[0] ?? '', spec.env.PATH, spec.cwd, isExecutable);
}

/** Starts `file` (from resolveCommand) with the spec's argv, environment and streams. */
export function startExec(file: string, spec: ExecSpec, onOutput: OutputHandler): ExecProcess {
  return spec.tty ? startPty(file, spec, onOutput) : startPiped(file, spec, onOutput);
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

function hangUp(pid: number | undefined, exited: Promise<number>): void {
  killGroup(pid, 'SIGHUP');
  const t = setTimeout(() => killGroup(pid, 'SIGKILL'), KILL_GRACE_MS);
  void exited.finally(() => clearTimeout(t));
}

function startPty(file: string, spec: ExecSpec, onOutput: OutputHandler): ExecProcess {
  const env = { TERM: 'xterm', ...spec.env };
  const p = spawnPty(file, spec.command.slice(1), { cols: 80, rows: 24, cwd: spec.cwd, env, encoding: null as unknown as string });
  let chain = Promise.resolve();
  p.onData((data) => {
    p.pause();
    chain = chain.then(() => onOutput(1, data as unknown as Buffer)).finally(() => p.resume());
  });
  const exited = new Promise<number>((resolve) => p.onExit(({ exitCode, signal }) => void chain.then(() => resolve(exitCodeOf(exitCode, signal || null)))));
  return {
    write: (data) => p.write(Buffer.from(data) as unknown as string),
    // A terminal has no "end of input" besides the EOF character, which is what a shell reads as one.
    closeStdin: () => p.write('\x04'),
    resize: (cols, rows) => {
      if (cols > 0 && rows > 0) p.resize(cols, rows);
    },
    kill: () => hangUp(p.pid, exited),
    exited,
  };
}

function startPiped(file: string, spec: ExecSpec, onOutput: OutputHandler): ExecProcess {
  const child = spawnChild(file, spec.command.slice(1), {
    cwd: spec.cwd, env: spec.env, argv0: spec.command[0], detached: true,
    stdio: [spec.stdin ? 'pipe' : 'ignore', spec.stdout ? 'pipe' : 'ignore', spec.stderr ? 'pipe' : 'ignore'],
  });
  // One chain for both streams keeps their order, and the exit code waits for it.
  let chain = Promise.resolve();
  const pump = (stream: Readable | null, id: 1 | 2) =>
    stream?.on('data', (data: Buffer) => {
      stream.pause();
      chain = chain.then(() => onOutput(id, data)).finally(() => stream.resume());
    });
  pump(child.stdout, 1);
  pump(child.stderr, 2);
  child.stdin?.on('error', () => undefined); // the command may exit without reading its input
  const exited = new Promise<number>((resolve) => {
    child.on('error', () => resolve(126)); // could not be started after all (permissions changed...)
    child.on('exit', (code, signal) => {
      const rc = exitCodeOf(code, signal);
      const t = setTimeout(() => void chain.then(() => resolve(rc)), DRAIN_GRACE_MS);
      child.on('close', () => {
        clearTimeout(t);
        void chain.then(() => resolve(rc));
      });
    });
  });
  return {
    write: (data) => void child.stdin?.write(data),
    closeStdin: () => void child.stdin?.end(),
    resize: () => undefined,
    kill: () => hangUp(child.pid, exited),
    exited,
  };
}
