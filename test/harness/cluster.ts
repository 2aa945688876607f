/**
 * The end-to-end harness: every e2e test starts its cluster with the project's own launcher, exactly as
 * a user would (`kubelab up --detach` in a fresh temporary directory), and talks to it with the real
 * kubectl. Requires a build (dist/) and redis-server and nats-server on the machine.
 *
 *   const cluster = await startCluster({ nodes: 2 });
 *   const { stdout } = await cluster.kubectl(['get', 'nodes']);
 *   await cluster.cli(['kill', 'apiserver-1']);
 *   await cluster.stop();   // kubelab down, then proves by PID that nothing it started still runs,
 *                           // the container shims the kubelets started included
 *
 * A cluster has a scheduler and one kubelet per node unless the test leaves them out: a story about
 * the apiserver alone, in which pods must stay Pending, asks for `without: ['scheduler', 'kubelets']`.
 *
 * Each cluster has its own kubeconfig and its own kubectl cache directory: kubectl caches discovery per
 * host:port, and a port reused by a later test's cluster must not be served from an older one's cache.
 *
 * The apiserver serves HTTPS with a certificate from the cluster's own CA. A test that calls it without
 * kubectl trusts that CA and nothing else, as kubectl does: `apiGet(cluster, '/version')`, or with
 * node's https itself: `https.get(url, { ca: cluster.ca, headers: { authorization: ... } })`.
 *
 * KUBELAB_E2E_ENTRIES="apiserver=dist/test/harness/stand-in-apiserver.js" runs every cluster against
 * another build of a component group (comma-separated GROUP=PATH pairs), e.g. to check the launcher
 * itself with the stand-in apiserver.
 */
import { spawn } from 'node:child_process';
import { get as httpsGet } from 'node:https';
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { clusterPaths } from '../../cli/cluster-paths.js';
import { readNodeContainers } from '../../cli/containers.js';
import { currentCredentials } from '../../cli/kubeconfig.js';
import { listProcesses, sameProcess } from '../../cli/procfs.js';
import type { ClusterState } from '../../cli/state.js';
import type { StatusReport } from '../../cli/status-view.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(REPO_ROOT, 'dist', 'cli', 'main.js');
const KUBECTL = '/usr/bin/kubectl';
const COMMAND_TIMEOUT_MS = 90_000;

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: string;
  env?: NodeJS.ProcessEnv;
}

export interface Cluster {
  dir: string;
  kubeconfig: string;
  /** https://127.0.0.1:<port> of the first apiserver, from the kubeconfig. */
  server: string;
  token: string;
  /** The cluster CA (PEM), from the kubeconfig's certificate-authority-data. */
  ca: string;
  kubectl(args: string[], opts?: RunOptions): Promise<CommandResult>;
  /** `kubelab <args> --dir <dir>`. */
  cli(args: string[]): Promise<CommandResult>;
  /** `kubelab status -o json`, parsed. */
  status(): Promise<StatusReport>;
  /** Downs the cluster, verifies no process it started survives, deletes the directory. Idempotent. */
  stop(): Promise<void>;
}

export interface StartOptions {
  nodes?: number;
  apiservers?: number;
  schedulers?: number;
  /** Components `kubelab up --without` leaves out, e.g. ['scheduler', 'kubelets']. */
  without?: string[];
  /** Component group → entry script, overriding the built one (see the header). */
  entries?: Record<string, string>;
}

export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<CommandResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), COMMAND_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}

export interface ApiResponse {
  status: number;
  body: string;
  /** The certificate the apiserver presented. */
  peerCertificate: DetailedPeerCertificate;
}

export interface ApiGetOptions {
  /** The CA to trust; the cluster's by default. undefined trusts Node's public roots only. */
  ca?: string | undefined;
  /** Send the cluster's bearer token (default true). */
  token?: boolean;
}

