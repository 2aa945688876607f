/**
 * The kubelet's view of its container runtime and image catalogue: the "port" that the pod workers
 * drive (kubelet/runtime/CONTRACT.md describes the shim behind it; kubelet/runtime-adapter.ts plugs the
 * colleague's runtime client and image catalogue in). The kubelet's code depends on these interfaces
 * only, so unit tests run against testing/fake-runtime.ts.
 *
 * Invariants the kubelet relies on:
 * - a container, once started, is identified by its 64-hex `id`, survives the kubelet (it is a
 *   detached shim), and is found again by `listContainers()` with the same pid and restartCount;
 * - `monitor(id, onExit)` calls `onExit` exactly once, when the program has ended (also for a
 *   container that had already ended when monitoring began);
 * - `stopContainer` sends SIGTERM, waits up to the grace period, then SIGKILLs the process group, and
 *   resolves once the container has exited;
 * - `removeContainer` forgets an exited container (its directory), keeping its logs.
 */

/** What a container runs: a built-in catalogue program loaded by the shim, or a host executable. */
export type Program = { kind: 'builtin'; name: string } | { kind: 'exec'; path: string };

/** spec.json of CONTRACT.md: everything the shim needs to start one container. */
export interface ContainerSpec {
  id: string;
  podUID: string;
  podName: string;
  namespace: string;
  containerName: string;
  restartCount: number;
  image: string;
  program: Program;
  argv: string[];
  env: Record<string, string>;
  workingDir?: string;
  podIP: string;
  hostname: string;
  tty: boolean;
  stdin: boolean;
  stdinOnce: boolean;
  logPath: string;
  logMaxBytes: number;
  logMaxFiles: number;
}

/** One container as the runtime knows it, running or exited. Times are ISO 8601 strings with milliseconds (back-off is measured from finishedAt, to the millisecond). */
export interface RuntimeContainer {
  id: string;
  podUID: string;
  podName: string;
  namespace: string;
  containerName: string;
  restartCount: number;
  image: string;
  podIP: string;
  state: 'created' | 'running' | 'exited';
  pid?: number;
  createdAt?: string;
  startedAt?: string;
  finishedAt?: string;
  exitCode?: number;
  signal?: string;
  /** "Completed", "Error", "OOMKilled", ... as the runtime saw the end. */
  reason?: string;
  message?: string;
}

/**
 * The runtime created the container but could not start its program (containerd's StartError, e.g. a
 * command not found): the container exists, exited with `container.exitCode` (128), and counts as a
 * run for the restart policy and back-off.
 */
export class ContainerStartFailedError extends Error {
  constructor(message: string, readonly container: RuntimeContainer | undefined) {
    super(message);
    this.name = 'ContainerStartFailedError';
  }
}

export interface ExecResult {
  exitCode: number;
  /** stdout and stderr, interleaved as written. */
  output: string;
  timedOut: boolean;
}

export interface ContainerRuntime {
  /** Starts the container; resolves once its program runs. Throws ContainerStartFailedError (see there). */
  startContainer(spec: ContainerSpec): Promise<RuntimeContainer>;
  /** SIGTERM, wait up to `gracePeriodMs`, SIGKILL; resolves once the container has exited. */
  stopContainer(id: string, gracePeriodMs: number): Promise<void>;
  inspectContainer(id: string): Promise<RuntimeContainer | undefined>;
  listContainers(): Promise<RuntimeContainer[]>;
  /** Calls onExit once when the container ends; returns a function that stops monitoring. */
  monitor(id: string, onExit: () => void): () => void;
  removeContainer(id: string): Promise<void>;
  /** Runs a command in the container's environment (probes, preStop hooks); absent if unsupported. */
  exec?(id: string, argv: string[], timeoutMs: number): Promise<ExecResult>;
}

/** A catalogue image, as the image service resolves it. */
export interface ImageInfo {
  /** The reference as written in the pod spec. */
  ref: string;
  /** status.image as a real runtime reports it, e.g. "docker.io/nginxdemos/hello:plain-text". */
  image: string;
  /** status.imageID, e.g. "docker.io/nginxdemos/hello@sha256:...". */
  imageID: string;
  sizeBytes: number;
  /** The image's ENV (PATH with its toolbox directory first, ...). */
  env: Record<string, string>;
  workingDir?: string;
}

/** What to run for a container of an image: the program and its argv after Kubernetes' command/args rules. */
export interface ResolvedCommand {
  program: Program;
  argv: string[];
}

export interface ImageService {
  /** Why a reference cannot be parsed ("invalid reference format"), or undefined when it is valid. */
  referenceError(ref: string): string | undefined;
  /** The catalogue entry for a reference; undefined for an unknown image (→ ErrImagePull). */
  resolveImage(ref: string): ImageInfo | undefined;
  /** The message a failed pull reports for an unknown image, as a registry would word it. */
  pullErrorMessage(ref: string): string;
  /**
   * Program and argv for `container`, by Kubernetes' command/args rules, with $(VAR) references
   * expanded from the container's environment; throws when nothing says what to run.
   */
  resolveCommand(image: ImageInfo, container: { command?: string[]; args?: string[] }, env: Record<string, string>): ResolvedCommand;
}
