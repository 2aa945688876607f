import { describe, expect, it } from 'vitest';
import { eventPrinter, eventTimes } from './event.js';
import { NOW, ago, makeEvent, type EventBuilder } from './testing/builders.js';

describe('event Last Seen / First Seen / Count', () => {
  it.each<[string, EventBuilder, [string, string, number]]>([
    ['old-style, seen once', makeEvent().seen('5m', '5m', 1), ['5m', '5m', 1]],
    ['old-style, repeated', makeEvent().seen('2h', '30s', 14), ['30s', '120m', 14]],
    ['no lastTimestamp: Last Seen is First Seen', makeEvent().seen('3m', undefined, 2), ['3m', '3m', 2]],
    ['count missing on a singleton: 1', makeEvent().seen('4m', '4m'), ['4m', '4m', 1]],
    ['new-style: eventTime only', makeEvent().seen().set((e) => { e.eventTime = '2024-06-01T11:58:00.000000Z'; }), ['2m', '2m', 1]],
    [
      'new-style series: last observation and series count',
      makeEvent().seen().set((e) => {
        e.eventTime = ago('1h');
        e.series = { count: 7, lastObservedTime: '2024-06-01T11:59:30.123456Z' };
      }),
      // 29.877 s: ages truncate, they never round up.
      ['29s', '60m', 7],
    ],
    ['nothing known', makeEvent().seen(), ['<unknown>', '<unknown>', 1]],
  ])('%s', (_name, ev, [lastSeen, firstSeen, count]) => {
    expect(eventTimes(ev.build(), NOW)).toEqual({ lastSeen, firstSeen, count });
  });
});

describe('event row', () => {
  it('prints every column in server order', () => {
    const ev = makeEvent('hello.17a').about('Pod', 'hello', 'spec.containers{app}').seen('10m', '2m', 3)
      .set((e) => {
        e.type = 'Warning';
        e.reason = 'BackOff';
        e.message = '  Back-off restarting failed container\n';
        e.source = { component: 'kubelet', host: 'node-1' };
      });
    expect(eventPrinter.printRow(ev.build(), NOW).cells).toEqual([
      '2m', 'Warning', 'BackOff', 'pod/hello', 'spec.containers{app}', 'kubelet, node-1',
      'Back-off restarting failed container', '10m', 3, 'hello.17a',
    ]);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['object without name', { involvedObject: { kind: 'Node' } }, 'node', 'default-scheduler'],
    ['kind lower-cased', { involvedObject: { kind: 'ReplicaSet', name: 'web-5d9c' } }, 'replicaset/web-5d9c', 'default-scheduler'],
    ['reporting fields fill in the source', { source: {}, reportingComponent: 'kubelab-kubelet', reportingInstance: 'node-2' }, 'pod/hello', 'kubelab-kubelet, node-2'],
    ['source without host', { source: { component: 'deployment-controller' } }, 'pod/hello', 'deployment-controller'],
  ])('%s', (_name, fields, object, source) => {
    const cells = eventPrinter.printRow(makeEvent().seen('1m', '1m', 1).set((e) => Object.assign(e, fields)).build(), NOW).cells;
    expect([cells[3], cells[5]]).toEqual([object, source]);
  });
});
