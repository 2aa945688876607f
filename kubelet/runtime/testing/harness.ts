/**
 * Test support for the runtime's integration tests: a root dir in /tmp, ContainerSpec builders for the
 * catalogue images and host commands, a free 127.x address and port for servers, and cleanup that kills
 * every shim a test started (by process group) and removes the root dir.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveArgv } from '../../images/argv.js';
import { resolveImage } from '../../images/catalogue.js';
import { defaultShimPath, RuntimeClient } from '../runtime-client.js';
import { containerLogPath, type ContainerSpec } from '../spec.js';

export const shimBuilt = existsSync(defaultShimPath());

export function newContainerID(): string {
  return randomBytes(32).toString('hex');
}

/** A loopback address of its own (any 127.x.y.z is bindable on Linux) and a port free on it. */
export async function freeAddress(): Promise<{ ip: string; port: number }> {
  const ip = `127.${100 + (randomBytes(1)[0]! % 100)}.${randomBytes(1)[0]}.${1 + (randomBytes(1)[0]! % 250)}`;
  const srv = createServer();
  await new Promise<void>((resolve, reject) => srv.once('error', reject).listen(0, ip, resolve));
  const { port } = srv.address() as { port: number };
  await new Promise((r) => srv.close(r));
  return { ip, port };
}

export class Harness {
  readonly rootDir = mkdtempSync(join(tmpdir(), 'kubelab-runtime-'));
  readonly client = new RuntimeClient({ rootDir: this.rootDir, pollIntervalMs: 25 });
  private readonly pids = new Set<number>();

  /** A spec for `image` with the pod's command/args, as the kubelet would build it. */
  spec(image: string, opts: Partial<ContainerSpec> & { command?: string[]; args?: string[] } = {}): ContainerSpec {
    const entry = resolveImage(image)!;
    const env = { ...entry.config.env, HOSTNAME: opts.hostname ?? 'pod-1', ...(opts.env ?? {}) };
    const { program, argv } = resolveArgv(entry, { command: opts.command, args: opts.args }, env);
    const base = {
      id: newContainerID(), podUID: randomBytes(4).toString('hex'), podName: 'pod-1', namespace: 'default', containerName: 'c',
      restartCount: 0, image, program, argv, env, podIP: '127.0.0.1', hostname: 'pod-1', tty: false, stdin: false,
      stdinOnce: false, logMaxBytes: 10 * 1024 * 1024, logMaxFiles: 5,
    };
    const { command: _c, args: _a, ...rest } = opts;
    const spec = { ...base, ...rest, env, program, argv } as Omit<ContainerSpec, 'logPath'> & { logPath?: string };
    return { ...spec, logPath: spec.logPath ?? containerLogPath(this.rootDir, spec) };
  }

  async start(spec: ContainerSpec): Promise<{ pid: number; startedAt: string }> {
    const started = await this.client.startContainer(spec);
    this.pids.add(started.pid);
    return started;
  }

  cleanup(): void {
    for (const pid of this.pids) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    rmSync(this.rootDir, { recursive: true, force: true });
  }
}

export async function eventually<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
