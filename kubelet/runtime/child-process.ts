/**
 * Host processes for `exec` programs, behind one small interface so that the terminal implementation can
 * be swapped (node-pty, if it is ever installed) without touching the shim.
 *
 * - `spawnPipes`: stdin/stdout/stderr on pipes.
 * - `spawnTty`: a real pseudo-terminal without native code, through util-linux `script(1)`:
 *   `script -q -e -c 'exec <argv>' /dev/null` runs the program on a fresh pty whose master `script` relays
 *   over our pipes, so the line discipline echoes, turns ^C into SIGINT and translates newlines, as for a
 *   container with `tty: true`. Resizing finds the pty slave through /proc (the fd 0 of script's child)
 *   and sets its size with `stty -F`, which also sends SIGWINCH to the foreground process group.
 *   stdout and stderr arrive merged on stdout, as from a terminal.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { exitCodeOf } from './exit-status.js';

export interface SpawnOptions {
  env: Record<string, string>;
  cwd: string;
  /** Keep a stdin pipe (else stdin is /dev/null). */
  stdin: boolean;
}

export interface HostProcess {
  pid: number;
  stdin?: Writable;
  stdout: Readable;
  stderr?: Readable;
  /** Delivers a signal to the program itself (under a TTY, the process on the pty, not script). */
  kill(signal: NodeJS.Signals): void;
  resize(cols: number, rows: number): void;
  /** Settles once the process exited and its output was drained: an exit code, or 128 + signal. */
  exited: Promise<{ exitCode: number; signal?: string }>;
}

// After the process exits, how long to wait for its pipes to close (a background child may hold them).
const DRAIN_GRACE_MS = 500;

function whenSpawned(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    child.once('spawn', () => resolve());
    child.once('error', reject);
  });
}

function exitedOf(child: ChildProcess): Promise<{ exitCode: number; signal?: string }> {
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      const result = { exitCode: exitCodeOf(code, signal), ...(signal ? { signal } : {}) };
      const timer = setTimeout(() => resolve(result), DRAIN_GRACE_MS);
      child.once('close', () => {
        clearTimeout(timer);
        resolve(result);
      });
    });
  });
}

export async function spawnPipes(file: string, argv: string[], opts: SpawnOptions): Promise<HostProcess> {
  const child = spawn(file, argv.slice(1), {
    argv0: argv[0], env: opts.env, cwd: opts.cwd, stdio: [opts.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  const exited = exitedOf(child);
  await whenSpawned(child);
  return {
    pid: child.pid!, stdin: child.stdin ?? undefined, stdout: child.stdout!, stderr: child.stderr!,
    kill: (signal) => void child.kill(signal),
    resize: () => undefined,
    exited,
  };
}

/** Quotes a word for sh: single quotes, with each ' written as '\''. Pure. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The command script(1) runs through /bin/sh: restore SHELL as the container had it, then exec argv. Pure. */
export function ttyCommand(file: string, argv: string[], shell: string | undefined): string {
  const restore = shell === undefined ? 'unset SHELL; ' : `SHELL=${shellQuote(shell)}; export SHELL; `;
  return restore + 'exec ' + [file, ...argv.slice(1)].map(shellQuote).join(' ');
}

/** The process script(1) started on the pty, if it is there yet. */
function ptyChild(scriptPid: number): number | undefined {
  try {
    const kids = readFileSync(`/proc/${scriptPid}/task/${scriptPid}/children`, 'utf8').trim().split(/\s+/);
    return kids[0] ? Number(kids[0]) : undefined;
  } catch {
    return undefined;
  }
}

export async function spawnTty(file: string, argv: string[], opts: SpawnOptions): Promise<HostProcess> {
  const env = { ...opts.env, SHELL: '/bin/sh' };
  const cmd = ttyCommand(file, argv, opts.env.SHELL);
  // stdin is always a pipe: at EOF script hangs up the pty, which a tty container without stdin must not see.
  const child = spawn('script', ['-q', '-e', '-c', cmd, '/dev/null'], { env, cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = exitedOf(child);
  await whenSpawned(child);
  const scriptPid = child.pid!;
  const resize = (cols: number, rows: number, attempt = 0): void => {
    const pid = ptyChild(scriptPid);
    let pts: string | undefined;
    try {
      pts = pid ? readlinkSync(`/proc/${pid}/fd/0`) : undefined;
    } catch {
      pts = undefined;
    }
    if (!pts?.startsWith('/dev/pts/')) {
      if (attempt < 20) setTimeout(() => resize(cols, rows, attempt + 1), 25);
      return;
    }
    execFile('stty', ['-F', pts, 'cols', String(cols), 'rows', String(rows)], () => undefined);
  };
  return {
    pid: scriptPid, stdin: child.stdin!, stdout: child.stdout!, stderr: child.stderr!,
    kill: (signal) => {
      const target = ptyChild(scriptPid) ?? scriptPid;
      try {
        process.kill(target, signal);
      } catch {
        // Already gone.
      }
    },
    resize: (cols, rows) => resize(cols, rows),
    exited,
  };
}
