/**
 * The wire shapes of discovery documents: `apidiscovery.k8s.io/v2` (aggregated, one request for the
 * whole API) and the legacy `meta/v1` types (APIVersions, APIGroupList, APIResourceList) that clients
 * walk group-version by group-version. Field names and optionality follow the Go structs' JSON tags:
 * an `omitempty` field is optional here and left out when empty.
 */

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export interface APISubresourceDiscovery {
  subresource: string;
  responseKind?: GroupVersionKind;
  verbs: string[];
}

export interface APIResourceDiscovery {
  resource: string;
  /** Required by client-go: a resource without it is dropped as "missing GVK". */
  responseKind: GroupVersionKind;
  scope: 'Namespaced' | 'Cluster';
  singularResource: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  subresources?: APISubresourceDiscovery[];
}

export interface APIVersionDiscovery {
  version: string;
  resources: APIResourceDiscovery[];
  /** `Stale` would tell clients this group-version failed to load; kubelab's are always current. */
  freshness: 'Current' | 'Stale';
}

export interface APIGroupDiscovery {
  metadata: { name: string };
  versions: APIVersionDiscovery[];
}

export interface APIGroupDiscoveryList {
  kind: 'APIGroupDiscoveryList';
  apiVersion: string; // apidiscovery.k8s.io/v2 or /v2beta1
  metadata: Record<string, never>;
  items: APIGroupDiscovery[];
}

export interface ServerAddressByClientCIDR {
  clientCIDR: string;
  serverAddress: string;
}

export interface APIVersions {
  kind: 'APIVersions';
  versions: string[];
  serverAddressByClientCIDRs: ServerAddressByClientCIDR[];
}

export interface GroupVersionForDiscovery {
  groupVersion: string;
  version: string;
}

export interface APIGroup {
  kind?: 'APIGroup';
  apiVersion?: 'v1';
  name: string;
  versions: GroupVersionForDiscovery[];
  preferredVersion: GroupVersionForDiscovery;
}

export interface APIGroupList {
  kind: 'APIGroupList';
  apiVersion: 'v1';
  groups: APIGroup[];
}

export interface APIResource {
  name: string;
  /** Always present, "" for subresources (the Go field has no omitempty). */
  singularName: string;
  namespaced: boolean;
  /** Only when it differs from the list's group-version, e.g. deployments/scale → autoscaling/v1. */
  group?: string;
  version?: string;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  storageVersionHash?: string;
}

export interface APIResourceList {
  kind: 'APIResourceList';
  apiVersion: 'v1';
  groupVersion: string;
  resources: APIResource[];
}
