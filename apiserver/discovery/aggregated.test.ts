import { describe, expect, it } from 'vitest';
import { RESOURCES } from '../../lib/api/resources.js';
import { NotAcceptableError } from '../../lib/errors.js';
import { aggregatedDiscovery } from './aggregated.js';
import type { APIGroupDiscoveryList, APIResourceDiscovery } from './discovery-types.js';
import { serveDiscoveryRoot } from './discovery-root.js';

const KUBECTL_ACCEPT = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

/** Every resource of both documents, as `group/resource` → entry. */
function allResources(): Map<string, APIResourceDiscovery> {
  const out = new Map<string, APIResourceDiscovery>();
  for (const doc of [aggregatedDiscovery('/api'), aggregatedDiscovery('/apis')]) {
    for (const g of doc.items) for (const v of g.versions) for (const r of v.resources) out.set(`${g.metadata.name}/${r.resource}`, r);
  }
  return out;
}

describe('aggregated discovery documents', () => {
  it('/api holds only the core group, /apis every other group', () => {
    const api = aggregatedDiscovery('/api');
    const apis = aggregatedDiscovery('/apis');
    for (const doc of [api, apis]) {
      expect(doc).toMatchObject({ kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {} });
    }
    expect(api.items.map((g) => g.metadata.name)).toEqual(['']);
    expect(apis.items.map((g) => g.metadata.name)).toEqual(['apps', 'discovery.k8s.io', 'coordination.k8s.io']);
    for (const g of [...api.items, ...apis.items]) {
      expect(g.versions).toEqual([expect.objectContaining({ version: 'v1', freshness: 'Current' })]);
    }
  });

  it('lists every registered resource exactly once, with responseKind, scope, singular and verbs', () => {
    const all = allResources();
    expect(all.size).toBe(RESOURCES.length);
    for (const r of RESOURCES) {
      const d = all.get(`${r.group}/${r.resource}`)!;
      expect(d.responseKind).toEqual({ group: r.group, version: r.version, kind: r.kind });
      expect(d.scope).toBe(r.namespaced ? 'Namespaced' : 'Cluster');
      expect(d.singularResource).toBe(r.kind.toLowerCase());
      expect(d.verbs).toEqual(r.verbs);
    }
  });

  it.each([
    ['/pods', 'po'], ['apps/deployments', 'deploy'], ['apps/replicasets', 'rs'], ['/services', 'svc'],
    ['/endpoints', 'ep'], ['/namespaces', 'ns'], ['/nodes', 'no'], ['/events', 'ev'], ['/configmaps', 'cm'],
    ['/replicationcontrollers', 'rc'], ['apps/daemonsets', 'ds'],
  ])('%s has short name %s', (key, short) => {
    expect(allResources().get(key)!.shortNames).toEqual([short]);
  });

  it('puts exactly the workload resources and services in category "all"', () => {
    const inAll = [...allResources()].filter(([, r]) => r.categories?.includes('all')).map(([k]) => k).sort();
    expect(inAll).toEqual(['/pods', '/replicationcontrollers', '/services', 'apps/daemonsets', 'apps/deployments', 'apps/replicasets']);
  });

  it('leaves empty optional lists out, as omitempty does', () => {
    const lease = allResources().get('coordination.k8s.io/leases')!;
    expect(Object.keys(lease)).toEqual(['resource', 'responseKind', 'scope', 'singularResource', 'verbs']);
  });

  it('describes subresources with their own responseKind and verbs', () => {
    const all = allResources();
    expect(all.get('apps/deployments')!.subresources).toEqual([
      { subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'patch', 'update'] },
      { subresource: 'status', responseKind: { group: 'apps', version: 'v1', kind: 'Deployment' }, verbs: ['get', 'patch', 'update'] },
    ]);
    const pods = all.get('/pods')!.subresources!;
    expect(pods.map((s) => s.subresource)).toEqual(['attach', 'binding', 'eviction', 'exec', 'log', 'status']);
    expect(pods.find((s) => s.subresource === 'log')).toEqual({ subresource: 'log', responseKind: { group: '', version: 'v1', kind: 'Pod' }, verbs: ['get'] });
    expect(pods.find((s) => s.subresource === 'eviction')!.responseKind).toEqual({ group: 'policy', version: 'v1', kind: 'Eviction' });
  });

  it('sorts resources by name within a version', () => {
    for (const doc of [aggregatedDiscovery('/api'), aggregatedDiscovery('/apis')]) {
      for (const g of doc.items) {
        const names = g.versions[0]!.resources.map((r) => r.resource);
        expect(names).toEqual([...names].sort());
      }
    }
  });

  it('serves v2beta1 with the same content under its own apiVersion', () => {
    const beta = aggregatedDiscovery('/apis', 'v2beta1');
    expect(beta.apiVersion).toBe('apidiscovery.k8s.io/v2beta1');
    expect(beta.items).toEqual(aggregatedDiscovery('/apis', 'v2').items);
  });

  it('builds each document once', () => {
    expect(aggregatedDiscovery('/api')).toBe(aggregatedDiscovery('/api'));
  });
});

describe('serveDiscoveryRoot', () => {
  const addresses = [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }];

  it('answers kubectl with aggregated v2 and its exact Content-Type', () => {
    const a = serveDiscoveryRoot('/apis', KUBECTL_ACCEPT, addresses);
    expect(a.headers).toEqual({ 'Content-Type': 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList', Vary: 'Accept' });
    expect((a.body as APIGroupDiscoveryList).kind).toBe('APIGroupDiscoveryList');
  });

  it('answers a plain JSON client with the legacy documents', () => {
    const api = serveDiscoveryRoot('/api', 'application/json', addresses);
    expect(api.headers['Content-Type']).toBe('application/json');
    expect(api.body).toEqual({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: addresses });
    expect(serveDiscoveryRoot('/apis', undefined, addresses).body).toMatchObject({ kind: 'APIGroupList' });
  });

  it('refuses a client that accepts nothing it can send', () => {
    expect(() => serveDiscoveryRoot('/api', 'application/vnd.kubernetes.protobuf', addresses)).toThrow(NotAcceptableError);
  });
});
