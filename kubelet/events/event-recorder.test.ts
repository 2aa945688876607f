import { describe, expect, it } from 'vitest';
import { EVENTS } from '../../lib/client/resource-refs.js';
import { fakeCluster } from '../../lib/client/testing/fake-cluster.js';
import { T0 } from '../testing/builders.js';
import { EventRecorder, newEvent, type ObjectReference } from './event-recorder.js';

const source = { component: 'kubelet', host: 'node-1', instance: 'node-1' };
const nginx: ObjectReference = { kind: 'Pod', apiVersion: 'v1', namespace: 'default', name: 'hello', uid: 'u1', fieldPath: 'spec.containers{nginx}' };

describe('newEvent', () => {
  it('builds a kubelet event with the container as sub-object and the node as host', () => {
    const ev = newEvent(nginx, 'Normal', 'Pulling', 'Pulling image "x"', source, T0 + 500, 3);
    expect(ev).toMatchObject({
      metadata: { name: `hello.${(BigInt(T0 + 500) * 1_000_000n + 3n).toString(16)}`, namespace: 'default' },
      involvedObject: nginx, reason: 'Pulling', message: 'Pulling image "x"', type: 'Normal',
      source: { component: 'kubelet', host: 'node-1' }, reportingComponent: 'kubelet', reportingInstance: 'node-1',
      firstTimestamp: '2024-05-01T10:00:00Z', lastTimestamp: '2024-05-01T10:00:00Z', count: 1,
    });
  });

  it('puts events about cluster-scoped objects in the default namespace', () => {
    expect(newEvent({ kind: 'Node', name: 'node-1', uid: 'node-1' }, 'Normal', 'Starting', 'Starting kubelet.', source, T0, 0).metadata.namespace).toBe('default');
  });
});

describe('EventRecorder', () => {
  it('writes in order and counts repeats per container', async () => {
    const { api, server } = fakeCluster();
    let t = T0;
    const recorder = new EventRecorder(api, source, { now: () => (t += 5000) });
    const debug = { ...nginx, fieldPath: 'spec.containers{debug}' };
    void recorder.event(nginx, 'Warning', 'BackOff', 'Back-off');
    void recorder.event(nginx, 'Warning', 'BackOff', 'Back-off');
    void recorder.event(debug, 'Warning', 'BackOff', 'Back-off');
    await recorder.event(nginx, 'Warning', 'BackOff', 'Back-off');
    const { items } = await api.list(EVENTS, { namespace: 'default' });
    expect(items.map((e) => [e.involvedObject.fieldPath, e.count, e.lastTimestamp])).toEqual(expect.arrayContaining([
      ['spec.containers{nginx}', 3, '2024-05-01T10:00:20Z'], ['spec.containers{debug}', 1, '2024-05-01T10:00:15Z'],
    ]));
    expect(items).toHaveLength(2);
    server.crash();
    await expect(recorder.event(nginx, 'Normal', 'X', 'y')).resolves.toBeUndefined();
  });
});
