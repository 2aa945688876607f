/**
 * StreamingRuntime over the files of kubelet/runtime/CONTRACT.md, under the kubelet's root dir:
 *
 *   containers/<id>/spec.json    what the container is (env, workingDir, logPath)
 *   containers/<id>/state.json   {pid, startedAt} once it runs
 *   containers/<id>/exit.json    once it ended
 *   containers/<id>/attach.sock  the shim's socket
 *   containers/<id>/home         HOME of exec'd commands (the streaming server creates it)
 *
 * Without an `inspect` function, a container is running when state.json exists, exit.json does not,
 * and its PID is alive (signal 0). The kubelet's runtime client is stricter (it compares the PID's
 * start time) and can be passed as `inspect`.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { closeSync, openSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { basename, dirname, join } from 'node:path';
import type { StreamTarget } from '../../lib/nats/streaming-protocol.js';
import type { ContainerSpec, RuntimeContainer } from '../runtime-port.js';
import type { AttachOptions, StreamContainer, StreamingRuntime } from './streaming-runtime.js';


export interface FileRuntimeOptions {
  rootDir: string;
  inspect?: (id: string) => Promise<Pick<RuntimeContainer, 'state'> | undefined>;
}

async function readJson<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function fileStreamingRuntime(opts: FileRuntimeOptions): StreamingRuntime {
  const dir = (id: string) => join(opts.rootDir, 'containers', id);

  async function stateOf(id: string): Promise<RuntimeContainer['state'] | undefined> {
    if (opts.inspect) return (await opts.inspect(id))?.state;
    if (await exists(join(dir(id), 'exit.json'))) return 'exited';
    const st = await readJson<{ pid: number }>(join(dir(id), 'state.json'));
    if (!st) return (await exists(join(dir(id), 'spec.json'))) ? 'created' : undefined;
    return pidAlive(st.pid) ? 'running' : 'exited';
  }

  async function load(id: string): Promise<StreamContainer | undefined> {
    if (!/^[0-9a-f]{64}$/.test(id)) return undefined; // never let an ID walk out of containers/
    const spec = await readJson<ContainerSpec>(join(dir(id), 'spec.json'));
    const state = spec && (await stateOf(id));
    return spec && state ? { id, spec, state, homeDir: join(dir(id), 'home') } : undefined;
  }

  return {
    async findContainer(target: StreamTarget) {
      if (target.containerID) {
        // An ID from the pod's status must also be that pod's container, not any container here.
        const c = await load(target.containerID);
        return c && c.spec.podUID === target.podUID && c.spec.containerName === target.container ? c : undefined;
      }
      // The newest container of that pod and name: the status the apiserver saw had no ID yet.
      const ids = await readdir(join(opts.rootDir, 'containers')).catch(() => [] as string[]);
      const all = (await Promise.all(ids.map(load))).filter((c): c is StreamContainer => !!c);
      const mine = all.filter((c) => c.spec.podUID === target.podUID && c.spec.containerName === target.container);
      return mine.sort((a, b) => b.spec.restartCount - a.spec.restartCount)[0];
    },
    async isRunning(id) {
      return (await stateOf(id)) === 'running';
    },
    async attach(id: string, attachOpts: AttachOptions) {
      if (!/^[0-9a-f]{64}$/.test(id)) throw new Error(`not a container ID: ${id}`);
      const sock = await connectUnix(join(dir(id), 'attach.sock'));
      sock.write(JSON.stringify(attachOpts) + '\n');
      return sock;
    },
  };
}

/**
 * A unix socket path may hold only 107 bytes, and `<root>/containers/<64 hex>/attach.sock` is often
 * longer. Linux resolves /proc/self/fd/<fd of the directory>/attach.sock to the same socket.
 */
async function connectUnix(path: string): Promise<Socket> {
  if (Buffer.byteLength(path) <= 100) return connectPath(path);
  const dirFd = openSync(dirname(path), 'r');
  try {
    return await connectPath(`/proc/self/fd/${dirFd}/${basename(path)}`);
  } finally {
    closeSync(dirFd);
  }
}

function connectPath(path: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const sock = connect(path);
    sock.once('error', reject);
    sock.once('connect', () => {
      sock.off('error', reject);
      resolve(sock);
    });
  });
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}
