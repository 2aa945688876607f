/**
 * The kubelet's ImageService (runtime-port.ts) over the image catalogue (kubelet/images/): references
 * parsed and normalised as containerd does, catalogue entries turned into what the kubelet needs
 * (status names, size, the image's environment with the toolbox first on PATH for toolbox images), and
 * the pull error a registry gives for an image it does not have, worded as containerd words it:
 *
 *   unknown repository  failed to pull and unpack image "docker.io/library/nope:latest": failed to resolve
 *                       reference "docker.io/library/nope:latest": pull access denied, repository does not
 *                       exist or may require authorization: server message: insufficient_scope: authorization failed
 *   unknown tag         ... failed to resolve reference "docker.io/nginxdemos/hello:nope": docker.io/nginxdemos/hello:nope: not found
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolveArgv } from './images/argv.js';
import { catalogueRepositories, resolveImage as lookUp, type CatalogueEntry } from './images/catalogue.js';
import { parseImageReference, type ImageReference } from './images/reference.js';
import type { ImageInfo, ImageService, ResolvedCommand } from './runtime-port.js';

/** The toolbox's bin directory: next to the compiled catalogue, or in the sources when not copied. */
export function toolboxBinDir(): string {
  const candidates = [new URL('./images/toolbox/bin', import.meta.url), new URL('../../kubelet/images/toolbox/bin', import.meta.url)];
  const found = candidates.find((u) => existsSync(u)) ?? candidates[0]!;
  return fileURLToPath(found);
}

export class CatalogueImageService implements ImageService {
  private readonly entries = new Map<string, CatalogueEntry>();

  constructor(private readonly toolboxDir = toolboxBinDir()) {}

  referenceError(ref: string): string | undefined {
    try {
      parseImageReference(ref);
      return undefined;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  }

  resolveImage(ref: string): ImageInfo | undefined {
    const entry = this.entry(ref);
    if (!entry) return undefined;
    const env = { ...entry.config.env };
    if (entry.toolbox) env.PATH = env.PATH ? `${this.toolboxDir}:${env.PATH}` : this.toolboxDir;
    return {
      ref, image: entry.image, imageID: entry.imageID, sizeBytes: entry.sizeBytes, env,
      ...(entry.config.workingDir ? { workingDir: entry.config.workingDir } : {}),
    };
  }

  pullErrorMessage(ref: string): string {
    let reference: ImageReference;
    try {
      reference = parseImageReference(ref);
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
    const known = catalogueRepositories().includes(reference.name);
    const why = known
      ? `${reference.normalized}: not found`
      : 'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed';
    const code = known ? 'NotFound' : 'Unknown';
    return `rpc error: code = ${code} desc = failed to pull and unpack image "${reference.normalized}": failed to resolve reference "${reference.normalized}": ${why}`;
  }

  resolveCommand(image: ImageInfo, container: { command?: string[]; args?: string[] }, env: Record<string, string>): ResolvedCommand {
    const entry = this.entry(image.ref);
    if (!entry) throw new Error(`image "${image.ref}" is not in the catalogue`);
    return resolveArgv(entry, container, env);
  }

  private entry(ref: string): CatalogueEntry | undefined {
    const cached = this.entries.get(ref);
    if (cached) return cached;
    let entry: CatalogueEntry | undefined;
    try {
      entry = lookUp(ref);
    } catch {
      return undefined;
    }
    if (entry) this.entries.set(ref, entry);
    return entry;
  }
}
