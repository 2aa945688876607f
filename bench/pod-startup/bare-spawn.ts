/**
 * The physical baseline of one round: spawn `n` bare echo processes (bare-echo.ts) at once, exactly as
 * the kubelet spawns a shim (`node <script> …`, detached, stdio ignored), and time each from just before
 * its spawn to its first HTTP 200 on <ip>:80, polling every POLL_MS (refused connections are quick).
 *
 *   const bare = await runBareRound(10, 30_000);   // RoundSide (startup-math.ts); RSS read once all answer
 *   await bare.stop();                             // SIGTERM each, SIGKILL stragglers, wait for the exits
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { get } from 'node:http';
import { fileURLToPath } from 'node:url';
import { nsToMs } from '../apiserver/stats.js';
import { processCpuMs, rssKb } from './proc-memory.js';
import { bareAddress, type RoundSide } from './startup-math.js';

const SCRIPT = fileURLToPath(new URL('./bare-echo.js', import.meta.url));
const POLL_MS = 5;

function answers(ip: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get({ host: ip, port: 80, path: '/', agent: false, timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function firstAnswer(ip: string, child: ChildProcess, deadlineNs: bigint): Promise<bigint | undefined> {
  while (process.hrtime.bigint() < deadlineNs && child.exitCode === null) {
    if (await answers(ip)) return process.hrtime.bigint();
    await sleep(POLL_MS);
  }
  return undefined;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

export interface BareRound extends RoundSide {
  stop(): Promise<void>;
}

export async function runBareRound(n: number, timeoutMs: number): Promise<BareRound> {
  const children: ChildProcess[] = [];
  const startNs: bigint[] = [];
  for (let i = 0; i < n; i++) {
    startNs.push(process.hrtime.bigint());
    children.push(spawn(process.execPath, [SCRIPT, bareAddress(i), `bare-${i}`], { detached: true, stdio: 'ignore' }));
  }
  const deadline = startNs[0]! + BigInt(timeoutMs) * 1_000_000n;
  const readyNs = await Promise.all(children.map((c, i) => firstAnswer(bareAddress(i), c, deadline)));
  const latenciesMs = readyNs.flatMap((t, i) => (t === undefined ? [] : [nsToMs(startNs[i]!, t)]));
  const last = readyNs.reduce<bigint>((m, t) => (t !== undefined && t > m ? t : m), startNs[0]!);
  const pids = children.flatMap((c) => (c.pid === undefined ? [] : [c.pid]));
  const defined = (x: number | undefined): x is number => x !== undefined;
  const stop = async () => {
    for (const c of children) c.kill('SIGTERM');
    const killer = setTimeout(() => children.forEach((c) => c.kill('SIGKILL')), 5000);
    await Promise.all(children.map(exited));
    clearTimeout(killer);
  };
  return { latenciesMs, allReadyMs: nsToMs(startNs[0]!, last), failures: n - latenciesMs.length, rssKb: pids.map(rssKb).filter(defined), processCpuMs: pids.map(processCpuMs).filter(defined), stop };
}
