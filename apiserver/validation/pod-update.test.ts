import { describe, expect, it } from 'vitest';
import { findKind } from '../../lib/api/resources.js';
import type { KubeObject } from '../../lib/api/types.js';
import { errorText } from './field-errors.js';
import { POD_UPDATE_FORBIDDEN_PREFIX, validateUpdate } from './index.js';
import { container, pod, stored } from './testing/builders.js';

const POD = findKind('v1', 'Pod')!;
const old = stored(pod((p) => { p.spec.tolerations = [{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }]; }));

function update(edit: (p: any) => void): string[] {
  const next: KubeObject = structuredClone(old);
  edit(next);
  return validateUpdate(POD, next, old).map(errorText);
}

describe('pod updates', () => {
  it('spells the forbidden message as v1.32 does', () => {
    expect(POD_UPDATE_FORBIDDEN_PREFIX).toBe(
      'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,' +
      '`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),' +
      '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
  });

  it.each([
    ['a new image', (p: any) => { p.spec.containers[0].image = 'nginxdemos/hello:latest'; }],
    ['labels', (p: any) => { p.metadata.labels = { app: 'hello' }; }],
    ['an added toleration', (p: any) => { p.spec.tolerations.push({ key: 'other', operator: 'Exists' }); }],
    ['a changed tolerationSeconds', (p: any) => { p.spec.tolerations[0].tolerationSeconds = 60; }],
    ['a first activeDeadlineSeconds', (p: any) => { p.spec.activeDeadlineSeconds = 100; }],
  ])('allows %s', (_name, edit) => expect(update(edit)).toEqual([]));

  it('compares quantities by value, as Semantic.DeepEqual does', () => {
    const base = stored(pod((p) => { p.spec.containers[0].resources = { limits: { cpu: '1' } }; }));
    const next = structuredClone(base);
    next.spec.containers[0].resources.limits.cpu = '1000m';
    expect(validateUpdate(POD, next, base)).toEqual([]);
    next.spec.containers[0].resources.limits.cpu = '2';
    expect(validateUpdate(POD, next, base)[0]!.field).toBe('spec');
  });

  it('forbids any other spec change, with a diff after the message', () => {
    const errs = validateUpdate(POD, (() => { const n = structuredClone(old); n.spec.restartPolicy = 'Never'; return n; })(), old);
    expect(errs).toHaveLength(1);
    expect(errs[0]!.reason).toBe('FieldValueForbidden');
    expect(errs[0]!.field).toBe('spec');
    const [first, ...diff] = errs[0]!.message!.split('\n');
    expect(first).toBe(`Forbidden: ${POD_UPDATE_FORBIDDEN_PREFIX}`);
    expect(diff).toContain('- \tRestartPolicy: "Always",');
    expect(diff).toContain('+ \tRestartPolicy: "Never",');
  });

  it('does not count the allowed changes in the diff', () => {
    const [e] = update((p) => { p.spec.containers[0].image = 'x:2'; p.spec.dnsPolicy = 'Default'; });
    expect(e).toMatch(/DNSPolicy/);
    expect(e).not.toMatch(/x:2/);
  });

  it.each([
    ['adding a container', (p: any) => { p.spec.containers.push(container('debug')); }, ['spec.containers: Forbidden: pod updates may not add or remove containers']],
    ['removing the image', (p: any) => { p.spec.containers[0].image = ''; }, ['spec.containers[0].image: Required value', 'spec.containers[0].image: Required value']],
    ['changing a toleration', (p: any) => { p.spec.tolerations[0].key = 'other'; }, ['spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds']],
  ])('rejects %s', (_name, edit, want) => expect(update(edit)).toEqual(want));

  it('only lets activeDeadlineSeconds go down', () => {
    const base = stored(pod((p) => { p.spec.activeDeadlineSeconds = 100; }));
    const next = structuredClone(base);
    next.spec.activeDeadlineSeconds = 200;
    expect(validateUpdate(POD, next, base).map(errorText)).toEqual(['spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value']);
    delete next.spec.activeDeadlineSeconds;
    expect(validateUpdate(POD, next, base).map(errorText)).toEqual(['spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value']);
  });

  it('lets a negative grace period become 1 and nothing else', () => {
    const base = stored(pod((p) => { p.spec.terminationGracePeriodSeconds = -1; }));
    const next = structuredClone(base);
    next.spec.terminationGracePeriodSeconds = 1;
    expect(validateUpdate(POD, next, base)).toEqual([]);
    next.spec.terminationGracePeriodSeconds = 2;
    expect(validateUpdate(POD, next, base)[0]!.field).toBe('spec');
  });
});
