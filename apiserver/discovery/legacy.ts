/**
 * Legacy (unaggregated) discovery: what a client that does not ask for aggregated discovery walks, one
 * request per level. `/api` → APIVersions, `/apis` → APIGroupList, `/apis/{g}` → APIGroup,
 * `/api/v1` and `/apis/{g}/{v}` → APIResourceList (resources and subresources, e.g. `pods/status`,
 * `deployments/scale` answered by autoscaling/v1 Scale).
 *
 * Interface: pure builders over the resource registry; `undefined` means "no such group/version" (404).
 * Invariants: entries sorted by name as kube-apiserver lists them; `storageVersionHash` is computed the
 * way kube-apiserver computes it, so it is stable across restarts and equal for equal group/version/kind.
 */
import { createHash } from 'node:crypto';
import { RESOURCES, apiGroups, groupVersion, type ResourceInfo } from '../../lib/api/resources.js';
import type {
  APIGroup, APIGroupList, APIResource, APIResourceList, APIVersions, GroupVersionForDiscovery, ServerAddressByClientCIDR,
} from './discovery-types.js';

/**
 * First 8 bytes of sha256("group/version/kind"), base64: an opaque token clients compare to notice that
 * a resource's storage version changed. Pods (core, so group ""): `/v1/Pod` → `xPOwRZ+Yhw8=`.
 */
export function storageVersionHash(group: string, version: string, kind: string): string {
  return createHash('sha256').update(`${group}/${version}/${kind}`).digest().subarray(0, 8).toString('base64');
}

/** `/api`: the core group's versions and the addresses clients should use to reach this server. */
export function legacyAPIVersions(serverAddressByClientCIDRs: ServerAddressByClientCIDR[]): APIVersions {
  const versions = [...new Set(RESOURCES.filter((r) => r.group === '').map((r) => r.version))];
  return { kind: 'APIVersions', versions, serverAddressByClientCIDRs: serverAddressByClientCIDRs.map((a) => ({ ...a })) };
}

function groupEntry(group: string): APIGroup | undefined {
  const versions: GroupVersionForDiscovery[] = [...new Set(RESOURCES.filter((r) => r.group === group).map((r) => r.version))]
    .map((version) => ({ groupVersion: groupVersion({ group, version }), version }));
  if (!group || versions.length === 0) return undefined;
  return { name: group, versions, preferredVersion: { ...versions[0]! } };
}

/** `/apis`: every named group (the core group is listed under `/api` instead). */
export function legacyAPIGroupList(): APIGroupList {
  const groups = apiGroups().map(({ group }) => groupEntry(group)).filter((g): g is APIGroup => g !== undefined);
  return { kind: 'APIGroupList', apiVersion: 'v1', groups };
}

/** `/apis/{group}`. */
export function legacyAPIGroup(group: string): APIGroup | undefined {
  const g = groupEntry(group);
  return g && { kind: 'APIGroup', apiVersion: 'v1', ...g };
}

function resourceEntries(r: ResourceInfo): APIResource[] {
  const main: APIResource = {
    name: r.resource, singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs: [...r.verbs],
  };
  if (r.shortNames.length) main.shortNames = [...r.shortNames];
  if (r.categories.length) main.categories = [...r.categories];
  main.storageVersionHash = storageVersionHash(r.group, r.version, r.kind);
  const subs = r.subresources.map((s): APIResource => {
    // group/version appear only when the subresource answers with another group-version's kind.
    const foreign = s.group !== r.group || s.version !== r.version;
    return {
      name: `${r.resource}/${s.name}`, singularName: '', namespaced: r.namespaced,
      ...(foreign ? { group: s.group, version: s.version } : {}), kind: s.kind, verbs: [...s.verbs],
    };
  });
  return [main, ...subs];
}

/** `/api/v1` or `/apis/{group}/{version}`. */
export function apiResourceList(group: string, version: string): APIResourceList | undefined {
  const resources = RESOURCES.filter((r) => r.group === group && r.version === version);
  if (resources.length === 0) return undefined;
  const entries = resources.flatMap(resourceEntries).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: groupVersion({ group, version }), resources: entries };
}