/** GET <server><path> over HTTPS; rejects with Node's error (its `code` says why) when TLS fails. */
export function apiGet(cluster: Pick<Cluster, 'server' | 'token' | 'ca'>, path: string, opts: ApiGetOptions = {}): Promise<ApiResponse> {
  const ca = 'ca' in opts ? opts.ca : cluster.ca;
  const headers = opts.token === false ? {} : { authorization: `Bearer ${cluster.token}` };
  return new Promise((resolvePromise, reject) => {
    const req = httpsGet(`${cluster.server}${path}`, { ...(ca ? { ca } : {}), headers, agent: false, timeout: COMMAND_TIMEOUT_MS }, (res) => {
      const peerCertificate = (res.socket as TLSSocket).getPeerCertificate(true);
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, body, peerCertificate }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${path}: timed out`)));
    req.on('error', reject);
  });
}

function entriesFromEnv(): Record<string, string> {
  const raw = process.env.KUBELAB_E2E_ENTRIES ?? '';
  return Object.fromEntries(
    raw
      .split(',')
      .filter(Boolean)
      .map((pair) => {
        const [group, path] = pair.split('=');
        return [group!, resolve(REPO_ROOT, path!)];
      }),
  );
}

function readState(dir: string): ClusterState {
  try {
    return JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as ClusterState;
  } catch {
    return { version: 1, components: [] };
  }
}

/** A container shim as its state.json records it: what `kubelab down` must stop. */
export interface ShimProcess {
  name: string;
  pid: number;
  startTime: number;
}

/** The shims every node of the cluster in `dir` has recorded (read before `down --purge` deletes them). */
export function containerShims(dir: string): ShimProcess[] {
  return readNodeContainers(clusterPaths(dir)).flatMap((c) =>
    c.pid !== undefined && c.startTime !== undefined ? [{ name: `container ${c.namespace}/${c.pod}/${c.container} on ${c.node}`, pid: c.pid, startTime: c.startTime }] : [],
  );
}

/**
 * Every recorded component process and container shim that is still alive, and whatever they left
 * in their sessions (a shim leads its own session, as a component does).
 */
export function survivors(state: ClusterState, shims: ShimProcess[] = []): Array<{ name: string; pid: number }> {
  const all = listProcesses();
  const leaders = [
    ...state.components.flatMap((c) => (c.pid !== undefined && c.startTime !== undefined ? [{ name: c.name, pid: c.pid, startTime: c.startTime }] : [])),
    ...shims,
  ];
  return leaders.flatMap((c) => {
    const own = sameProcess(c.pid, c.startTime) ? [{ name: c.name, pid: c.pid }] : [];
    const children = all.filter((p) => p.session === c.pid && p.pid !== c.pid && p.startTime >= c.startTime && p.state !== 'Z');
    return [...own, ...children.map((p) => ({ name: `${c.name} (session member ${p.comm})`, pid: p.pid }))];
  });
}

export async function startCluster(opts: StartOptions = {}): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-e2e-'));
  const entries = { ...entriesFromEnv(), ...opts.entries };
  const args = ['up', '--dir', dir, '--detach', '--profile', 'fast', '--no-merge-kubeconfig'];
  if (opts.nodes !== undefined) args.push('--nodes', String(opts.nodes));
  if (opts.apiservers !== undefined) args.push('--apiservers', String(opts.apiservers));
  if (opts.schedulers !== undefined) args.push('--schedulers', String(opts.schedulers));
  if (opts.without?.length) args.push('--without', opts.without.join(','));
  for (const [group, path] of Object.entries(entries)) args.push('--entry', `${group}=${path}`);
  const up = await run(process.execPath, [CLI, ...args]);
  if (up.code !== 0) {
    // A failed `up --detach` stops what it started; the directory only holds logs worth showing.
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`kubelab up failed (exit ${up.code}):\n${up.stdout}${up.stderr}`);
  }
  const kubeconfig = join(dir, 'kubeconfig');
  const { server, token, ca } = currentCredentials(parse(readFileSync(kubeconfig, 'utf8')));
  const cli = (a: string[]) => run(process.execPath, [CLI, ...a, '--dir', dir]);
  let stopping: Promise<void> | undefined;
  if (!ca) {
    await stopCluster(dir, cli);
    throw new Error(`${kubeconfig} has no certificate-authority-data for ${server}`);
  }
  return {
    dir,
    kubeconfig,
    server,
    token,
    ca,
    cli,
    kubectl: (a, o = {}) => run(KUBECTL, a, { ...o, env: { KUBECONFIG: kubeconfig, KUBECACHEDIR: join(dir, 'kube-cache'), ...o.env } }),
    status: async () => {
      const r = await cli(['status', '-o', 'json']);
      if (r.code !== 0) throw new Error(`kubelab status failed: ${r.stderr}`);
      return JSON.parse(r.stdout) as StatusReport;
    },
    stop: () => (stopping ??= stopCluster(dir, cli)), // once: a second call gets the first one's outcome
  };
}

async function stopCluster(dir: string, cli: (a: string[]) => Promise<CommandResult>): Promise<void> {
  // The state as it was before down: down --purge deletes the directory with state.json in it. The
  // shims are read after a plain `down`, which stopped the kubelets first, so none can start after.
  const before = readState(dir);
  const first = await cli(['down']);
  const shims = containerShims(dir);
  const purge = await cli(['down', '--purge']); // also when the first failed: give back the address range
  const down = first.code !== 0 ? first : purge;
  const left = survivors(before, shims);
  for (const p of left) {
    try {
      process.kill(p.pid, 'SIGKILL'); // do not leak processes into the next test, but still fail this one
    } catch {
      /* gone meanwhile */
    }
  }
  rmSync(dir, { recursive: true, force: true });
  if (down.code !== 0) throw new Error(`kubelab down failed (exit ${down.code}):\n${down.stdout}${down.stderr}`);
  if (left.length) throw new Error(`processes still running after kubelab down: ${left.map((p) => `${p.name}=${p.pid}`).join(', ')}`);
}
