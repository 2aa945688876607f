/**
 * Image references, normalised as docker and containerd do (github.com/distribution/reference):
 * `nginxdemos/hello` is `docker.io/nginxdemos/hello:latest`, `busybox` is `docker.io/library/busybox:latest`,
 * `index.docker.io/x/y` is `docker.io/x/y`, and a first component with a `.` or `:` (or `localhost`) is a
 * registry host. A reference with a digest and no tag keeps no tag.
 *
 * Interface: `parseImageReference(ref)` → ImageReference or throws ImageReferenceError carrying the
 * library's exact message ("invalid reference format", ...), which the kubelet shows in an
 * InvalidImageName status. Pure.
 */

export interface ImageReference {
  /** Registry host, e.g. `docker.io`. */
  domain: string;
  /** Repository path inside the registry, e.g. `nginxdemos/hello`, `library/busybox`. */
  path: string;
  /** The tag; `latest` when neither tag nor digest was written. Undefined for a digest-only reference. */
  tag?: string;
  /** `sha256:<hex>` when the reference pins a digest. */
  digest?: string;
  /** `domain/path`: the repository name containerd reports, e.g. `docker.io/nginxdemos/hello`. */
  name: string;
  /** The fully qualified reference, e.g. `docker.io/nginxdemos/hello:plain-text`. */
  normalized: string;
}

/** A reference that cannot be parsed; the message is distribution/reference's own wording. */
export class ImageReferenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageReferenceError';
  }
}

const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_PREFIX = 'library/';
const MAX_NAME_LENGTH = 255;

// The grammar of distribution/reference, written out as regular expressions.
const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const REMOTE_NAME = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[(?:[a-fA-F0-9:]+)\\])`;
const DOMAIN_AND_PORT = `${HOST}(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE_RE = new RegExp(`^((?:${DOMAIN_AND_PORT}/)?${REMOTE_NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const NAME_RE = new RegExp(`^(?:(${DOMAIN_AND_PORT})/)?(${REMOTE_NAME})$`);
const IDENTIFIER_RE = /^[a-f0-9]{64}$/;

/** Splits off the registry host, applying Docker Hub's defaults (docker.io, library/). */
function splitDockerDomain(ref: string): { domain: string; remainder: string } {
  const slash = ref.indexOf('/');
  if (slash < 0) return { domain: DEFAULT_DOMAIN, remainder: OFFICIAL_PREFIX + ref };
  const first = ref.slice(0, slash);
  const rest = ref.slice(slash + 1);
  let domain = DEFAULT_DOMAIN;
  let remainder = ref;
  if (first === LEGACY_DEFAULT_DOMAIN) {
    remainder = rest;
  } else if (first === 'localhost' || /[.:]/.test(first) || first.toLowerCase() !== first) {
    // A host name, an IP address, a port, or (uppercase being illegal in paths) a registry.
    domain = first;
    remainder = rest;
  }
  if (domain === DEFAULT_DOMAIN && !remainder.includes('/')) remainder = OFFICIAL_PREFIX + remainder;
  return { domain, remainder };
}

export function parseImageReference(ref: string): ImageReference {
  if (IDENTIFIER_RE.test(ref)) {
    throw new ImageReferenceError(`invalid repository name (${ref}), cannot specify 64-byte hexadecimal strings`);
  }
  if (ref === '') throw new ImageReferenceError('repository name must have at least one component');
  const { domain, remainder } = splitDockerDomain(ref);
  const colon = remainder.indexOf(':');
  const remote = colon < 0 ? remainder : remainder.slice(0, colon);
  if (remote.toLowerCase() !== remote) {
    throw new ImageReferenceError(`invalid reference format: repository name (${remote}) must be lowercase`);
  }
  const m = REFERENCE_RE.exec(`${domain}/${remainder}`);
  if (!m) throw new ImageReferenceError('invalid reference format');
  const nameMatch = NAME_RE.exec(m[1]!)!;
  const path = nameMatch[2]!;
  if (path.length > MAX_NAME_LENGTH) {
    throw new ImageReferenceError(`repository name must not be more than ${MAX_NAME_LENGTH} characters`);
  }
  const digest = m[3];
  const tag = m[2] ?? (digest ? undefined : 'latest');
  const name = `${nameMatch[1]}/${path}`;
  const normalized = name + (tag !== undefined ? `:${tag}` : '') + (digest ? `@${digest}` : '');
  return { domain: nameMatch[1]!, path, tag, digest, name, normalized };
}
