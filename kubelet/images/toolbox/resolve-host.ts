/**
 * Name resolution for the toolbox's tools: the hook where cluster names (`hello`, `hello.default.svc`)
 * will be answered once the dns add-on exists.
 *
 * Today: an IP literal is itself; any other name goes through the host's resolver (dns.lookup: /etc/hosts
 * and /etc/resolv.conf). In compose mode resolv.conf already points at the cluster's dns add-on, so
 * cluster names resolve there. PROVISIONAL HOOK for local mode: when the container's env has
 * KUBELAB_DNS_SERVER (`ip:port`), names are asked of that server directly, trying each domain of
 * KUBELAB_DNS_SEARCH (space-separated, like resolv.conf's `search`) first, as resolv.conf's ndots:5 does
 * for short names. The dns add-on and the kubelet will decide the final shape of this contract.
 */
import { lookup, Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';

export class HostNotFoundError extends Error {
  constructor(readonly host: string) {
    super(`Could not resolve host: ${host}`);
    this.name = 'HostNotFoundError';
  }
}

/** The names to try for `host`, in resolv.conf order with ndots:5. Pure. */
export function searchCandidates(host: string, search: string[]): string[] {
  if (host.endsWith('.')) return [host.slice(0, -1)];
  const dots = host.split('.').length - 1;
  const searched = search.map((domain) => `${host}.${domain}`);
  return dots >= 5 ? [host, ...searched] : [...searched, host];
}

async function askClusterDns(host: string, server: string, search: string[]): Promise<string | undefined> {
  const resolver = new Resolver({ timeout: 2000, tries: 1 });
  resolver.setServers([server]);
  for (const name of searchCandidates(host, search)) {
    try {
      const addrs = await resolver.resolve4(name);
      if (addrs.length > 0) return addrs[0];
    } catch {
      // NXDOMAIN or no answer for this candidate: try the next one, as the stub resolver does.
    }
  }
  return undefined;
}

export async function resolveHost(host: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (isIP(bare)) return bare;
  if (env.KUBELAB_DNS_SERVER) {
    const search = (env.KUBELAB_DNS_SEARCH ?? '').split(/\s+/).filter(Boolean);
    const found = await askClusterDns(bare, env.KUBELAB_DNS_SERVER, search);
    if (found) return found;
  }
  try {
    return (await lookup(bare, { family: 0 })).address;
  } catch {
    throw new HostNotFoundError(bare);
  }
}
