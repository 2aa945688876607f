import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.js';
import { byControllerUid, byNamespace, byNodeName, metaNamespaceKey, Store } from './store.js';
import { makePod } from './testing/fake-cluster.js';

const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs', uid: 'rs-uid' } } as KubeObject;
const names = (objs: KubeObject[]) => objs.map((o) => o.metadata.name).sort();

describe('metaNamespaceKey', () => {
  it.each([
    [{ metadata: { namespace: 'ns', name: 'a' } }, 'ns/a'],
    [{ metadata: { name: 'node-1' } }, 'node-1'],
  ])('%j → %s', (obj, key) => expect(metaNamespaceKey(obj)).toBe(key));
});

describe('index functions', () => {
  it.each([
    ['byNodeName, bound', byNodeName, makePod('a').onNode('n1').build(), ['n1']],
    ['byNodeName, unscheduled', byNodeName, makePod('a').build(), []],
    ['byControllerUid', byControllerUid, makePod('a').ownedBy(owner).build(), ['rs-uid']],
    ['byControllerUid, no owner', byControllerUid, makePod('a').build(), []],
    ['byNamespace', byNamespace, makePod('a', 'prod').build(), ['prod']],
  ])('%s', (_name, fn, obj, values) => expect(fn(obj)).toEqual(values));
});

describe('Store', () => {
  const store = () => new Store({ node: byNodeName, ns: byNamespace });

  it('adds, replaces and removes by key, returning the previous object', () => {
    const s = store();
    expect(s.upsert(makePod('a').build())).toBeUndefined();
    const old = s.upsert(makePod('a').onNode('n1').build());
    expect(old?.spec.nodeName).toBeUndefined();
    expect(s.getByName('default', 'a')?.spec.nodeName).toBe('n1');
    expect(s.remove('default/a')?.metadata.name).toBe('a');
    expect(s.remove('default/a')).toBeUndefined();
    expect(s.size).toBe(0);
  });

  it('moves an object between index buckets when it changes, and drops it on removal', () => {
    const s = store();
    s.upsert(makePod('a').onNode('n1').build());
    s.upsert(makePod('b', 'prod').onNode('n1').build());
    expect(names(s.byIndex('node', 'n1'))).toEqual(['a', 'b']);
    s.upsert(makePod('a').onNode('n2').build());
    expect(names(s.byIndex('node', 'n1'))).toEqual(['b']);
    expect(names(s.byIndex('node', 'n2'))).toEqual(['a']);
    s.remove('prod/b');
    expect(s.byIndex('node', 'n1')).toEqual([]);
    expect(names(s.byIndex('ns', 'default'))).toEqual(['a']);
  });

  it('refuses an index that was never declared', () => {
    expect(() => store().byIndex('owner', 'x')).toThrow('no index named "owner"');
  });
});
