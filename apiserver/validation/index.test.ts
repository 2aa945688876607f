import { describe, expect, it } from 'vitest';
import { findKind, type ResourceInfo } from '../../lib/api/resources.js';
import { InvalidError } from '../../lib/errors.js';
import { errorText, required } from './field-errors.js';
import { validateCreate, validateUpdate } from './index.js';
import { invalidStatusMessage } from './status-message.js';
import { deployment, event, pod, stored } from './testing/builders.js';

describe('validateCreate order', () => {
  it('applies the generic URL-safe name rule only after the kind passes', () => {
    expect(validateCreate(findKind('v1', 'Event')!, event((e) => { e.metadata.name = 'a/b'; })).map(errorText))
      .toEqual(["metadata.name: Invalid value: \"a/b\": may not contain '/'"]);
    const errs = validateCreate(findKind('v1', 'Pod')!, pod((p) => { p.metadata.name = 'a/b'; })).map(errorText);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/^metadata\.name: Invalid value: "a\/b": a lowercase RFC 1123 subdomain/);
  });

  it('gives kinds without their own rules the generic ones', () => {
    const custom: ResourceInfo = { ...findKind('v1', 'ConfigMap')!, group: 'example.com', kind: 'Widget' };
    expect(validateCreate(custom, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }).map(errorText))
      .toEqual(['metadata.namespace: Required value']);
  });
});

describe('validateUpdate', () => {
  it('reports kind and generic update errors together', () => {
    const old = stored(deployment());
    const next = structuredClone(old);
    delete next.metadata.resourceVersion;
    next.spec.replicas = -1;
    const errs = validateUpdate(findKind('apps/v1', 'Deployment')!, next, old).map(errorText);
    expect(errs).toContain('metadata.resourceVersion: Invalid value: "": must be specified for an update');
    expect(errs).toContain('spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  });
});

describe('the Invalid status message', () => {
  it.each([
    ['', 'Pod', [required('spec.containers[0].image')], 'Pod "x" is invalid: spec.containers[0].image: Required value'],
    ['apps', 'Deployment', [required('a'), required('b'), required('a')], 'Deployment.apps "x" is invalid: [a: Required value, b: Required value]'],
    ['', 'ConfigMap', [{ reason: 'FieldValueTooLong', message: 'Too long: may not be more than 1048576 bytes' }], 'ConfigMap "x" is invalid: : Too long: may not be more than 1048576 bytes'],
    ['', 'Pod', [], 'Pod "x" is invalid'],
  ])('%s/%s', (group, kind, causes, want) => expect(invalidStatusMessage(group, kind, 'x', causes)).toBe(want));

  it('matches lib/errors InvalidError for the single-cause core case', () => {
    const causes = [required('spec.containers[0].image')];
    expect(new InvalidError('', 'Pod', 'x', causes).message).toBe(invalidStatusMessage('', 'Pod', 'x', causes));
  });
});
