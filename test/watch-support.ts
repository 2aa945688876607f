/**
 * What the watch-* end-to-end tests share besides clients-support.ts: a raw HTTPS watch that collects
 * the newline-delimited events, and an extra apiserver process started by the test itself with flags
 * the CLI has no way to pass (`--watch-history-length`), with the argv `kubelab up` recorded.
 *
 *   const w = httpWatch(server, cluster, `/api/v1/namespaces/x/configmaps?resourceVersion=${rv}`);
 *   const extra = await startExtraApiserver(cluster, { serverId: 'apiserver-small', extraArgs: ['--watch-history-length', '5'] });
 *   ...
 *   await extra.stop();   // the test kills what it started, by PID
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { ClusterState } from '../cli/state.js';
import type { WatchEvent } from '../lib/api/types.js';
import { waitFor } from './clients-support.js';
import type { Cluster } from './harness/cluster.js';

export interface HttpWatch {
  events: WatchEvent[];
  /** HTTP status of the watch response. */
  status: Promise<number>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** A raw watch over HTTPS (`?watch=1` added to `path`), collecting the newline-delimited events. */
export function httpWatch(server: string, auth: Pick<Cluster, 'ca' | 'token'>, path: string): HttpWatch {
  const events: WatchEvent[] = [];
  let resolveStatus!: (s: number) => void;
  let resolveEnded!: () => void;
  const status = new Promise<number>((r) => (resolveStatus = r));
  const ended = new Promise<void>((r) => (resolveEnded = r));
  const sep = path.includes('?') ? '&' : '?';
  const req = httpsRequest(`${server}${path}${sep}watch=1`, { ca: auth.ca, headers: { authorization: `Bearer ${auth.token}` }, agent: false }, (res) => {
    resolveStatus(res.statusCode ?? 0);
    let buffer = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        if (line) events.push(JSON.parse(line) as WatchEvent);
      }
    });
    res.on('end', resolveEnded);
    res.on('close', resolveEnded);
  });
  req.on('error', () => {
    resolveStatus(0);
    resolveEnded();
  });
  req.end();
  return { events, status, ended, close: () => req.destroy() };
}

export interface ExtraApiserver {
  /** https://127.0.0.1:<port> */
  server: string;
  pid: number;
  /** SIGKILL, and wait until the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (it withdraws from the kubernetes Endpoints), SIGKILL after 10 s. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts one more apiserver with the recorded command line of `apiserver-1` (DIR/state.json), on a
 * free port or `port`, under `serverId`, with `extraArgs` appended: for flags the CLI has no way to
 * pass (e.g. --watch-history-length). The test owns the process and must stop it.
 */
export async function startExtraApiserver(
  cluster: Pick<Cluster, 'dir' | 'ca'>, opts: { serverId: string; extraArgs: string[]; port?: number },
): Promise<ExtraApiserver> {
  const state = JSON.parse(readFileSync(join(cluster.dir, 'state.json'), 'utf8')) as ClusterState;
  const record = state.components.find((c) => c.name === 'apiserver-1');
  if (!record) throw new Error('no apiserver-1 in state.json');
  const port = opts.port ?? (await freePort());
  const argv = withFlag(withFlag(record.argv, '--port', String(port)), '--server-id', opts.serverId);
  const logFile = openSync(join(cluster.dir, 'logs', `${opts.serverId}.log`), 'a');
  const child = spawn(argv[0]!, [...argv.slice(1), ...opts.extraArgs], { stdio: ['ignore', logFile, logFile] });
  closeSync(logFile);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server = `https://127.0.0.1:${port}`;
  let alive = true;
  void exited.then(() => (alive = false));
  await waitFor(async () => !alive || (await readyz(server, cluster.ca)), 30_000, `${opts.serverId} ready on ${server}`);
  if (!alive) throw new Error(`${opts.serverId} exited at start; see ${join(cluster.dir, 'logs', `${opts.serverId}.log`)}`);
  const signal = async (sig: NodeJS.Signals, graceMs: number) => {
    if (!alive) return;
    child.kill(sig);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  return { server, pid: child.pid!, kill: () => signal('SIGKILL', 0), stop: () => signal('SIGTERM', 10_000) };
}

function withFlag(argv: string[], flag: string, value: string): string[] {
  const i = argv.indexOf(flag);
  if (i < 0) return [...argv, flag, value];
  return [...argv.slice(0, i + 1), value, ...argv.slice(i + 2)];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createNetServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** GET /readyz: true on 200, false on any error (not listening yet, not ready). */
export function readyz(server: string, ca: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = httpsRequest(`${server}/readyz`, { ca, agent: false, timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}
