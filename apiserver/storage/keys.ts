/**
 * Every Redis key the apiserver uses, derived from one prefix in one place.
 *
 *   <p>:rv                         the cluster-wide resourceVersion counter (INCR per write)
 *   <p>:obj:<group>/<resource>     a hash per resource: field "<namespace>/<name>" → "<rv>\n<json>"
 *   <p>:history                    a stream of committed changes, entry id "0-<rv>" (the watch history)
 *   <p>:alloc:<what>               allocator state (service IPs, node ports)
 *
 * Objects are stored without metadata.resourceVersion in their JSON: the version is the prefix of the
 * stored value, written by the same Lua step that increments the counter, so the two cannot disagree.
 */
export interface StoreKeys {
  rv: string;
  history: string;
  objects(group: string, resource: string): string;
  alloc(what: string): string;
}

export function storeKeys(prefix = 'kubelab'): StoreKeys {
  return {
    rv: `${prefix}:rv`,
    history: `${prefix}:history`,
    objects: (group, resource) => `${prefix}:obj:${group}/${resource}`,
    alloc: (what) => `${prefix}:alloc:${what}`,
  };
}

/** The hash field of an object: cluster-scoped objects have an empty namespace part. */
export function objectField(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}
