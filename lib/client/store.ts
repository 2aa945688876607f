/**
 * Store: an informer's local cache, client-go's cache.Indexer. Objects are keyed "namespace/name"
 * ("name" for cluster-scoped objects, as client-go's MetaNamespaceKeyFunc does), and indexers keep
 * secondary lookups up to date ("pods on node-1", "pods owned by ReplicaSet uid X").
 *
 * Invariants: an object is in exactly the index buckets its index functions name for it now; nothing
 * else refers to a removed object. Objects handed out are shared with the cache: callers must not
 * modify them (copy first, as with client-go listers).
 */
import type { KubeObject } from '../api/types.js';

/** The values under which an object is indexed; an empty array leaves it out of the index. */
export type IndexFunc<T> = (obj: T) => string[];

export type Indexers<T> = Record<string, IndexFunc<T>>;

export function metaNamespaceKey(obj: { metadata: { namespace?: string; name?: string } }): string {
  const { namespace, name } = obj.metadata;
  return namespace ? `${namespace}/${name ?? ''}` : (name ?? '');
}

export function keyOf(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/** Index by namespace (client-go's NamespaceIndex). */
export const byNamespace: IndexFunc<KubeObject> = (obj) => (obj.metadata.namespace ? [obj.metadata.namespace] : []);

/** Index pods by the node they are bound to; unscheduled pods are left out. */
export const byNodeName: IndexFunc<KubeObject> = (obj) => {
  const node = obj.spec?.nodeName;
  return typeof node === 'string' && node ? [node] : [];
};

/** Index by the UID of the controlling owner (the ownerReference with controller: true). */
export const byControllerUid: IndexFunc<KubeObject> = (obj) => {
  const owner = obj.metadata.ownerReferences?.find((r) => r.controller === true);
  return owner ? [owner.uid] : [];
};

export class Store<T extends KubeObject = KubeObject> {
  private readonly items = new Map<string, T>();
  /** index name → indexed value → keys of the objects under it */
  private readonly indices = new Map<string, Map<string, Set<string>>>();

  constructor(private readonly indexers: Indexers<T> = {}) {
    for (const name of Object.keys(indexers)) this.indices.set(name, new Map());
  }

  get size(): number {
    return this.items.size;
  }

  get(key: string): T | undefined {
    return this.items.get(key);
  }

  getByName(namespace: string | undefined, name: string): T | undefined {
    return this.items.get(keyOf(namespace, name));
  }

  has(key: string): boolean {
    return this.items.has(key);
  }

  list(): T[] {
    return [...this.items.values()];
  }

  keys(): string[] {
    return [...this.items.keys()];
  }

  /** The objects an indexer files under `value`; throws for an index that was never declared. */
  byIndex(indexName: string, value: string): T[] {
    const index = this.indices.get(indexName);
    if (!index) throw new Error(`no index named "${indexName}"`);
    const keys = index.get(value);
    return keys ? [...keys].map((k) => this.items.get(k)!) : [];
  }

  /** Adds or replaces an object; returns the one it replaced. */
  upsert(obj: T): T | undefined {
    const key = metaNamespaceKey(obj);
    const old = this.items.get(key);
    if (old) this.unindex(key, old);
    this.items.set(key, obj);
    this.index(key, obj);
    return old;
  }

  /** Removes an object by key; returns it. */
  remove(key: string): T | undefined {
    const old = this.items.get(key);
    if (!old) return undefined;
    this.unindex(key, old);
    this.items.delete(key);
    return old;
  }

  private index(key: string, obj: T): void {
    for (const [name, fn] of Object.entries(this.indexers)) {
      const index = this.indices.get(name)!;
      for (const value of fn(obj)) {
        let keys = index.get(value);
        if (!keys) index.set(value, (keys = new Set()));
        keys.add(key);
      }
    }
  }

  private unindex(key: string, obj: T): void {
    for (const [name, fn] of Object.entries(this.indexers)) {
      const index = this.indices.get(name)!;
      for (const value of fn(obj)) {
        const keys = index.get(value);
        keys?.delete(key);
        if (keys?.size === 0) index.delete(value);
      }
    }
  }
}
