import { describe, expect, it } from 'vitest';
import { kubeletHeartbeat, podSyncDecision } from './observe.js';
import { makePod, T0 } from './testing/builders.js';

describe('observer records', () => {
  it('describes a pod sync with each action and its reason', () => {
    const pod = makePod('hello').container('nginx').build();
    const rec = podSyncDecision('node-1', pod, [
      { type: 'allocateIP', reason: 'the pod has no IP yet' },
      { type: 'killContainer', container: 'nginx', id: 'x', gracePeriodSeconds: 30, message: 'Stopping container nginx', reason: 'the pod is being deleted' },
    ], T0);
    expect(rec).toEqual({
      kind: 'PodSyncDecision', time: '2024-05-01T10:00:00.000Z', node: 'node-1', pod: 'default/hello', uid: 'uid-hello',
      actions: [
        { type: 'allocateIP', reason: 'the pod has no IP yet' },
        { type: 'killContainer', container: 'nginx', reason: 'the pod is being deleted', message: 'Stopping container nginx' },
      ],
    });
  });

  it('counts running and exited containers in the heartbeat', () => {
    expect(kubeletHeartbeat('node-1', 2, [{ state: 'running' }, { state: 'exited' }, { state: 'created' }], T0).containers).toEqual({ running: 2, exited: 1 });
  });
});
