/**
 * Pure rules for the metadata the apiserver owns: what it sets on create, what a client may not change
 * on update, and how generation follows the spec. `now` and the random source are parameters.
 */
import type { KubeObject, ObjectMeta } from '../../lib/api/types.js';
import { isDeepStrictEqual } from 'node:util';

// The alphabet of generateName suffixes and pod-name hashes: no vowels, so no accidental words.
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function randomSuffix(random: () => number, length = 5): string {
  let s = '';
  for (let i = 0; i < length; i++) s += SUFFIX_ALPHABET[Math.floor(random() * SUFFIX_ALPHABET.length)];
  return s;
}

export interface CreateContext {
  now: Date;
  uid: string;
  random: () => number;
  tracksGeneration: boolean;
}

/** Fills the server-owned metadata of a new object. Client-sent values for these are overwritten. */
export function prepareMetaForCreate(obj: KubeObject, ctx: CreateContext): KubeObject {
  const meta: ObjectMeta = { ...obj.metadata };
  if (!meta.name && meta.generateName) meta.name = meta.generateName + randomSuffix(ctx.random);
  meta.uid = ctx.uid;
  meta.creationTimestamp = rfc3339(ctx.now);
  delete meta.resourceVersion;
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  delete meta.managedFields;
  if (ctx.tracksGeneration) meta.generation = 1;
  else delete meta.generation;
  return { ...obj, metadata: meta };
}

/** Keeps what a client may not change through an update: identity, creation and deletion state. */
export function preserveMetaOnUpdate(next: KubeObject, old: KubeObject): KubeObject {
  const meta: ObjectMeta = { ...next.metadata };
  for (const key of ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation', 'namespace', 'name'] as const) {
    if (old.metadata[key] === undefined) delete meta[key];
    else meta[key] = old.metadata[key] as never;
  }
  delete meta.managedFields;
  return { ...next, metadata: meta };
}

/**
 * metadata.generation goes up by one when the spec changes (and, for Deployments, when annotations
 * change: `kubectl rollout undo` records its intent there). Status-only writes never bump it.
 */
export function nextGeneration(next: KubeObject, old: KubeObject, opts: { annotationsCount: boolean }): number | undefined {
  const oldGen = old.metadata.generation;
  if (oldGen === undefined) return undefined;
  const specChanged = !isDeepStrictEqual(next.spec, old.spec);
  const annotationsChanged = opts.annotationsCount && !isDeepStrictEqual(next.metadata.annotations ?? {}, old.metadata.annotations ?? {});
  return specChanged || annotationsChanged ? oldGen + 1 : oldGen;
}

/** RFC 3339 with second precision and a Z, as Kubernetes writes metav1.Time. */
export function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
