import { describe, expect, it } from 'vitest';
import { fieldsOf, type FieldType } from '../schema/type-map.js';
import { PATCH_STRATEGIES, patchMetaOf } from './patch-strategies.js';
import { fieldScope, itemScope, listMeta, rootScope } from './patch-schema.js';

const entries = Object.entries(PATCH_STRATEGIES).flatMap(([typeName, fields]) =>
  Object.entries(fields).map(([field, meta]) => ({ typeName, field, meta })));

describe('PATCH_STRATEGIES matches the schema', () => {
  it.each(entries)('$typeName.$field is a real field of the right shape', ({ typeName, field, meta }) => {
    const type: FieldType | undefined = fieldsOf(typeName)?.get(field)?.type;
    expect(type, `${typeName}.${field} exists`).toBeDefined();
    if (!meta.merge) {
      // retainKeys-only strategies apply to structs (DeploymentSpec.strategy).
      expect(type!.kind).toBe('object');
      return;
    }
    expect(type!.kind).toBe('array');
    const elem = (type as { of: FieldType }).of;
    if (meta.mergeKey) {
      expect(elem.kind).toBe('object');
      const elemFields = fieldsOf((elem as { typeName: string }).typeName)!;
      expect(elemFields.has(meta.mergeKey), `${meta.mergeKey} is a field of the elements`).toBe(true);
    } else {
      expect(elem.kind).toBe('string');
    }
  });
});

describe('patchMetaOf and listMeta', () => {
  it.each([
    ['V1PodSpec', 'containers', { merge: true, mergeKey: 'name', retainKeys: false }],
    ['V1PodSpec', 'volumes', { merge: true, mergeKey: 'name', retainKeys: true }],
    ['V1Container', 'ports', { merge: true, mergeKey: 'containerPort', retainKeys: false }],
    ['V1ServiceSpec', 'ports', { merge: true, mergeKey: 'port', retainKeys: false }],
    ['V1ObjectMeta', 'finalizers', { merge: true, retainKeys: false }],
    ['V1DeploymentSpec', 'strategy', { merge: false, retainKeys: true }],
    ['V1PodSpec', 'tolerations', undefined],
    ['V1Container', 'command', undefined],
    ['V1PodSpec', 'constructor', undefined],
    ['NoSuchType', 'containers', undefined],
  ])('%s.%s', (typeName, field, expected) => {
    expect(patchMetaOf(typeName, field)).toEqual(expected);
  });

  it('walks a Deployment down to its containers and their ports', () => {
    let scope = rootScope('V1Deployment');
    for (const key of ['spec', 'template', 'spec']) scope = fieldScope(scope, key);
    expect(listMeta(scope, 'containers')?.mergeKey).toBe('name');
    const container = itemScope(fieldScope(scope, 'containers'));
    expect(listMeta(container, 'ports')?.mergeKey).toBe('containerPort');
    expect(listMeta(scope, 'strategy')).toBeUndefined();
  });

  it('has no scope for unknown types or fields, and keeps map element types', () => {
    expect(rootScope('NoSuchType')).toBeUndefined();
    expect(fieldScope(rootScope('V1Pod'), 'noSuchField')).toBeUndefined();
    const labels = fieldScope(fieldScope(rootScope('V1Pod'), 'metadata'), 'labels');
    expect(fieldScope(labels, 'app')).toEqual({ kind: 'string' });
  });
});
