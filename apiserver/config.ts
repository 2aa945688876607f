/**
 * The apiserver's configuration: built once in main.ts from flags (named as kube-apiserver's where one
 * exists) and the component credentials file, then frozen and handed down.
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { params, type Params, type Profile } from '../lib/params.js';

export interface Credentials {
  nats: { url: string; user: string; pass: string };
  redis?: { url: string; user: string; pass: string };
}

export interface ApiserverConfig {
  bindAddress: string;
  port: number;
  advertiseAddress: string;
  serverId: string;
  serviceClusterIpRange: string;
  serviceNodePortRange: string;
  tokenAuthFile: string;
  /** With both: HTTPS, as kube-apiserver always serves. Without: plain HTTP (kubectl then sends no token). */
  tlsCertFile?: string;
  tlsPrivateKeyFile?: string;
  credentials: Credentials;
  redisPrefix: string;
  natsPrefix: string;
  logFormat: 'json' | 'pretty' | undefined;
  logLevel: string;
  profile: Profile;
  params: Params;
  /** The flags as given, for the mirror pod's command line. */
  commandLine: string[];
}

export function parseConfig(argv: string[]): ApiserverConfig {
  const cmd = new Command('kube-apiserver')
    .option('--bind-address <ip>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'HTTP port of the Kubernetes API', '6443')
    .option('--advertise-address <ip>', 'address other components and the kubernetes Service use (default: bind address)')
    .option('--server-id <id>', 'this apiserver among several', 'apiserver-1')
    .option('--service-cluster-ip-range <cidr>', 'range of Service ClusterIPs', '10.96.0.0/12')
    .option('--service-node-port-range <range>', 'range of NodePorts', '30000-32767')
    .requiredOption('--token-auth-file <file>', 'bearer tokens: token,user,uid,"groups"')
    .option('--tls-cert-file <file>', 'serving certificate (PEM)')
    .option('--tls-private-key-file <file>', 'serving key (PEM)')
    .requiredOption('--credentials <file>', 'this component\'s NATS and Redis credentials (JSON)')
    .option('--redis-prefix <prefix>', 'prefix of every Redis key', 'kubelab')
    .option('--nats-prefix <prefix>', 'prefix of every NATS subject', 'kubelab')
    .option('--profile <profile>', 'default (real Kubernetes timings) or fast', 'default')
    .option('--watch-history-length <n>', 'changes kept for watch resumes (older resumes get 410 Gone)')
    .option('--log-format <format>', 'json or pretty')
    .option('--log-level <level>', 'error, warn, info or debug', 'info')
    .exitOverride();
  try {
    cmd.parse(argv, { from: 'user' });
  } catch (err) {
    // --help and --version end here too, with exit code 0; a bad flag with 1.
    const code = (err as { exitCode?: number }).exitCode ?? 1;
    process.exit(code);
  }
  const o = cmd.opts();
  const profile = o.profile === 'fast' ? 'fast' : 'default';
  const credentials = JSON.parse(readFileSync(o.credentials, 'utf8')) as Credentials;
  return Object.freeze({
    bindAddress: o.bindAddress,
    port: Number(o.port),
    advertiseAddress: o.advertiseAddress ?? o.bindAddress,
    serverId: o.serverId,
    serviceClusterIpRange: o.serviceClusterIpRange,
    serviceNodePortRange: o.serviceNodePortRange,
    tokenAuthFile: o.tokenAuthFile,
    tlsCertFile: o.tlsCertFile,
    tlsPrivateKeyFile: o.tlsPrivateKeyFile,
    credentials,
    redisPrefix: o.redisPrefix,
    natsPrefix: o.natsPrefix,
    logFormat: o.logFormat,
    logLevel: o.logLevel,
    profile,
    params: Object.freeze({
      ...params(profile),
      ...(o.watchHistoryLength ? { watchHistoryLength: Number(o.watchHistoryLength) } : {}),
    }),
    commandLine: [
      'kube-apiserver',
      `--advertise-address=${o.advertiseAddress ?? o.bindAddress}`,
      `--bind-address=${o.bindAddress}`,
      `--secure-port=${o.port}`,
      `--service-cluster-ip-range=${o.serviceClusterIpRange}`,
      `--service-node-port-range=${o.serviceNodePortRange}`,
      `--token-auth-file=${o.tokenAuthFile}`,
      ...(o.tlsCertFile ? [`--tls-cert-file=${o.tlsCertFile}`, `--tls-private-key-file=${o.tlsPrivateKeyFile}`] : []),
      `--storage-backend=redis`,
      `--redis-servers=${credentials.redis?.url ?? ''}`,
      `--nats-servers=${credentials.nats.url}`,
      `--profile=${profile}`,
    ],
  });
}
