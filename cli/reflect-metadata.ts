/**
 * The three Reflect metadata functions @peculiar/x509 needs, for modules that import it.
 *
 * Why: @peculiar/x509 registers its algorithms in a tsyringe container, and tsyringe refuses to load
 * unless `Reflect.getMetadata` exists (the reflect-metadata proposal, normally a polyfill package the
 * project does not depend on). tsyringe only calls defineMetadata, getOwnMetadata and getMetadata, so
 * this module supplies exactly those, backed by a WeakMap, and only where no polyfill is installed.
 *
 * Invariant: import this module BEFORE '@peculiar/x509' in the same file: ES modules evaluate their
 * imports in order, so the functions exist by the time tsyringe checks for them.
 */

type Target = object;
type MetadataReflect = typeof Reflect & {
  defineMetadata?: (key: unknown, value: unknown, target: Target) => void;
  getOwnMetadata?: (key: unknown, target: Target) => unknown;
  getMetadata?: (key: unknown, target: Target) => unknown;
};

const reflect = Reflect as MetadataReflect;

if (typeof reflect.getMetadata !== 'function') {
  const store = new WeakMap<Target, Map<unknown, unknown>>();
  reflect.defineMetadata = (key, value, target) => {
    const own = store.get(target) ?? new Map<unknown, unknown>();
    own.set(key, value);
    store.set(target, own);
  };
  reflect.getOwnMetadata = (key, target) => store.get(target)?.get(key);
  // Like the proposal: a class inherits the metadata of its parent classes.
  reflect.getMetadata = (key, target) => {
    for (let t: Target | null = target; t; t = Object.getPrototypeOf(t) as Target | null) {
      const own = store.get(t);
      if (own?.has(key)) return own.get(key);
    }
    return undefined;
  };
}

export {};
