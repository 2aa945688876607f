/**
 * Starts the floor server (floor-server.ts) as a child process of the benchmark and stops it by its
 * own PID. Its stdin is a pipe from us: if the benchmark dies, the pipe closes and the floor exits too.
 *
 *   const floor = await startFloor(clusterDir);   // { https, pid, stop() }
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface FloorProcess {
  https: string;
  pid: number;
  stop(): Promise<void>;
}

const ENTRY = join(dirname(fileURLToPath(import.meta.url)), 'floor-server.js');
const START_TIMEOUT_MS = 15_000;

export function startFloor(clusterDir: string): Promise<FloorProcess> {
  const child = spawn(process.execPath, [ENTRY, clusterDir], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error('the floor server did not start'));
    }, START_TIMEOUT_MS);
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      const { https } = JSON.parse(out.slice(0, nl)) as { https: string };
      resolve({ https, pid: child.pid!, stop });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the floor server exited (code ${code})`));
    });
  });
}
