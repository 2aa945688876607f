/**
 * What `kubelab up` decides before it starts anything: the settings (flags, else what the directory
 * used last time, else defaults), the components `--without` leaves out, the component records with
 * their exact argv, and the files to write (the PKI under DIR/pki is created once and reused).
 * `resolveUpSettings`, `resolveWithout` and `buildRecords` are pure; `prepareCluster` does the
 * directory I/O around them.
 *
 * Components left out still get their record (state `stopped`, never started), so that
 * `kubelab start scheduler` can bring one in later; `--without` itself is not remembered: the next
 * `up` of the directory starts everything unless told otherwise.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { apiserverURL, newClusterConfig, type ClusterConfig, type Profile } from './cluster-config.js';
import { renderClusterFiles } from './cluster-files.js';
import { clusterPaths, type ClusterPaths } from './cluster-paths.js';
import { loadConfig, loadSecrets, loadState, saveConfig, saveState, writeClusterFiles } from './cluster-store.js';
import { LOOPBACK, plannedComponents, portRequests, type PlannedComponent, type SpecContext } from './components.js';
import { completeSecrets } from './credentials.js';
import { CliError } from './errors.js';
import { ensurePki } from './pki-files.js';
import { apiserverSANs } from './pki.js';
import { localPortProbe } from './port-probe.js';
import { assignPorts, PortInUseError } from './ports.js';
import { candidateIndexes, RangeRegistry } from './range-index.js';
import type { CliContext } from './runtime.js';
import { isRunning } from './supervisor.js';
import type { ComponentRecord } from './state.js';

export interface UpFlags {
  dir: string;
  defaultDir: boolean;
  name?: string;
  nodes?: number;
  apiservers?: number;
  schedulers?: number;
  profile?: Profile;
  port?: number;
  entries?: Record<string, string>;
  /** Component names or groups not to start (`scheduler`, `kubelets`, `kubelet-node-2`). */
  without?: string[];
}

export interface UpSettings {
  name: string;
  nodes: number;
  apiservers: number;
  schedulers: number;
  profile: Profile;
  entries: Record<string, string>;
}

export const UP_DEFAULTS = { name: 'kubelab', nodes: 1, apiservers: 1, schedulers: 1, profile: 'default' as Profile };

/** A flag wins; else the directory keeps what it had (its data was made with it); else the default. */
export function resolveUpSettings(flags: UpFlags, previous: ClusterConfig | undefined): UpSettings {
  return {
    name: flags.name ?? previous?.name ?? UP_DEFAULTS.name,
    nodes: flags.nodes ?? previous?.nodes ?? UP_DEFAULTS.nodes,
    apiservers: flags.apiservers ?? previous?.apiservers ?? UP_DEFAULTS.apiservers,
    schedulers: flags.schedulers ?? previous?.schedulers ?? UP_DEFAULTS.schedulers,
    profile: flags.profile ?? previous?.profile ?? UP_DEFAULTS.profile,
    entries: flags.entries ?? previous?.entries ?? {},
  };
}

/**
 * The names `--without` leaves out. Each word is a component name or a group, in the singular or the
 * plural (`kubelet`, `kubelets`, `kubelet-node-2`); only optional components may be left out, since
 * every other one is needed by the rest (an apiserver without Redis serves nothing).
 */
export function resolveWithout(without: readonly string[], planned: readonly PlannedComponent[]): Set<string> {
  const out = new Set<string>();
  for (const word of without) {
    const named = planned.filter(({ name, spec }) => name === word || spec.group === word || `${spec.group}s` === word);
    if (!named.length) {
      const known = [...new Set(planned.filter((p) => p.spec.optional).flatMap((p) => [p.spec.group, p.name]))];
      throw new CliError(`--without ${word}: no such component in this cluster (optional ones: ${known.join(', ') || 'none'})`);
    }
    const required = named.find((p) => !p.spec.optional);
    if (required) throw new CliError(`--without ${word}: ${required.spec.group} cannot be left out, the other components need it`);
    for (const p of named) out.add(p.name);
  }
  return out;
}

