/**
 * A command run in a container's environment for an exec probe or a preStop hook: the container's env,
 * PATH and working directory, stdout and stderr collected together, killed (SIGKILL) at the timeout.
 * A command that cannot be found is the runtime's start error, as containerd reports it for an exec.
 */
import { spawn } from 'node:child_process';
import { exitCodeOf } from './exit-status.js';
import { containerWorkingDir, lookPath } from './shim-program.js';
import type { ContainerSpec } from './spec.js';

export interface ExecResult {
  exitCode: number;
  /** stdout and stderr, interleaved as written. */
  output: string;
  timedOut: boolean;
}

// Probe output beyond this is dropped, as the kubelet keeps only a bounded amount (10 KiB).
const MAX_OUTPUT_BYTES = 10 * 1024;

export function runInContainer(spec: ContainerSpec, argv: string[], timeoutMs: number): Promise<ExecResult> {
  const file = lookPath(argv[0] ?? '', spec.env.PATH);
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv.slice(1), { argv0: argv[0], env: spec.env, cwd: containerWorkingDir(spec), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const chunks: Buffer[] = [];
    let size = 0;
    const collect = (c: Buffer): void => {
      if (size < MAX_OUTPUT_BYTES) chunks.push(c.subarray(0, MAX_OUTPUT_BYTES - size));
      size += c.length;
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ exitCode: exitCodeOf(code, signal), output: Buffer.concat(chunks).toString('utf8'), timedOut });
    });
  });
}
