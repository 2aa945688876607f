import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../lib/api/types.js';
import { nextGeneration, preserveMetaOnUpdate, prepareMetaForCreate, randomSuffix, rfc3339 } from './object-meta.js';

const ctx = { now: new Date('2026-11-28T10:00:00.123Z'), uid: 'u-1', random: () => 0, tracksGeneration: true };

describe('object metadata', () => {
  it('sets uid, creationTimestamp and generation, ignoring client values', () => {
    const obj = prepareMetaForCreate({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', uid: 'mine', resourceVersion: '9', creationTimestamp: null, generation: 7 } }, ctx);
    expect(obj.metadata).toEqual({ name: 'd', uid: 'u-1', creationTimestamp: '2026-11-28T10:00:00Z', generation: 1 });
  });
  it('names from generateName with a five-character suffix', () => {
    const obj = prepareMetaForCreate({ apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'hello-' } }, { ...ctx, tracksGeneration: false });
    expect(obj.metadata.name).toBe('hello-bbbbb');
    expect(randomSuffix(() => 0.999)).toBe('99999');
  });
  it('keeps identity fields on update', () => {
    const old: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'u', creationTimestamp: 't' } };
    const next = preserveMetaOnUpdate({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', uid: 'other', labels: { a: 'b' } } }, old);
    expect(next.metadata).toEqual({ name: 'p', namespace: 'default', uid: 'u', creationTimestamp: 't', labels: { a: 'b' } });
  });
  it.each([
    [{ replicas: 1 }, { replicas: 2 }, {}, {}, false, 3],
    [{ replicas: 1 }, { replicas: 1 }, {}, { a: 'b' }, false, 2],
    [{ replicas: 1 }, { replicas: 1 }, {}, { a: 'b' }, true, 3],
  ])('generation: spec %j → %j, annotations %j → %j (count annotations: %s) = %d', (oldSpec, newSpec, oldAnn, newAnn, countAnn, gen) => {
    const old: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { generation: 2, annotations: oldAnn }, spec: oldSpec };
    const next: KubeObject = { ...old, metadata: { ...old.metadata, annotations: newAnn }, spec: newSpec };
    expect(nextGeneration(next, old, { annotationsCount: countAnn })).toBe(gen);
  });
  it('formats times as RFC 3339 seconds', () => {
    expect(rfc3339(new Date('2026-01-02T03:04:05.678Z'))).toBe('2026-01-02T03:04:05Z');
  });
});
