/**
 * Aggregated discovery (apidiscovery.k8s.io/v2, and its identical predecessor v2beta1): the whole API
 * surface in one document, so kubectl needs two requests (`/api`, `/apis`) instead of one per
 * group-version. Built from the resource registry; nothing is listed that the registry does not serve.
 *
 * Interface: `aggregatedDiscovery(root, version)` → APIGroupDiscoveryList, cached (the registry is static).
 * Invariants: `/api` holds only the core group (name ""), `/apis` every other group; every resource
 * carries a responseKind; resources and subresources are sorted by name, as kube-apiserver sorts them.
 */
import { RESOURCES, type ResourceInfo, type SubresourceInfo } from '../../lib/api/resources.js';
import type {
  APIGroupDiscovery, APIGroupDiscoveryList, APIResourceDiscovery, APISubresourceDiscovery, APIVersionDiscovery,
} from './discovery-types.js';
import { DISCOVERY_GROUP, type AggregatedVersion } from './media-types.js';

export type DiscoveryRoot = '/api' | '/apis';

const byName = <T>(name: (t: T) => string) => (a: T, b: T) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0);

function subresourceDiscovery(s: SubresourceInfo): APISubresourceDiscovery {
  return { subresource: s.name, responseKind: { group: s.group, version: s.version, kind: s.kind }, verbs: [...s.verbs] };
}

/** One resource as aggregated discovery describes it; empty optional lists are left out (omitempty). */
export function resourceDiscovery(r: ResourceInfo): APIResourceDiscovery {
  const d: APIResourceDiscovery = {
    resource: r.resource,
    responseKind: { group: r.group, version: r.version, kind: r.kind },
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: [...r.verbs],
  };
  if (r.shortNames.length) d.shortNames = [...r.shortNames];
  if (r.categories.length) d.categories = [...r.categories];
  if (r.subresources.length) d.subresources = r.subresources.map(subresourceDiscovery).sort(byName((s) => s.subresource));
  return d;
}

/** Groups in registry order (core first), each with its versions in registry order. */
function groupsIn(root: DiscoveryRoot): Map<string, Map<string, ResourceInfo[]>> {
  const groups = new Map<string, Map<string, ResourceInfo[]>>();
  for (const r of RESOURCES) {
    if ((r.group === '') !== (root === '/api')) continue;
    const versions = groups.get(r.group) ?? new Map<string, ResourceInfo[]>();
    versions.set(r.version, [...(versions.get(r.version) ?? []), r]);
    groups.set(r.group, versions);
  }
  return groups;
}

function buildAggregated(root: DiscoveryRoot, version: AggregatedVersion): APIGroupDiscoveryList {
  const items: APIGroupDiscovery[] = [];
  for (const [group, versions] of groupsIn(root)) {
    const vs: APIVersionDiscovery[] = [...versions].map(([v, resources]) => ({
      version: v,
      resources: resources.map(resourceDiscovery).sort(byName((d) => d.resource)),
      freshness: 'Current',
    }));
    items.push({ metadata: { name: group }, versions: vs });
  }
  return { kind: 'APIGroupDiscoveryList', apiVersion: `${DISCOVERY_GROUP}/${version}`, metadata: {}, items };
}

const cache = new Map<string, APIGroupDiscoveryList>();

/** The aggregated document for `/api` or `/apis`. The result is shared: treat it as read-only. */
export function aggregatedDiscovery(root: DiscoveryRoot, version: AggregatedVersion = 'v2'): APIGroupDiscoveryList {
  const key = `${root} ${version}`;
  let doc = cache.get(key);
  if (!doc) cache.set(key, (doc = buildAggregated(root, version)));
  return doc;
}