/** One record per planned component, not yet started. */
export function buildRecords(sctx: SpecContext): ComponentRecord[] {
  return plannedComponents(sctx.config).map(({ name, spec }) => ({
    name,
    group: spec.group,
    order: spec.order,
    argv: spec.argv(sctx, name),
    logFile: sctx.paths.log(name),
    desired: 'stopped' as const,
    ...(spec.endpoint ? { endpoint: spec.endpoint(sctx.config, name) } : {}),
  }));
}

export interface PreparedCluster {
  paths: ClusterPaths;
  sctx: SpecContext;
  records: ComponentRecord[];
  /** Names of the records this `up` does not start (--without). */
  leftOut: Set<string>;
}

export async function prepareCluster(flags: UpFlags, cli: CliContext): Promise<PreparedCluster> {
  const paths = clusterPaths(flags.dir);
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  const previous = loadConfig(paths);
  const running = loadState(paths).components.filter(isRunning);
  if (running.length) {
    throw new CliError(`the cluster in ${paths.dir} is already running (${running.map((r) => r.name).join(', ')}); see: kubelab status --dir ${paths.dir}`);
  }
  const settings = resolveUpSettings(flags, previous);
  // Checked before anything is claimed or written: a typo costs nothing.
  const leftOut = resolveWithout(flags.without ?? [], plannedComponents(settings));
  const registry = new RangeRegistry(cli.rangeRegistry);
  const rangeIndex = await registry.claim(paths.dir, candidateIndexes(flags.defaultDir, previous?.rangeIndex));
  if (previous && previous.rangeIndex !== rangeIndex) {
    cli.err(`warning: address range ${previous.rangeIndex} is now used by another cluster; this one moves to range ${rangeIndex}\n`);
  }
  const ports = await choosePorts(flags, settings, previous);
  const config = newClusterConfig({
    ...settings,
    dir: paths.dir,
    defaultDir: flags.defaultDir,
    rangeIndex,
    ports,
    ...(previous?.mergedKubeconfig ? { mergedKubeconfig: previous.mergedKubeconfig } : {}),
  });
  const secrets = completeSecrets(loadSecrets(paths), (n) => randomBytes(n).toString('hex'));
  const sctx: SpecContext = { config, paths, secrets, runtime: cli.runtime };
  await writeLocalFiles(sctx, cli);
  saveConfig(paths, config);
  const records = buildRecords(sctx);
  saveState(paths, { version: 1, components: records });
  return { paths, sctx, records, leftOut };
}

async function choosePorts(flags: UpFlags, size: UpSettings, previous: ClusterConfig | undefined): Promise<Record<string, number>> {
  const requests = portRequests(size, { defaultDir: flags.defaultDir });
  try {
    return await assignPorts(requests, localPortProbe, {
      ...(previous ? { previous: previous.ports } : {}),
      ...(flags.port !== undefined ? { fixed: { 'apiserver-1': flags.port } } : {}),
    });
  } catch (err) {
    if (err instanceof PortInUseError) throw new CliError(err.message);
    throw err;
  }
}

/**
 * The PKI first (the kubeconfig embeds its CA), then every other file. The serving certificate names
 * 127.0.0.1 (every apiserver replica binds it) and the service range's first IP, which moves with the
 * range index: a cluster moved to another range gets a new serving certificate, signed by the same CA.
 */
async function writeLocalFiles(sctx: SpecContext, cli: CliContext): Promise<void> {
  const { config, paths, secrets } = sctx;
  const sans = apiserverSANs({ addresses: [LOOPBACK], serviceClusterIPRange: config.serviceClusterIPRange });
  const pki = await ensurePki(paths, { sans, keyMode: 0o600, dirMode: 0o700 });
  for (const f of pki.issued.filter((i) => i.reason !== 'new')) cli.out(`Regenerated ${f.path}: ${f.reason}\n`);
  const files = renderClusterFiles({
    paths,
    clusterName: config.name,
    secrets,
    server: apiserverURL(config),
    caCert: pki.caCert,
    redis: { bind: LOOPBACK, host: LOOPBACK, port: config.ports.redis!, dataDir: paths.redisDir },
    nats: { bind: LOOPBACK, host: LOOPBACK, port: config.ports.nats! },
    fileMode: 0o600,
  });
  writeClusterFiles(files);
}
