/**
 * Walking a document alongside its schema type, for strategic merge patch.
 *
 * A `Scope` is the schema type of the value being merged: a model (`{kind:'object', typeName}`),
 * a map or list of something, a scalar, or `undefined` when the schema says nothing (an unknown
 * field, an `any`-typed field, or an unknown top-level type). Strategic merge only needs two
 * questions answered: "what is the type of this child?" and "how does this list merge?".
 * Everything without an answer falls back to JSON merge semantics (maps merge, lists are replaced).
 */
import { fieldsOf, type FieldType } from '../schema/type-map.js';
import { patchMetaOf, type PatchMeta } from './patch-strategies.js';

export type Scope = FieldType | undefined;

/** The scope of a top-level object of model `typeName` (e.g. 'V1Pod'); undefined if unknown. */
export function rootScope(typeName: string): Scope {
  return fieldsOf(typeName) ? { kind: 'object', typeName } : undefined;
}

/** The scope of `obj[key]` when `obj` has scope `scope`. */
export function fieldScope(scope: Scope, key: string): Scope {
  if (scope?.kind === 'map') return scope.of;
  if (scope?.kind !== 'object') return undefined;
  return fieldsOf(scope.typeName)?.get(key)?.type;
}

/** The scope of the elements of a list with scope `scope`. */
export function itemScope(scope: Scope): Scope {
  return scope?.kind === 'array' ? scope.of : undefined;
}

/** How the list `obj[key]` merges, when `obj` has scope `scope`; undefined means "replace". */
export function listMeta(scope: Scope, key: string): PatchMeta | undefined {
  if (scope?.kind !== 'object') return undefined;
  const meta = patchMetaOf(scope.typeName, key);
  return meta?.merge ? meta : undefined;
}
