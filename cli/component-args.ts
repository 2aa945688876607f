/**
 * The command lines of the node.js components, one function each, shared by the component table
 * (`kubelab up`, local processes) and compose.yaml (containers; test/repo/compose-file.test.ts checks
 * that its commands pass exactly these flags). Each flag is named as the component's main.ts names it,
 * which in turn follows the upstream binary (kube-apiserver, kube-scheduler, kubelet) where one exists.
 * Pure.
 */
import type { Profile } from './cluster-config.js';

export type LogFormat = 'json' | 'pretty';

export interface ApiserverFlags {
  bindAddress: string;
  port: number;
  credentials: string;
  tokenAuthFile: string;
  /** The serving certificate and key (DIR/pki): with both the apiserver serves HTTPS on --port. */
  tlsCertFile: string;
  tlsPrivateKeyFile: string;
  serviceClusterIPRange: string;
  serverId: string;
  profile: Profile;
  logFormat: LogFormat;
}

export function apiserverArgs(f: ApiserverFlags): string[] {
  return [
    '--bind-address', f.bindAddress,
    '--port', String(f.port),
    '--credentials', f.credentials,
    '--token-auth-file', f.tokenAuthFile,
    '--tls-cert-file', f.tlsCertFile,
    '--tls-private-key-file', f.tlsPrivateKeyFile,
    '--service-cluster-ip-range', f.serviceClusterIPRange,
    '--server-id', f.serverId,
    '--profile', f.profile,
    '--log-format', f.logFormat,
  ];
}

export interface SchedulerFlags {
  credentials: string;
  /** The replica's identity in the kube-system/kube-scheduler Lease and in its heartbeats. */
  id: string;
  profile: Profile;
  logFormat: LogFormat;
}

/** Leader election is the scheduler's default (--leader-elect=true), so it is not spelled out. */
export function schedulerArgs(f: SchedulerFlags): string[] {
  return ['--credentials', f.credentials, '--id', f.id, '--profile', f.profile, '--log-format', f.logFormat];
}

export interface KubeletFlags {
  nodeName: string;
  credentials: string;
  /** The node's InternalIP: a loopback address in local mode (cluster-config.ts, node addresses). */
  nodeIP: string;
  /** The node's share of the cluster's pod range, e.g. 127.244.1.0/24. */
  podCIDR: string;
  /** Containers, pod logs and IP allocations of this node. */
  rootDir: string;
  profile: Profile;
  logFormat: LogFormat;
}

export function kubeletArgs(f: KubeletFlags): string[] {
  return [
    '--node-name', f.nodeName,
    '--credentials', f.credentials,
    '--node-ip', f.nodeIP,
    '--pod-cidr', f.podCIDR,
    '--root-dir', f.rootDir,
    '--profile', f.profile,
    '--log-format', f.logFormat,
  ];
}
