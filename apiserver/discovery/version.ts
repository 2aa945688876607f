/**
 * `/version`: the version.Info document. kubelab implements the API of Kubernetes 1.32, and says so in
 * `major`/`minor`; `gitVersion` adds `-kubelab` so `kubectl version` shows whose server this is.
 *
 * Invariant: major is "1" and minor exactly "32" (no "+"): the gcloud kubectl dispatcher picks the
 * kubectl binary from these two fields, so any other value changes the client under test.
 * Interface: `versionInfo(build)` is pure; `buildInfoOf(runtime, buildDate)` turns the facts a process
 * knows about itself (Node version, OS, CPU) into the build half of the document.
 */

export const KUBERNETES_MAJOR = '1';
export const KUBERNETES_MINOR = '32';
/** A semver prerelease tag: sorts before v1.32.0 and never passes for a real release. */
export const KUBELAB_GIT_VERSION = `v${KUBERNETES_MAJOR}.${KUBERNETES_MINOR}.0-kubelab`;

export interface VersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit: string;
  gitTreeState: string;
  buildDate: string;
  goVersion: string;
  compiler: string;
  platform: string;
}

export interface BuildInfo {
  /** RFC 3339 UTC, seconds precision: `2025-01-31T12:00:00Z`. */
  buildDate: string;
  /** The runtime that plays the part of Go's: `node-v20.19.0`. */
  runtime: string;
  /** `linux/amd64`, in Go's GOOS/GOARCH spelling. */
  platform: string;
  gitCommit?: string;
  gitTreeState?: 'clean' | 'dirty';
}

export function versionInfo(build: BuildInfo): VersionInfo {
  return {
    major: KUBERNETES_MAJOR,
    minor: KUBERNETES_MINOR,
    gitVersion: KUBELAB_GIT_VERSION,
    gitCommit: build.gitCommit ?? '',
    gitTreeState: build.gitTreeState ?? '',
    buildDate: build.buildDate,
    goVersion: build.runtime,
    compiler: 'tsc',
    platform: build.platform,
  };
}

/** Node's `process.arch` names → Go's GOARCH names, which clients expect in `platform`. */
const GOARCH: Record<string, string> = { x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x' };

/** Pass `process` (or a stand-in in tests) and the moment the process started. */
export function buildInfoOf(runtime: { version: string; platform: string; arch: string }, buildDate: Date): BuildInfo {
  return {
    buildDate: buildDate.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    runtime: `node-${runtime.version}`,
    platform: `${runtime.platform}/${GOARCH[runtime.arch] ?? runtime.arch}`,
  };
}
