/**
 * kubelet for kubelab: one process per node.
 *
 *   node dist/kubelet/main.js --node-name node-1 --credentials DIR/credentials/kubelet.json \
 *     --node-ip 127.0.1.1 --pod-cidr 127.244.1.0/24 --root-dir DIR/kubelet/node-1 --profile fast
 *
 * The only place the kubelet reads flags, reads the host, connects to NATS and handles signals;
 * everything below gets its dependencies handed in (kubelet.ts). It listens on no port.
 *
 * Also serves kubectl logs/exec/attach for its containers over NATS (streaming/, bridged by the apiserver).
 *
 * SIGTERM/SIGINT: stop syncing and heart-beating, flush events, close NATS, exit 0, and leave every
 * container running, as a real kubelet does; the next kubelet on this --root-dir re-adopts them.
 */
import { mkdirSync } from 'node:fs';
import { Command } from 'commander';
import { ApiClient } from '../lib/client/api-client.js';
import { NatsTransport } from '../lib/client/nats-transport.js';
import { createLogger } from '../lib/log.js';
import { connectNats, readCredentials } from '../lib/nats/connection.js';
import { params, type Profile } from '../lib/params.js';
import { buildConfig, type KubeletFlags } from './config.js';
import { CatalogueImageService } from './image-service.js';
import { Kubelet } from './kubelet.js';
import { readHostInfo } from './node/host-info.js';
import { openRuntime } from './runtime-adapter.js';
import { startStreamingServer } from './streaming/index.js';

interface Flags extends KubeletFlags {
  credentials: string;
  profile: Profile;
  natsPrefix: string;
  logFormat?: 'json' | 'pretty';
  logLevel: string;
}

function parseFlags(argv: string[]): Readonly<Flags> {
  const cmd = new Command('kubelet')
    .requiredOption('--node-name <name>', 'the name of this node')
    .requiredOption('--credentials <file>', "this component's NATS credentials (JSON)")
    .requiredOption('--node-ip <ip>', "the node's InternalIP (a loopback address in local mode)")
    .requiredOption('--pod-cidr <cidr>', 'the range pod IPs are drawn from, e.g. 127.244.1.0/24')
    .requiredOption('--root-dir <dir>', 'where containers, logs and allocations are kept')
    .option('--profile <profile>', 'default (real Kubernetes timings) or fast', 'default')
    .option('--cpu <quantity>', 'cpu capacity (default: the host\'s cores)')
    .option('--memory <quantity>', 'memory capacity, e.g. 8Gi (default: the host\'s memory)')
    .option('--max-pods <n>', 'pod capacity', '110')
    .option('--image-pull-delay-ms <ms>', 'how long a simulated image pull takes (default: from the profile)')
    .option('--nats-prefix <prefix>', 'prefix of every NATS subject', 'kubelab')
    .option('--log-format <format>', 'json or pretty')
    .option('--log-level <level>', 'error, warn, info or debug', 'info')
    .exitOverride();
  cmd.parse(argv, { from: 'user' });
  const o = cmd.opts();
  return Object.freeze({
    nodeName: o.nodeName, credentials: o.credentials, nodeIP: o.nodeIp, podCIDR: o.podCidr, rootDir: o.rootDir,
    profile: o.profile === 'fast' ? 'fast' : 'default', cpu: o.cpu, memory: o.memory, maxPods: o.maxPods,
    imagePullDelayMs: o.imagePullDelayMs, natsPrefix: o.natsPrefix, logFormat: o.logFormat, logLevel: o.logLevel,
  });
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const log = createLogger({ component: `kubelet-${flags.nodeName}`, format: flags.logFormat, level: flags.logLevel });
  mkdirSync(flags.rootDir, { recursive: true });
  const host = readHostInfo(flags.nodeName, flags.rootDir);
  const config = buildConfig(flags, params(flags.profile), host);
  const creds = await readCredentials(flags.credentials);
  const nc = await connectNats({ ...creds, name: `kubelet-${flags.nodeName}`, log });
  const transport = new NatsTransport(nc, { log });
  const api = new ApiClient({ transport, user: creds.user, subjectPrefix: flags.natsPrefix, log });
  const runtime = await openRuntime(config.rootDir, log);
  const component = `kubelet-${flags.nodeName}`;
  // kubectl logs / exec / attach, bridged by the apiserver over NATS (streaming/): still no port.
  const streaming = startStreamingServer({
    nc, subjects: api.subjects, nodeName: config.nodeName, rootDir: config.rootDir, log, inspect: (id) => runtime.inspectContainer(id),
  });
  const kubelet = new Kubelet({
    config, host, api, runtime, images: new CatalogueImageService(), log,
    publish: (kind, record) => transport.publish(api.subjects.observe(kind, component), record),
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down, leaving containers running', { signal });
    streaming.stop();
    await kubelet.stop();
    await nc.drain().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  await kubelet.start();
}

main().catch((err) => {
  console.error(JSON.stringify({ level: 'error', component: 'kubelet', message: 'failed to start', error: String(err?.stack ?? err) }));
  process.exit(1);
});
