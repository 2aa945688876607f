/**
 * What the kubectl-* end-to-end tests share: kubectl in a shell pipeline, namespaces per test, a
 * parser for kubectl's column output, and `kubectl get -w` as a long-running process.
 *
 *   await createNamespace(cluster, 'tour');
 *   const t = table((await cluster.kubectl(['get', 'pods', '-n', 'tour'])).stdout);
 *   t.header  → ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'];  t.rows[0] → ['hello', '0/2', 'Pending', '0', '3s']
 *   const w = watchKubectl(cluster, ['get', 'pods', '-n', 'tour', '-w']);
 *   await w.waitForLine(/^hello\s/);
 *   await w.stop();                     // kills the kubectl it started, by PID, and waits for it
 *
 * Invariant: every kubectl process started here is either finished or tracked, and `stopAllWatches`
 * (call it in afterAll) kills the tracked ones, so a failed assertion never leaves one behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';
import { run, type Cluster, type CommandResult } from '../harness/cluster.js';

/** The environment that points a kubectl at the cluster, as the harness's `cluster.kubectl` does. */
export function kubectlEnv(cluster: Pick<Cluster, 'kubeconfig' | 'dir'>): NodeJS.ProcessEnv {
  return { KUBECONFIG: cluster.kubeconfig, KUBECACHEDIR: join(cluster.dir, 'kube-cache') };
}

/**
 * A shell command line such as `kubectl api-resources | grep pod`, run by bash against the cluster as
 * a user would type it: the exit code is the last command's (`grep -m 1` may close kubectl's pipe).
 */
export function shell(cluster: Pick<Cluster, 'kubeconfig' | 'dir'>, commandLine: string, env: NodeJS.ProcessEnv = {}): Promise<CommandResult> {
  return run('bash', ['-c', commandLine], { env: { ...kubectlEnv(cluster), ...env } });
}

/** Asserts a command succeeded, showing its stderr when it did not; returns its stdout. */
export function ok(result: CommandResult): string {
  expect(result, `exit ${result.code}: ${result.stderr}`).toMatchObject({ code: 0 });
  return result.stdout;
}

/**
 * Creates a namespace from a manifest (`kubectl create -f -`). Not `kubectl create namespace`: that
 * command sends a protobuf body, which the tutorial story checks on its own.
 */
export async function createNamespace(cluster: Cluster, name: string): Promise<void> {
  const manifest = `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;
  expect(ok(await cluster.kubectl(['create', '-f', '-'], { input: manifest }))).toBe(`namespace/${name} created\n`);
}

export interface Table {
  header: string[];
  rows: string[][];
}

/**
 * kubectl's column output split into cells. Columns start where the header has a word after two or
 * more spaces (kubectl pads with at least three; a header such as "NOMINATED NODE" has one), and a
 * row's cells are cut at the same offsets, so empty cells and cells with spaces come out right.
 */
export function table(stdout: string): Table {
  const lines = stdout.split('\n').filter((l) => l.length > 0);
  const [headerLine, ...rowLines] = lines;
  if (headerLine === undefined) return { header: [], rows: [] };
  const starts = [0];
  for (const m of headerLine.matchAll(/ {2,}(?=\S)/g)) starts.push(m.index + m[0].length);
  const cut = (line: string) => starts.map((s, i) => line.slice(s, starts[i + 1]).trim());
  return { header: cut(headerLine), rows: rowLines.map(cut) };
}

/** The row whose first cell is `name` (or whose cell `column` is), failing the test if there is none. */
export function row(t: Table, name: string, column = 'NAME'): Record<string, string> {
  const i = t.header.indexOf(column);
  const found = t.rows.find((r) => r[i] === name);
  expect(found, `no row with ${column}=${name} in ${JSON.stringify(t)}`).toBeDefined();
  return Object.fromEntries(t.header.map((h, j) => [h, found![j] ?? '']));
}

/** kubectl's AGE cells for something created moments ago: "0s" .. "59s", or "1m".."9m59s" on a slow day. */
export const RECENT_AGE = /^(\d+s|\d+m\d*s?)$/;

export interface KubectlWatch {
  /** Every complete stdout line so far. */
  readonly lines: string[];
  readonly stderr: () => string;
  /** Resolves with the first line at or after index `from` that matches; rejects after `timeoutMs`. */
  waitForLine(pattern: RegExp, opts?: { from?: number; timeoutMs?: number }): Promise<string>;
  /** SIGTERM, SIGKILL after 2 s; resolves once the process has exited. Idempotent. */
  stop(): Promise<void>;
}

/** Every watch still running, with the promise of its exit. */
const running = new Map<ChildProcess, Promise<void>>();

/** Starts a long-running kubectl (e.g. `get pods -w`) whose output the test reads line by line. */
export function watchKubectl(cluster: Pick<Cluster, 'kubeconfig' | 'dir'>, args: string[]): KubectlWatch {
  const child = spawn('/usr/bin/kubectl', args, { env: { ...process.env, ...kubectlEnv(cluster) }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.on('close', () => (running.delete(child), resolve())));
  running.set(child, exited);
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return {
    lines,
    stderr: () => stderr,
    waitForLine: async (pattern, { from = 0, timeoutMs = 10_000 } = {}) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = lines.slice(from).find((l) => pattern.test(l));
        if (hit !== undefined) return hit;
        if (Date.now() > deadline || child.exitCode !== null) {
          throw new Error(`kubectl ${args.join(' ')}: no line matching ${pattern} (exit ${child.exitCode})\nstdout:\n${lines.join('\n')}\nstderr:\n${stderr}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop: () => stopChild(child, exited),
  };
}

function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
    void exited.then(() => clearTimeout(timer));
  }
  return exited;
}

/** Kills every watch this module started that is still running (for afterAll). */
export async function stopAllWatches(): Promise<void> {
  await Promise.all([...running].map(([child, exited]) => stopChild(child, exited)));
}
