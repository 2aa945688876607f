/**
 * The image catalogue (design.md §3): what kubelab "pulls". An image is an entry in this table, not a
 * download: the image config a registry would serve (entrypoint, cmd, env, workingDir, exposed ports),
 * a stable imageID, a size for the simulated pull, and which of the image's executables are built-in
 * programs (loaded by the shim in-process).
 *
 * Interface: `resolveImage(ref)` → CatalogueEntry, or undefined for an image no registry has (the kubelet
 * reports ErrImagePull, then ImagePullBackOff); throws ImageReferenceError for a malformed reference
 * (InvalidImageName). `pullDurationMs(entry, bytesPerSecond)` is the simulated pull time. Pure.
 *
 * Invariants: the imageID of an image+tag never changes (it is a hash of the name and tag), and a
 * reference pinned by digest resolves only when the digest is that imageID's.
 */
import { createHash } from 'node:crypto';
import type { ProgramName } from './program.js';
import { parseImageReference, type ImageReference } from './reference.js';

/** The parts of an OCI image config the kubelet and the runtime use. */
export interface ImageConfig {
  entrypoint: string[];
  cmd: string[];
  /** Image environment, `KEY=value` as in the config; the pod's env overrides it. */
  env: Record<string, string>;
  /** '' means the image sets none (the container starts in /). */
  workingDir: string;
  /** As in the config, e.g. `80/tcp`. */
  exposedPorts: string[];
}

export interface CatalogueEntry {
  /** The reference as parsed and normalised, e.g. docker.io/nginxdemos/hello:plain-text. */
  reference: ImageReference;
  /** What containerd reports as `image`: the normalised name:tag. */
  image: string;
  /** What containerd reports as `imageID`: `docker.io/nginxdemos/hello@sha256:<64 hex>`. */
  imageID: string;
  config: ImageConfig;
  /** Executables of the image that are built-in programs: argv[0] → program. Anything else runs on the host. */
  builtins: Record<string, ProgramName>;
  /**
   * An entrypoint script that ends with `exec "$@"` (the nginx image's /docker-entrypoint.sh): when its
   * first argument is not one of the built-ins, the container runs that argument instead.
   */
  execEntrypoint?: string;
  /** Compressed size, as the kubelet's "Successfully pulled image ... Image size: N bytes." event says. */
  sizeBytes: number;
  /** The kubelet prepends the toolbox bin directory (curl, ...) to PATH for this image. */
  toolbox: boolean;
}

/** One repository of the catalogue: its image for a given tag, or undefined when the tag does not exist. */
interface RepositoryDef {
  name: string;
  imageFor(tag: string): Omit<CatalogueEntry, 'reference' | 'image' | 'imageID'> | undefined;
}

// The image PATH of an Alpine-based image (and Docker's default when an image sets none).
const ALPINE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * nginxdemos/hello is nginx:mainline-alpine with one config file: its entrypoint script and CMD are
 * nginx's, and nginx's STOPSIGNAL (SIGQUIT) is what `docker stop` would send; Kubernetes sends SIGTERM.
 * `plain-text` answers text/plain; every other tag serves the HTML page.
 */
const HELLO: RepositoryDef = {
  name: 'docker.io/nginxdemos/hello',
  imageFor(tag) {
    const program: ProgramName = tag === 'plain-text' ? 'hello-plain-text' : 'hello-html';
    return {
      config: {
        entrypoint: ['/docker-entrypoint.sh'],
        cmd: ['nginx', '-g', 'daemon off;'],
        env: { PATH: ALPINE_PATH, NGINX_VERSION: '1.27.3', NJS_VERSION: '0.8.7', PKG_RELEASE: '1' },
        workingDir: '',
        exposedPorts: ['80/tcp'],
      },
      builtins: { '/docker-entrypoint.sh': program, nginx: program, '/usr/sbin/nginx': program },
      execEntrypoint: '/docker-entrypoint.sh',
      sizeBytes: tag === 'plain-text' ? 20_937_405 : 21_003_519,
      toolbox: false,
    };
  },
};

/**
 * posquit0/doraemon, a debugging toolbox. kubelab's version: no entrypoint and `sleep infinity` as CMD,
 * so the container stays up, and `kubectl run -it debug --image=posquit0/doraemon -- bash` (args replace
 * the CMD) opens a real shell. Its tools (curl, ...) come from the toolbox bin directory.
 */
const DORAEMON: RepositoryDef = {
  name: 'docker.io/posquit0/doraemon',
  imageFor: () => ({
    config: { entrypoint: [], cmd: ['sleep', 'infinity'], env: { PATH: ALPINE_PATH }, workingDir: '', exposedPorts: [] },
    builtins: { sleep: 'sleep', '/bin/sleep': 'sleep' },
    sizeBytes: 74_512_310,
    toolbox: true,
  }),
};

/** kubelab/crash: prints a line and exits 1 after ~1 s (EXIT_CODE, DELAY_SECONDS): CrashLoopBackOff material. */
const CRASH: RepositoryDef = {
  name: 'docker.io/kubelab/crash',
  imageFor: () => ({
    config: { entrypoint: ['/crash'], cmd: [], env: { PATH: ALPINE_PATH }, workingDir: '', exposedPorts: [] },
    builtins: { '/crash': 'crash' },
    sizeBytes: 2_104_320,
    toolbox: false,
  }),
};

/** kubelab/slow-start: /healthz at once, /ready after READY_AFTER_SECONDS, /fail breaks /healthz. Probe material. */
const SLOW_START: RepositoryDef = {
  name: 'docker.io/kubelab/slow-start',
  imageFor: () => ({
    config: { entrypoint: ['/slow-start'], cmd: [], env: { PATH: ALPINE_PATH }, workingDir: '', exposedPorts: ['8080/tcp'] },
    builtins: { '/slow-start': 'slow-start' },
    sizeBytes: 2_310_144,
    toolbox: false,
  }),
};

const REPOSITORIES: readonly RepositoryDef[] = [HELLO, DORAEMON, CRASH, SLOW_START];

/** The digest a "registry" would report for name:tag: stable, and different for every tag. */
export function imageDigest(name: string, tag: string): string {
  return 'sha256:' + createHash('sha256').update(`kubelab-image ${name}:${tag}`).digest('hex');
}

export function resolveImage(ref: string): CatalogueEntry | undefined {
  const reference = parseImageReference(ref);
  const repo = REPOSITORIES.find((r) => r.name === reference.name);
  if (!repo) return undefined;
  // A digest-only reference names the tag whose digest it is; kubelab knows every repository's tags
  // only as "any tag", so such a reference resolves against `latest` (and `plain-text` for hello).
  const candidates = reference.tag !== undefined ? [reference.tag] : ['latest', 'plain-text'];
  for (const tag of candidates) {
    const image = repo.imageFor(tag);
    const digest = imageDigest(repo.name, tag);
    if (!image || (reference.digest !== undefined && reference.digest !== digest)) continue;
    return { ...image, reference, image: `${repo.name}:${tag}`, imageID: `${repo.name}@${digest}` };
  }
  return undefined;
}

/** How long the simulated pull of an image takes at a given bandwidth (the kubelet's setting). */
export function pullDurationMs(entry: CatalogueEntry, bytesPerSecond: number): number {
  if (!(bytesPerSecond > 0) || !Number.isFinite(bytesPerSecond)) return 0;
  return Math.ceil((entry.sizeBytes / bytesPerSecond) * 1000);
}

/** Every repository name in the catalogue (for docs and error hints). */
export function catalogueRepositories(): string[] {
  return REPOSITORIES.map((r) => r.name);
}
