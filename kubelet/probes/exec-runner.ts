/**
 * Running a command "in" a container when the runtime offers no exec of its own: a child process of
 * the kubelet with the container's environment and working directory (kubelab containers are host
 * processes, so this is the same machine, PATH included). Output is stdout and stderr interleaved and
 * capped; on timeout the process group is killed. Never rejects.
 */
import { spawn } from 'node:child_process';
import type { ExecResult } from '../runtime-port.js';

const MAX_OUTPUT = 10 * 1024;

export function spawnExec(argv: string[], env: Record<string, string>, cwd: string | undefined, timeoutMs: number): Promise<ExecResult> {
  return new Promise((resolve) => {
    if (argv.length === 0) {
      resolve({ exitCode: 126, output: 'no command given', timedOut: false });
      return;
    }
    let output = '';
    let timedOut = false;
    let settled = false;
    const settle = (r: ExecResult) => {
      clearTimeout(timer);
      if (!settled) resolve(r);
      settled = true;
    };
    const child = spawn(argv[0]!, argv.slice(1), { env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const add = (d: Buffer) => {
      if (output.length < MAX_OUTPUT) output += d.toString().slice(0, MAX_OUTPUT - output.length);
    };
    child.stdout.on('data', add);
    child.stderr.on('data', add);
    const timer = setTimeout(() => {
      timedOut = true;
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ }
    }, timeoutMs);
    child.on('error', (err: NodeJS.ErrnoException) => {
      const why = err.code === 'ENOENT' ? `exec: "${argv[0]}": executable file not found in $PATH` : err.message;
      settle({ exitCode: err.code === 'ENOENT' ? 127 : 126, output: why, timedOut: false });
    });
    child.on('close', (code, signal) => settle({ exitCode: code ?? (signal === 'SIGKILL' ? 137 : 143), output, timedOut }));
  });
}
