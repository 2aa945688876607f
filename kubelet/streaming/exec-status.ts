/**
 * The Status a kubelet writes on the error channel (3) when an exec ends, as upstream's remotecommand
 * server does, and helpers for finding the command. Pure.
 *
 *   exit 0     {"metadata":{},"status":"Success"}
 *   exit N     Failure, reason NonZeroExitCode, cause {reason: "ExitCode", message: "N"}:
 *              kubectl prints "command terminated with exit code N" and exits with N.
 * The message follows containerd's wording ("error executing command [sh -c exit 3], exit code 3").
 */
import { constants } from 'node:os';
import { posix } from 'node:path';

export interface ExecStatus {
  metadata: Record<string, never>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: { causes: Array<{ reason: string; message: string }> };
  code?: number;
}

export function exitStatus(command: string[], exitCode: number): ExecStatus {
  if (exitCode === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${exitCode}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(exitCode) }] },
  };
}

export function internalErrorStatus(message: string): ExecStatus {
  return { metadata: {}, status: 'Failure', message: `Internal error occurred: ${message}`, reason: 'InternalError', code: 500 };
}

/** A process's exit as a shell reports it: its code, or 128 + the signal number. */
export function exitCodeOf(code: number | null | undefined, signal: string | number | null | undefined): number {
  if (typeof code === 'number' && !(code === 0 && signal)) return code;
  if (typeof signal === 'number' && signal > 0) return 128 + signal;
  if (typeof signal === 'string') return 128 + ((constants.signals as Record<string, number>)[signal] ?? 0);
  return 1;
}

/**
 * Where `argv0` is found with the container's PATH, as execvp looks for it; undefined when nowhere.
 * `isExecutable` is injected so this stays pure.
 */
export function lookPath(argv0: string, path: string | undefined, cwd: string, isExecutable: (p: string) => boolean): string | undefined {
  if (argv0.includes('/')) {
    const full = posix.resolve(cwd, argv0);
    return isExecutable(full) ? full : undefined;
  }
  for (const dir of (path ?? '').split(':')) {
    // An empty PATH entry means the working directory, as execvp reads it.
    const full = posix.resolve(cwd, dir || '.', argv0);
    if (isExecutable(full)) return full;
  }
  return undefined;
}
