import { describe, expect, it } from 'vitest';
import { RESOURCES } from '../../lib/api/resources.js';
import { apiResourceList, legacyAPIGroup, legacyAPIGroupList, legacyAPIVersions, storageVersionHash } from './legacy.js';

describe('legacy discovery', () => {
  it('/api lists the core version and the given server addresses', () => {
    const addresses = [{ clientCIDR: '0.0.0.0/0', serverAddress: '10.0.0.1:6443' }];
    expect(legacyAPIVersions(addresses)).toEqual({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: addresses });
  });

  it('/apis lists every named group with its preferred version', () => {
    const list = legacyAPIGroupList();
    expect(list.kind).toBe('APIGroupList');
    expect(list.apiVersion).toBe('v1');
    expect(list.groups.map((g) => g.name)).toEqual(['apps', 'discovery.k8s.io', 'coordination.k8s.io']);
    expect(list.groups[0]).toEqual({
      name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }], preferredVersion: { groupVersion: 'apps/v1', version: 'v1' },
    });
  });

  it('/apis/{group} answers known groups only', () => {
    expect(legacyAPIGroup('apps')).toMatchObject({ kind: 'APIGroup', apiVersion: 'v1', name: 'apps' });
    expect(legacyAPIGroup('batch')).toBeUndefined();
    expect(legacyAPIGroup('')).toBeUndefined();
  });

  it.each([
    ['', 'v1', 'v1'],
    ['apps', 'v1', 'apps/v1'],
    ['discovery.k8s.io', 'v1', 'discovery.k8s.io/v1'],
    ['coordination.k8s.io', 'v1', 'coordination.k8s.io/v1'],
  ])('APIResourceList for %j %s lists each resource and subresource of the group-version', (group, version, gv) => {
    const list = apiResourceList(group, version)!;
    expect(list).toMatchObject({ kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv });
    const expected = RESOURCES.filter((r) => r.group === group)
      .flatMap((r) => [r.resource, ...r.subresources.map((s) => `${r.resource}/${s.name}`)]).sort();
    expect(list.resources.map((r) => r.name)).toEqual(expected);
  });

  it('describes main resources with singular name, scope, short names, categories and hash', () => {
    const pods = apiResourceList('', 'v1')!.resources.find((r) => r.name === 'pods');
    expect(pods).toEqual({
      name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['po'], categories: ['all'], storageVersionHash: 'xPOwRZ+Yhw8=',
    });
    expect(apiResourceList('', 'v1')!.resources.find((r) => r.name === 'nodes')!.namespaced).toBe(false);
  });

  it.each([
    ['', 'pods/status', { name: 'pods/status', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get', 'patch', 'update'] }],
    ['', 'pods/log', { name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] }],
    ['', 'pods/eviction', { name: 'pods/eviction', singularName: '', namespaced: true, group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] }],
    ['', 'namespaces/finalize', { name: 'namespaces/finalize', singularName: '', namespaced: false, kind: 'Namespace', verbs: ['update'] }],
    ['apps', 'deployments/scale', { name: 'deployments/scale', singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] }],
    ['apps', 'replicasets/status', { name: 'replicasets/status', singularName: '', namespaced: true, kind: 'ReplicaSet', verbs: ['get', 'patch', 'update'] }],
  ])('%j %s', (group, name, entry) => {
    expect(apiResourceList(group, 'v1')!.resources.find((r) => r.name === name)).toEqual(entry);
  });

  it('answers undefined for a group-version it does not serve', () => {
    expect(apiResourceList('apps', 'v1beta1')).toBeUndefined();
    expect(apiResourceList('batch', 'v1')).toBeUndefined();
  });
});

describe('storageVersionHash', () => {
  // The values a real kube-apiserver publishes for these kinds.
  it.each([
    ['', 'v1', 'Pod', 'xPOwRZ+Yhw8='],
    ['apps', 'v1', 'Deployment', '8aSe+NMegvE='],
  ])('%j %s %s → %s', (group, version, kind, hash) => {
    expect(storageVersionHash(group, version, kind)).toBe(hash);
  });

  it('differs between kinds and is 8 bytes of base64', () => {
    const hashes = new Set(RESOURCES.map((r) => storageVersionHash(r.group, r.version, r.kind)));
    expect(hashes.size).toBe(RESOURCES.length);
    for (const h of hashes) expect(Buffer.from(h, 'base64')).toHaveLength(8);
  });
});
