/**
 * Kubeconfig documents: the one a cluster writes to DIR/kubeconfig, and merging its context into the
 * user's kubeconfig the way kind and minikube do (upsert the cluster, user and context entries by name,
 * make the context current, leave every other entry alone). Pure: documents in, documents out;
 * kubeconfig-file.ts reads and writes them.
 */

export interface NamedEntry {
  name: string;
  [field: string]: unknown;
}

export interface Kubeconfig {
  apiVersion: string;
  kind: string;
  clusters: NamedEntry[];
  contexts: NamedEntry[];
  users: NamedEntry[];
  'current-context': string;
  preferences?: Record<string, unknown>;
  [field: string]: unknown;
}

/**
 * A kubeconfig with one cluster, context and user, all named `name`. The cluster entry carries the CA
 * (PEM) as certificate-authority-data, so kubectl verifies the apiserver's certificate and works from
 * any directory, with no path to ca.crt to go stale.
 */
export function clusterKubeconfig(name: string, server: string, token: string, caCert: string): Kubeconfig {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: [{ name, cluster: { server, 'certificate-authority-data': Buffer.from(caCert).toString('base64') } }],
    contexts: [{ name, context: { cluster: name, user: name } }],
    users: [{ name, user: { token } }],
    'current-context': name,
  };
}

/** Accepts whatever a YAML parse of an existing file gave (null for an empty file). */
export function normalizeKubeconfig(doc: unknown): Kubeconfig {
  const d = doc && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>) : {};
  const list = (v: unknown) => (Array.isArray(v) ? (v as NamedEntry[]) : []);
  return {
    ...d,
    apiVersion: typeof d.apiVersion === 'string' ? d.apiVersion : 'v1',
    kind: typeof d.kind === 'string' ? d.kind : 'Config',
    clusters: list(d.clusters),
    contexts: list(d.contexts),
    users: list(d.users),
    'current-context': typeof d['current-context'] === 'string' ? d['current-context'] : '',
  };
}

function upsert(entries: NamedEntry[], entry: NamedEntry): NamedEntry[] {
  const i = entries.findIndex((e) => e.name === entry.name);
  if (i < 0) return [...entries, entry];
  return entries.map((e, j) => (j === i ? entry : e));
}

/** Copies every cluster, context and user of `from` into `into` and makes `from`'s context current. */
export function mergeKubeconfig(into: unknown, from: Kubeconfig): Kubeconfig {
  const base = normalizeKubeconfig(into);
  const merged = { ...base };
  for (const key of ['clusters', 'contexts', 'users'] as const) {
    merged[key] = from[key].reduce(upsert, base[key]);
  }
  merged['current-context'] = from['current-context'];
  return merged;
}

/**
 * Takes out the entries `mergeKubeconfig` put in, but only those still pointing at this cluster's
 * server: if the user has since re-pointed the name elsewhere, it is theirs now.
 */
export function removeFromKubeconfig(doc: unknown, name: string, server: string): Kubeconfig {
  const base = normalizeKubeconfig(doc);
  const cluster = base.clusters.find((c) => c.name === name);
  const ours = (cluster?.cluster as { server?: string } | undefined)?.server === server;
  if (!ours) return base;
  const drop = (entries: NamedEntry[]) => entries.filter((e) => e.name !== name);
  return {
    ...base,
    clusters: drop(base.clusters),
    contexts: drop(base.contexts),
    users: drop(base.users),
    'current-context': base['current-context'] === name ? '' : base['current-context'],
  };
}

/** The user's kubeconfig path, as kubectl picks the file it writes: first entry of $KUBECONFIG, else ~/.kube/config. */
export function userKubeconfigPath(kubeconfigEnv: string | undefined, home: string, delimiter = ':'): string {
  const first = (kubeconfigEnv ?? '').split(delimiter).find((p) => p.length > 0);
  return first ?? `${home}/.kube/config`;
}

export interface CurrentCredentials {
  server: string;
  token: string;
  /** The CA (PEM) from certificate-authority-data, when the cluster entry has one. */
  ca?: string;
}

/** The server URL, token and CA of a kubeconfig's current context (the harness reads DIR/kubeconfig with it). */
export function currentCredentials(doc: unknown): CurrentCredentials {
  const k = normalizeKubeconfig(doc);
  const ctx = k.contexts.find((c) => c.name === k['current-context'])?.context as { cluster?: string; user?: string } | undefined;
  const cluster = k.clusters.find((c) => c.name === ctx?.cluster)?.cluster as { server?: string; 'certificate-authority-data'?: string } | undefined;
  const token = (k.users.find((u) => u.name === ctx?.user)?.user as { token?: string } | undefined)?.token;
  if (!cluster?.server || !token) throw new Error(`kubeconfig has no server and token for context ${JSON.stringify(k['current-context'])}`);
  const caData = cluster['certificate-authority-data'];
  return { server: cluster.server, token, ...(caData ? { ca: Buffer.from(caData, 'base64').toString('utf8') } : {}) };
}
