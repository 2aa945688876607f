import { describe, expect, it } from 'vitest';
import { EVENTS } from '../../lib/client/resource-refs.js';
import { fakeCluster } from '../../lib/client/testing/fake-cluster.js';
import { makePod } from '../testing/builders.js';
import { EventRecorder, newEvent, truncateMessage } from './event-recorder.js';

const source = { component: 'default-scheduler', instance: 'default-scheduler-test' };

describe('newEvent', () => {
  it('builds a legacy core/v1 Event named <pod>.<hex nanoseconds>', () => {
    const pod = makePod('hello').build();
    pod.metadata.resourceVersion = '7';
    const ev = newEvent(pod, 'Normal', 'Scheduled', 'Binding', 'Successfully assigned default/hello to node-1', source, new Date('2024-05-01T10:00:00.500Z'), 3);
    expect(ev.metadata).toEqual({ name: `hello.${(1714557600500n * 1_000_000n + 3n).toString(16)}`, namespace: 'default' });
    expect(ev).toMatchObject({
      involvedObject: { kind: 'Pod', namespace: 'default', name: 'hello', uid: 'uid-default-hello', apiVersion: 'v1', resourceVersion: '7' },
      reason: 'Scheduled', type: 'Normal', message: 'Successfully assigned default/hello to node-1',
      source: { component: 'default-scheduler' }, reportingComponent: 'default-scheduler', reportingInstance: 'default-scheduler-test',
      firstTimestamp: '2024-05-01T10:00:00Z', lastTimestamp: '2024-05-01T10:00:00Z', count: 1,
    });
  });

  it('truncates long messages to 1024 characters', () => {
    expect(truncateMessage('x'.repeat(2000))).toHaveLength(1024);
    expect(truncateMessage('x'.repeat(2000)).endsWith('...')).toBe(true);
  });
});

describe('EventRecorder', () => {
  it('creates an event, then counts repeats of the same one', async () => {
    const { api, server } = fakeCluster();
    let t = Date.parse('2024-05-01T10:00:00Z');
    const recorder = new EventRecorder(api, source, { now: () => new Date((t += 5000)) });
    const pod = makePod('hello').build();
    await recorder.event(pod, 'Warning', 'FailedScheduling', 'Scheduling', 'no room');
    await recorder.event(pod, 'Warning', 'FailedScheduling', 'Scheduling', 'no room');
    await recorder.event(pod, 'Warning', 'FailedScheduling', 'Scheduling', 'no room');
    await recorder.event(pod, 'Warning', 'FailedScheduling', 'Scheduling', 'other');
    const { items } = await api.list(EVENTS, { namespace: 'default' });
    expect(items.map((e) => [e.message, e.count, e.firstTimestamp, e.lastTimestamp])).toEqual(expect.arrayContaining([
      ['no room', 3, '2024-05-01T10:00:05Z', '2024-05-01T10:00:15Z'],
      ['other', 1, '2024-05-01T10:00:20Z', '2024-05-01T10:00:20Z'],
    ]));
    expect(items).toHaveLength(2);
    server.crash();
  });

  it('creates a new event when the counted one expired, and never throws', async () => {
    const { api, server } = fakeCluster();
    const recorder = new EventRecorder(api, source);
    const pod = makePod('hello').build();
    await recorder.event(pod, 'Normal', 'Scheduled', 'Binding', 'm');
    const [first] = (await api.list(EVENTS)).items;
    server.remove(EVENTS, 'default', first!.metadata.name!);
    await recorder.event(pod, 'Normal', 'Scheduled', 'Binding', 'm');
    expect((await api.list(EVENTS)).items.map((e) => e.count)).toEqual([1]);
    server.crash();
    await expect(recorder.event(pod, 'Normal', 'Scheduled', 'Binding', 'm')).resolves.toBeUndefined();
  });

  it('emit returns at once, writes one object\'s events in order, and counts emitted repeats', async () => {
    const { api, server } = fakeCluster();
    const created: string[] = [];
    const slow = Object.create(api) as typeof api;
    // The first write is the slowest: without a chain per object, the second would land first.
    let delay = 60;
    slow.create = (async (...args: Parameters<typeof api.create>) => {
      await new Promise((r) => setTimeout(r, (delay = Math.max(0, delay - 30))));
      created.push(String(args[2].reason));
      return api.create(...args);
    }) as typeof api.create;
    const recorder = new EventRecorder(slow, source);
    const pod = makePod('hello').build();
    expect(recorder.emit(pod, 'Warning', 'FailedScheduling', 'Scheduling', 'no room')).toBeUndefined();
    recorder.emit(pod, 'Warning', 'FailedScheduling', 'Scheduling', 'no room');
    recorder.emit(pod, 'Normal', 'Scheduled', 'Binding', 'Successfully assigned default/hello to node-1');
    expect(created).toEqual([]);
    await recorder.flush();
    expect(created).toEqual(['FailedScheduling', 'Scheduled']);
    const { items } = await api.list(EVENTS, { namespace: 'default' });
    expect(items.map((e) => [e.reason, e.count]).sort()).toEqual([['FailedScheduling', 2], ['Scheduled', 1]]);
    server.crash();
    recorder.emit(pod, 'Normal', 'Scheduled', 'Binding', 'lost');
    await expect(recorder.flush()).resolves.toBeUndefined();
  });
});
