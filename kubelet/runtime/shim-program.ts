/**
 * Starting the program of a container inside the shim, and the handle the shim drives it through.
 *
 * - builtin: the catalogue program's module is imported into this very process and `run(ctx)` called;
 *   the process environment becomes the container's. A signal goes to the handler the program registered;
 *   with none, the program "dies" of it (exit 128+n). A thrown error or rejected promise is printed on the
 *   container's stderr and ends it with exit code 1, as node itself would.
 * - exec: argv[0] is looked up on the container's PATH and spawned as a child (pipes, or a pty under
 *   `tty: true`); signals are passed on to it.
 * A program that cannot start throws StartError (containerd's StartError, exit code 128).
 */
import { accessSync, constants, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { isProgramName, programModuleURL, type ProgramContext, type ProgramModule, type ProgramSignal } from '../images/program.js';
import { spawnPipes, spawnTty, type HostProcess } from './child-process.js';
import { notFoundMessage, signalNumber } from './exit-status.js';
import type { OutputHub } from './shim-output.js';
import type { ContainerSpec } from './spec.js';

export interface ProgramExit {
  exitCode: number;
  signal?: string;
}

export interface RunningProgram {
  childPid?: number;
  writeStdin(data: Buffer): void;
  closeStdin(): void;
  resize(cols: number, rows: number): void;
  signal(signal: ProgramSignal): void;
  /** Ends a built-in program from outside (an uncaught error in its code). */
  crash(err: unknown): void;
  exited: Promise<ProgramExit>;
}

export class StartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartError';
  }
}

// Docker's default PATH, used when the container's environment has none.
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Finds `file` as execvp does: a name with a '/' is used as is, anything else is searched on PATH. */
export function lookPath(file: string, pathVar: string | undefined): string {
  if (file.includes('/')) {
    if (isExecutableFile(file)) return file;
    throw new StartError(notFoundMessage(file));
  }
  for (const dir of (pathVar ?? DEFAULT_PATH).split(':')) {
    const candidate = join(dir || '.', file);
    if (isExecutableFile(candidate)) return candidate;
  }
  throw new StartError(notFoundMessage(file));
}

/** The container's working directory when the host has it, else `/` (runc would create it; we may not). */
export function containerWorkingDir(spec: ContainerSpec): string {
  const dir = spec.workingDir;
  if (dir && isAbsolute(dir)) {
    try {
      if (statSync(dir).isDirectory()) return dir;
    } catch {
      // Not on this host.
    }
  }
  return '/';
}

function errorText(err: unknown): string {
  return (err instanceof Error ? (err.stack ?? err.message) : String(err)) + '\n';
}

async function startBuiltin(spec: ContainerSpec, name: string, out: OutputHub): Promise<RunningProgram> {
  if (!isProgramName(name)) throw new StartError(`no built-in program ${JSON.stringify(name)} in the image catalogue`);
  const mod = (await import(programModuleURL(name).href)) as ProgramModule;
  for (const key of Object.keys(process.env)) delete process.env[key];
  Object.assign(process.env, spec.env);
  const stdin = new PassThrough();
  if (!spec.stdin) stdin.end();
  let handler: ((s: ProgramSignal) => void) | undefined;
  let settle!: (e: ProgramExit) => void;
  const exited = new Promise<ProgramExit>((resolve) => (settle = resolve));
  const ctx: ProgramContext = {
    argv: spec.argv, env: { ...spec.env }, podIP: spec.podIP, hostname: spec.hostname,
    stdout: { write: (c) => out.write('stdout', c) },
    stderr: { write: (c) => out.write('stderr', c) },
    stdin,
    onSignal: (h) => void (handler = h),
  };
  const crash = (err: unknown): void => {
    out.write('stderr', errorText(err));
    settle({ exitCode: 1 });
  };
  // A program that throws before its first await crashes like one that rejects: exit code 1.
  new Promise<number>((resolve) => resolve(mod.run(ctx))).then((code) => settle({ exitCode: code & 0xff }), crash);
  return {
    writeStdin: (data) => void (stdin.writable && stdin.write(data)),
    closeStdin: () => void stdin.end(),
    resize: () => undefined,
    signal: (s) => (handler ? handler(s) : settle({ exitCode: 128 + (signalNumber(s) ?? 15), signal: s })),
    crash,
    exited,
  };
}

async function startExec(spec: ContainerSpec, path: string, out: OutputHub): Promise<RunningProgram> {
  const file = lookPath(path, spec.env.PATH);
  const opts = { env: spec.env, cwd: containerWorkingDir(spec), stdin: spec.stdin };
  let proc: HostProcess;
  try {
    proc = await (spec.tty ? spawnTty : spawnPipes)(file, spec.argv, opts);
  } catch (err) {
    throw new StartError(`failed to start ${file}: ${(err as Error).message}`);
  }
  proc.stdout.on('data', (c: Buffer) => out.write('stdout', c));
  proc.stderr?.on('data', (c: Buffer) => out.write('stderr', c));
  proc.stdin?.on('error', () => undefined); // the program may exit without reading its input
  return {
    childPid: proc.pid,
    writeStdin: (data) => void (proc.stdin?.writable && proc.stdin.write(data)),
    closeStdin: () => void proc.stdin?.end(),
    resize: (cols, rows) => proc.resize(cols, rows),
    signal: (s) => proc.kill(s),
    crash: (err) => out.write('stderr', errorText(err)),
    exited: proc.exited,
  };
}

export function startProgram(spec: ContainerSpec, out: OutputHub): Promise<RunningProgram> {
  const p = spec.program;
  return p.kind === 'builtin' ? startBuiltin(spec, p.name, out) : startExec(spec, p.path, out);
}
