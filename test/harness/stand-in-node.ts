/**
 * A stand-in node for end-to-end tests of `kubectl logs`, `exec` and `attach` that must not depend on
 * the real kubelet: it serves the node's streaming subjects with the kubelet's own streaming code
 * (kubelet/streaming), over "containers" laid out exactly as kubelet/runtime/CONTRACT.md says
 * (spec.json, state.json, exit.json, a CRI log file, an attach.sock that echoes stdin), each a real
 * `sleep` process, and marks its pods Running (or waiting) by a status update, as a kubelet would.
 *
 *   const node = await StandInNode.start(cluster, 'stand-in-1');
 *   await node.runPod('hello', [{ name: 'nginx', env: { GREETING: 'hi' }, log: ['line one'] }]);
 *   node.appendLog('hello', 'nginx', 'another line');
 *   node.stopContainer('hello', 'nginx');   // the process ends, exit.json is written: `logs -f` ends
 *   node.crash();                           // drops its NATS connection without a word: a node that died
 *   node.hang();                            // still subscribed, never answers: a kubelet that hangs
 *   await node.stop();                      // kills every process it started, by PID
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import type { KubeObject } from '../../lib/api/types.js';
import { ApiClient } from '../../lib/client/api-client.js';
import { NatsTransport } from '../../lib/client/nats-transport.js';
import { PODS } from '../../lib/client/resource-refs.js';
import { silentLogger } from '../../lib/log.js';
import { connectNats, readCredentials } from '../../lib/nats/connection.js';
import { subjects } from '../../lib/nats/subjects.js';
import { startStreamingServer } from '../../kubelet/streaming/index.js';
import type { StreamServer } from '../../kubelet/streaming/stream-server.js';
import { startFakeShim, type FakeShim } from '../../kubelet/streaming/testing/fake-shim.js';
import type { Cluster } from './cluster.js';

export interface StandInContainer {
  name: string;
  env?: Record<string, string>;
  /** Lines already in its log when it starts. */
  log?: string[];
  /** Not started: the status shows it waiting with this reason (e.g. ContainerCreating). */
  waiting?: string;
}

interface Running {
  id: string;
  pid: number;
  logPath: string;
}

const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

export class StandInNode {
  private readonly containers = new Map<string, Running>();
  private readonly shims: Array<Promise<FakeShim>> = [];
  private server?: StreamServer;

  private constructor(
    readonly name: string,
    private readonly rootDir: string,
    private readonly nc: NatsConnection,
    private readonly api: ApiClient,
  ) {}

  static async start(cluster: Pick<Cluster, 'dir'>, name: string): Promise<StandInNode> {
    const creds = await readCredentials(join(cluster.dir, 'credentials', 'kubelet.json'));
    const nc = await connectNats({ ...creds, name: `stand-in-${name}`, log: silentLogger(), waitOnFirstConnect: false });
    const api = new ApiClient({ transport: new NatsTransport(nc, { log: silentLogger() }), user: creds.user });
    const rootDir = join(cluster.dir, 'stand-in', name);
    mkdirSync(join(rootDir, 'containers'), { recursive: true });
    const node = new StandInNode(name, rootDir, nc, api);
    node.server = startStreamingServer({ nc, subjects: subjects(), nodeName: name, rootDir, log: silentLogger() });
    return node;
  }

