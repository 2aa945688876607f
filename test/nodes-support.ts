/**
 * What the nodes-* end-to-end tests share: polling until something holds, kubectl's JSON output,
 * a pod's events, and tmux on a private server for the stories that need a real terminal.
 *
 *   const pod = await getJson(cluster, ['get', 'pod', 'hello']);
 *   await eventually('hello to run', async () => (await phase()) === 'Running' || undefined);
 *   const term = privateTmux('kubelab-e2e-nodes-<pid>');  await term(['new-session', '-d', ...]);
 *
 * Invariant: tmux runs on its own socket, so killing its server (afterAll) touches no other session.
 */
import { spawn } from 'node:child_process';
import type { KubeObject } from '../lib/api/types.js';
import type { Cluster } from './harness/cluster.js';

export { eventually } from './harness/eventually.js';

/** `kubectl <args> -o json`, parsed; throws with kubectl's stderr when it fails. */
export async function getJson(cluster: Cluster, args: string[]): Promise<KubeObject> {
  const r = await cluster.kubectl([...args, '-o', 'json']);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout) as KubeObject;
}

export interface EventSummary {
  reason: string;
  message: string;
  type: string;
  count: number;
}

/** The events about one object, oldest first. */
export async function eventsFor(cluster: Cluster, name: string, namespace = 'default'): Promise<EventSummary[]> {
  const list = await getJson(cluster, ['get', 'events', '-n', namespace, '--field-selector', `involvedObject.name=${name}`]);
  return ((list.items ?? []) as KubeObject[]).map((e) => ({ reason: e.reason, message: e.message, type: e.type, count: e.count ?? 1 }));
}

/** A tmux client bound to a private server; stdin is not a pipe because tmux does not read it. */
export function privateTmux(socket: string): (args: string[]) => Promise<string> {
  return (args) => new Promise((resolve, reject) => {
    const child = spawn('tmux', ['-L', socket, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`tmux ${args[0]}: ${err}`))));
  });
}
