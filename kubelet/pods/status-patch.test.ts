import { describe, expect, it } from 'vitest';
import { canonical, podStatusChanged, podStatusPatch } from './status-patch.js';
import type { PodStatus } from './types.js';

const base: PodStatus = {
  phase: 'Running', podIP: '127.244.1.2',
  conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2024-05-01T10:00:00Z' }],
  containerStatuses: [{ name: 'nginx', state: { running: { startedAt: '2024-05-01T10:00:00Z' } }, lastState: {}, ready: true, restartCount: 0, image: 'x', imageID: '', started: true }],
};

describe('podStatusChanged', () => {
  it.each([
    ['the same status read back without nulls and empties', { ...base, conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2024-05-01T10:00:00Z' }], containerStatuses: [{ ...base.containerStatuses![0]!, lastState: undefined as never, imageID: undefined as never }] }, false],
    ['fields the kubelet does not own', { ...base, nominatedNodeName: 'node-2' }, false],
    ['a new phase', { ...base, phase: 'Succeeded' }, true],
    ['a restart', { ...base, containerStatuses: [{ ...base.containerStatuses![0]!, restartCount: 1 }] }, true],
  ] as const)('%s → %s', (_name, current, changed) => {
    expect(podStatusChanged(current as PodStatus, base)).toBe(changed);
  });

  it('treats a missing status as changed', () => {
    expect(podStatusChanged(undefined, base)).toBe(true);
  });
});

describe('podStatusPatch', () => {
  it('sends the owned fields and the order of the conditions', () => {
    expect(podStatusPatch({ ...base, nominatedNodeName: 'x' })).toEqual({
      status: { phase: 'Running', podIP: '127.244.1.2', conditions: base.conditions, containerStatuses: base.containerStatuses, '$setElementOrder/conditions': [{ type: 'Ready' }] },
    });
  });

  it('canonical JSON sorts keys', () => {
    expect(canonical({ b: 1, a: { d: null, c: [] } })).toBe('{"b":1}');
    expect(canonical({ b: 1, a: 2 })).toBe(canonical({ a: 2, b: 1 }));
  });
});