  /** Creates the pod bound to this node and reports it as a kubelet would once its containers run. */
  async runPod(pod: string, containers: StandInContainer[], namespace = 'default'): Promise<KubeObject> {
    const created = await this.api.create(PODS, namespace, {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: pod, namespace },
      spec: { nodeName: this.name, containers: containers.map((c) => ({ name: c.name, image: 'posquit0/doraemon' })) },
    });
    const statuses = containers.map((c) => (c.waiting ? waitingStatus(c) : this.startContainer(created, c, namespace)));
    const allRunning = containers.every((c) => !c.waiting);
    const status = {
      phase: allRunning ? 'Running' : 'Pending', hostIP: '127.0.0.1', podIP: '127.0.0.1', startTime: now(),
      conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: now() }],
      containerStatuses: statuses,
    };
    return this.api.updateStatus(PODS, { ...created, status });
  }

  appendLog(pod: string, container: string, ...lines: string[]): void {
    const c = this.container(pod, container);
    appendFileSync(c.logPath, lines.map(criLine).join(''));
  }

  /** The container's process ends and the shim's exit.json appears, as when a container stops. */
  stopContainer(pod: string, container: string): void {
    const c = this.container(pod, container);
    kill(c.pid);
    writeFileSync(join(this.rootDir, 'containers', c.id, 'exit.json'), JSON.stringify({ exitCode: 0, finishedAt: now(), reason: 'Completed' }));
  }

  /** The kubelet hangs (as under SIGSTOP): open requests reach it and are never answered. */
  hang(): void {
    this.server?.stop();
    const s = subjects().node(this.name);
    for (const subject of [s.logs, s.exec, s.attach]) this.nc.subscribe(subject, { callback: () => undefined });
  }

  /** The node dies: its NATS connection is gone without ending any session. */
  async crash(): Promise<void> {
    await this.nc.close();
  }

  async stop(): Promise<void> {
    this.server?.stop();
    for (const c of this.containers.values()) kill(c.pid);
    await Promise.all(this.shims.map(async (s) => (await s).close()));
    if (!this.nc.isClosed()) await this.nc.close();
  }

  private container(pod: string, container: string): Running {
    const c = this.containers.get(`${pod}/${container}`);
    if (!c) throw new Error(`no container ${container} in pod ${pod} on ${this.name}`);
    return c;
  }

  private startContainer(pod: KubeObject, c: StandInContainer, namespace: string): Record<string, unknown> {
    const id = randomBytes(32).toString('hex');
    const dir = join(this.rootDir, 'containers', id);
    const logDir = join(this.rootDir, 'logs', `${namespace}_${pod.metadata.name}_${pod.metadata.uid}`, c.name);
    mkdirSync(dir, { recursive: true });
    mkdirSync(logDir, { recursive: true });
    const logPath = join(logDir, '0.log');
    writeFileSync(logPath, (c.log ?? []).map(criLine).join(''));
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/root', HOSTNAME: pod.metadata.name!, ...c.env };
    const spec = {
      id, podUID: pod.metadata.uid, podName: pod.metadata.name, namespace, containerName: c.name, restartCount: 0,
      image: 'posquit0/doraemon', program: { kind: 'exec', path: 'sleep' }, argv: ['sleep', '3600'], env,
      podIP: '127.0.0.1', hostname: pod.metadata.name, tty: false, stdin: false, stdinOnce: false,
      logPath, logMaxBytes: 10 * 1024 * 1024, logMaxFiles: 5,
    };
    writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
    this.shims.push(startFakeShim(join(dir, 'attach.sock')));
    const child = spawn('sleep', ['3600'], { detached: true, stdio: 'ignore' });
    child.unref();
    writeFileSync(join(dir, 'state.json'), JSON.stringify({ pid: child.pid, startedAt: now() }));
    this.containers.set(`${pod.metadata.name}/${c.name}`, { id, pid: child.pid!, logPath });
    return {
      name: c.name, image: 'docker.io/posquit0/doraemon:latest', imageID: 'docker.io/posquit0/doraemon@sha256:' + '0'.repeat(64),
      containerID: `kubelab://${id}`, ready: true, started: true, restartCount: 0, state: { running: { startedAt: now() } },
    };
  }
}

function waitingStatus(c: StandInContainer): Record<string, unknown> {
  return { name: c.name, image: 'posquit0/doraemon', imageID: '', ready: false, started: false, restartCount: 0, state: { waiting: { reason: c.waiting } } };
}

/** One line in the CRI log format the shim writes. */
function criLine(text: string): string {
  return `${new Date().toISOString()} stdout F ${text}\n`;
}

function kill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* gone already */
  }
}
