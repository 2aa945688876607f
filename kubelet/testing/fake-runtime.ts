/**
 * In-memory stand-ins for the container runtime and the image catalogue, for unit tests of the pod
 * workers and the kubelet: containers "run" until a test ends them (`exit(id, code)`), a stop ends them
 * with 143 (SIGTERM) at once, and every call is recorded. Keeps the runtime-port.ts invariants
 * (monitor fires once on exit; a restarted kubelet finds the same containers through listContainers).
 */
import type { ContainerRuntime, ContainerSpec, ExecResult, ImageInfo, ImageService, ResolvedCommand, RuntimeContainer } from '../runtime-port.js';

export class FakeRuntime implements ContainerRuntime {
  readonly containers = new Map<string, RuntimeContainer>();
  readonly specs = new Map<string, ContainerSpec>();
  readonly calls: string[] = [];
  private readonly watchers = new Map<string, Set<() => void>>();
  private pid = 1000;
  /** Exit code of a container when stopped (SIGTERM unhandled: 143). */
  stopExitCode = 143;
  /** What `exec` in a container answers (probes, hooks); by default the command succeeds. */
  execHandler: (c: RuntimeContainer, argv: string[]) => ExecResult = () => ({ exitCode: 0, output: '', timedOut: false });
  now: () => number = Date.now;

  async startContainer(spec: ContainerSpec): Promise<RuntimeContainer> {
    this.calls.push(`start ${spec.containerName}#${spec.restartCount}`);
    const at = new Date(this.now()).toISOString();
    const c: RuntimeContainer = {
      id: spec.id, podUID: spec.podUID, podName: spec.podName, namespace: spec.namespace, containerName: spec.containerName,
      restartCount: spec.restartCount, image: spec.image, podIP: spec.podIP, state: 'running', pid: this.pid++, createdAt: at, startedAt: at,
    };
    this.containers.set(c.id, c);
    this.specs.set(c.id, spec);
    return { ...c };
  }

  async stopContainer(id: string, gracePeriodMs: number): Promise<void> {
    this.calls.push(`stop ${this.containers.get(id)?.containerName} ${gracePeriodMs}ms`);
    this.exit(id, this.stopExitCode);
  }

  async inspectContainer(id: string): Promise<RuntimeContainer | undefined> {
    const c = this.containers.get(id);
    return c ? { ...c } : undefined;
  }

  async listContainers(): Promise<RuntimeContainer[]> {
    return [...this.containers.values()].map((c) => ({ ...c }));
  }

  monitor(id: string, onExit: () => void): () => void {
    const c = this.containers.get(id);
    if (!c || c.state === 'exited') {
      queueMicrotask(onExit);
      return () => undefined;
    }
    const set = this.watchers.get(id) ?? new Set();
    set.add(onExit);
    this.watchers.set(id, set);
    return () => set.delete(onExit);
  }

  async exec(id: string, argv: string[]): Promise<ExecResult> {
    const c = this.containers.get(id);
    this.calls.push(`exec ${c?.containerName} ${argv.join(' ')}`);
    return c ? this.execHandler(c, argv) : { exitCode: 126, output: 'container not found', timedOut: false };
  }

  async removeContainer(id: string): Promise<void> {
    this.calls.push(`remove ${this.containers.get(id)?.containerName}`);
    this.containers.delete(id);
  }

  /** How long after an exit the monitors hear of it (a real runtime notices by polling or a socket). */
  monitorDelayMs = 0;

  /** Ends a running container as its program would. */
  exit(id: string, exitCode: number): void {
    const c = this.containers.get(id);
    if (!c || c.state === 'exited') return;
    const at = new Date(this.now()).toISOString();
    Object.assign(c, { state: 'exited', exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', finishedAt: at, pid: undefined });
    const set = this.watchers.get(id);
    this.watchers.delete(id);
    const notify = () => { for (const fn of set ?? []) fn(); };
    if (this.monitorDelayMs > 0) setTimeout(notify, this.monitorDelayMs);
    else notify();
  }

  running(name?: string): RuntimeContainer[] {
    return [...this.containers.values()].filter((c) => c.state === 'running' && (!name || c.containerName === name));
  }
}

const CATALOGUE: Record<string, Omit<ImageInfo, 'ref'>> = {
  'nginxdemos/hello:plain-text': { image: 'docker.io/nginxdemos/hello:plain-text', imageID: 'docker.io/nginxdemos/hello@sha256:aa', sizeBytes: 1000, env: { PATH: '/toolbox:/usr/bin' } },
  'posquit0/doraemon:latest': { image: 'docker.io/posquit0/doraemon:latest', imageID: 'docker.io/posquit0/doraemon@sha256:bb', sizeBytes: 2000, env: { PATH: '/toolbox:/usr/bin' } },
};

export class FakeImages implements ImageService {
  referenceError(ref: string): string | undefined {
    return /[A-Z]/.test(ref) ? 'invalid reference format' : undefined;
  }

  resolveImage(ref: string): ImageInfo | undefined {
    const entry = CATALOGUE[ref];
    return entry ? { ref, ...entry } : undefined;
  }

  pullErrorMessage(ref: string): string {
    return `rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/${ref}": not found`;
  }

  resolveCommand(_image: ImageInfo, c: { command?: string[]; args?: string[] }, env: Record<string, string>): ResolvedCommand {
    const argv = [...(c.command ?? ['run']), ...(c.args ?? [])].map((s) => s.replace(/\$\((\w+)\)/g, (m, name: string) => env[name] ?? m));
    return { program: { kind: 'builtin', name: 'fake' }, argv };
  }
}
