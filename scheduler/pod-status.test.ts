import { describe, expect, it } from 'vitest';
import { makePod } from './testing/builders.js';
import { podScheduledPatch } from './pod-status.js';

const now = new Date('2024-05-01T10:00:00.123Z');

describe('podScheduledPatch', () => {
  it('sets PodScheduled=False with the reason and message', () => {
    expect(podScheduledPatch(makePod().build(), 'Unschedulable', '0/1 nodes are available: 1 Insufficient cpu.', now)).toEqual({
      status: { conditions: [{
        type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/1 nodes are available: 1 Insufficient cpu.',
        lastProbeTime: null, lastTransitionTime: '2024-05-01T10:00:00Z',
      }] },
    });
  });

  const withCondition = (message: string) => {
    const pod = makePod().build();
    pod.status.conditions = [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastProbeTime: null, lastTransitionTime: '2024-05-01T09:00:00Z' }];
    return pod;
  };

  it('writes nothing when the condition already says the same', () => {
    expect(podScheduledPatch(withCondition('m'), 'Unschedulable', 'm', now)).toBeUndefined();
  });

  it('keeps lastTransitionTime when only the message changes', () => {
    const patch = podScheduledPatch(withCondition('old'), 'Unschedulable', 'new', now) as { status: { conditions: { lastTransitionTime: string; message: string }[] } };
    expect(patch.status.conditions[0]).toMatchObject({ message: 'new', lastTransitionTime: '2024-05-01T09:00:00Z' });
  });
});
