/**
 * The kubelet's ContainerRuntime (runtime-port.ts) over the container runtime client of runtime/
 * (shims under `<root-dir>/containers/`, CONTRACT.md). It only translates: a start resolves with the
 * running container as inspect reports it; a start the shim reports as StartError becomes
 * ContainerStartFailedError carrying the exited container; grace periods go from ms to seconds.
 */
import { join } from 'node:path';
import type { Logger } from '../lib/log.js';
import { ensureHome, execEnvironment } from './streaming/exec-home.js';
import { ContainerStartError, RuntimeClient, type ContainerStatus } from './runtime/runtime-client.js';
import type { ContainerSpec as ShimSpec } from './runtime/spec.js';
import { ContainerStartFailedError, type ContainerRuntime, type ContainerSpec, type ExecResult, type RuntimeContainer } from './runtime-port.js';

export class ShimRuntime implements ContainerRuntime {
  constructor(private readonly client: RuntimeClient, private readonly log: Logger, private readonly rootDir: string) {}

  async startContainer(spec: ContainerSpec): Promise<RuntimeContainer> {
    // The main process gets the same container home as exec'd shells (streaming/exec-home.ts), so a
    // `kubectl run -it ... -- bash` shows the pod's prompt and never sources the host's ~/.bashrc.
    const homeDir = join(this.rootDir, 'containers', spec.id, 'home');
    await ensureHome(homeDir);
    const withHome = { ...spec, env: execEnvironment(spec.env, homeDir) };
    try {
      await this.client.startContainer(withHome as ShimSpec);
    } catch (err) {
      if (!(err instanceof ContainerStartError)) throw err;
      const dead = await this.client.inspectContainer(spec.id).catch(() => undefined);
      throw new ContainerStartFailedError(err.message, dead ? toRuntime(dead) : undefined);
    }
    const status = await this.client.inspectContainer(spec.id);
    if (!status) throw new Error(`container ${spec.id} vanished after it started`);
    return toRuntime(status);
  }

  async stopContainer(id: string, gracePeriodMs: number): Promise<void> {
    await this.client.stopContainer(id, Math.ceil(gracePeriodMs / 1000));
  }

  async inspectContainer(id: string): Promise<RuntimeContainer | undefined> {
    const s = await this.client.inspectContainer(id);
    return s ? toRuntime(s) : undefined;
  }

  async listContainers(): Promise<RuntimeContainer[]> {
    return (await this.client.listContainers()).map(toRuntime);
  }

  monitor(id: string, onExit: () => void): () => void {
    return this.client.monitor(id, () => onExit());
  }

  async removeContainer(id: string): Promise<void> {
    await this.client.removeContainer(id).catch((err) => this.log.warn('could not remove a container', { id, error: String(err) }));
  }

  exec(id: string, argv: string[], timeoutMs: number): Promise<ExecResult> {
    return this.client.exec(id, argv, timeoutMs);
  }
}

function toRuntime(s: ContainerStatus): RuntimeContainer {
  const { logPath: _logPath, ...rest } = s;
  return rest;
}

export async function openRuntime(rootDir: string, log: Logger): Promise<ContainerRuntime> {
  return new ShimRuntime(new RuntimeClient({ rootDir }), log.child({ part: 'runtime' }), rootDir);
}
