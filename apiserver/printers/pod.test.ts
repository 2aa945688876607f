import { describe, expect, it } from 'vitest';
import { podPrinter } from './pod.js';
import { NOW, ago, makePod, type PodBuilder } from './testing/builders.js';

/** The narrow columns kubectl shows by default: NAME READY STATUS RESTARTS AGE. */
function narrow(b: PodBuilder): unknown[] {
  return podPrinter.printRow(b.build(), NOW).cells.slice(0, 5);
}

function status(b: PodBuilder): unknown {
  return narrow(b)[2];
}

describe('pod Status cell', () => {
  const cases: [string, PodBuilder, string, string][] = [
    ['pending, no statuses yet', makePod(), '0/1', 'Pending'],
    ['creating the container', makePod().onNode('n').waiting('app', 'ContainerCreating'), '0/1', 'ContainerCreating'],
    ['running and ready', makePod().ready(), '1/1', 'Running'],
    ['running, readiness probe failing', makePod().phase('Running').running('app', { ready: false }), '0/1', 'Running'],
    ['crash looping', makePod().phase('Running').waiting('app', 'CrashLoopBackOff', { restarts: 3 }), '0/1', 'CrashLoopBackOff'],
    ['image pull failing', makePod().waiting('app', 'ImagePullBackOff'), '0/1', 'ImagePullBackOff'],
    ['ErrImagePull', makePod().waiting('app', 'ErrImagePull'), '0/1', 'ErrImagePull'],
    ['completed', makePod().phase('Succeeded').terminated('app', { exitCode: 0, reason: 'Completed' }), '0/1', 'Completed'],
    ['failed with Error', makePod().phase('Failed').terminated('app', { exitCode: 1, reason: 'Error' }), '0/1', 'Error'],
    ['OOMKilled', makePod().phase('Running').terminated('app', { exitCode: 137, reason: 'OOMKilled' }), '0/1', 'OOMKilled'],
    ['terminated without reason: exit code', makePod().phase('Failed').terminated('app', { exitCode: 3 }), '0/1', 'ExitCode:3'],
    ['terminated without reason: signal', makePod().phase('Failed').terminated('app', { exitCode: 0, signal: 9 }), '0/1', 'Signal:9'],
    ['waiting without reason falls through', makePod().phase('Running').set((p) => {
      p.status.containerStatuses = [{ name: 'app', ready: false, restartCount: 0, state: { waiting: {} } }];
    }), '0/1', 'Running'],
    ['status.reason wins over phase', makePod().phase('Failed', 'Evicted'), '0/1', 'Evicted'],
    ['scheduling gated', makePod().condition('PodScheduled', 'False', 'SchedulingGated'), '0/1', 'SchedulingGated'],
  ];
  it.each(cases)('%s', (_name, pod, ready, want) => {
    const cells = narrow(pod);
    expect(cells[1]).toBe(ready);
    expect(cells[2]).toBe(want);
  });

  it('with several containers the first one with a reason wins', () => {
    const pod = makePod().containers('a', 'b').phase('Running')
      .waiting('a', 'CrashLoopBackOff').terminated('b', { exitCode: 1, reason: 'Error' });
    expect(status(pod)).toBe('CrashLoopBackOff');
    const swapped = makePod().containers('a', 'b').phase('Running')
      .terminated('a', { exitCode: 1, reason: 'Error' }).waiting('b', 'CrashLoopBackOff');
    expect(status(swapped)).toBe('Error');
  });

  it('Completed with a container still running is Running when the pod is Ready, NotReady otherwise', () => {
    const base = () => makePod().containers('job', 'sidecar').phase('Running')
      .terminated('job', { exitCode: 0, reason: 'Completed' }).running('sidecar', { ready: true });
    expect(narrow(base().condition('Ready', 'True')).slice(1, 3)).toEqual(['1/2', 'Running']);
    expect(narrow(base().condition('Ready', 'False')).slice(1, 3)).toEqual(['1/2', 'NotReady']);
    // A running container that is not ready does not count: Completed stays.
    const notReady = makePod().containers('job', 'sidecar').phase('Running')
      .terminated('job', { exitCode: 0, reason: 'Completed' }).running('sidecar', { ready: false });
    expect(status(notReady)).toBe('Completed');
  });

  it('Terminating once deleted, unless the phase is already terminal', () => {
    expect(status(makePod().ready().deleting())).toBe('Terminating');
    expect(status(makePod().phase('Pending').deleting())).toBe('Terminating');
    expect(status(makePod().phase('Succeeded').terminated('app', { exitCode: 0, reason: 'Completed' }).deleting())).toBe('Completed');
    expect(status(makePod().phase('Failed').terminated('app', { exitCode: 2, reason: 'Error' }).deleting())).toBe('Error');
  });

  it('Unknown for a deleted pod on a lost node (reason NodeLost), whatever the phase', () => {
    expect(status(makePod().ready().phase('Running', 'NodeLost').deleting())).toBe('Unknown');
    expect(status(makePod().phase('Running', 'NodeLost'))).toBe('NodeLost');
  });
});

describe('pod init containers', () => {
  const twoInits = () => makePod().initContainer('migrate').initContainer('seed');
  const done = { terminated: { exitCode: 0, reason: 'Completed' } };
  const cases: [string, PodBuilder, string, string][] = [
    ['first not started', twoInits().initStatus('migrate', { waiting: { reason: 'PodInitializing' } }).initStatus('seed', { waiting: { reason: 'PodInitializing' } }), '0/1', 'Init:0/2'],
    ['first running', twoInits().initStatus('migrate', { running: {} }).initStatus('seed', { waiting: { reason: 'PodInitializing' } }), '0/1', 'Init:0/2'],
    ['second running', twoInits().initStatus('migrate', done).initStatus('seed', { running: {} }), '0/1', 'Init:1/2'],
    ['crash looping init', twoInits().initStatus('migrate', { waiting: { reason: 'CrashLoopBackOff' } }), '0/1', 'Init:CrashLoopBackOff'],
    ['init failed with reason', twoInits().initStatus('migrate', { terminated: { exitCode: 1, reason: 'Error' } }), '0/1', 'Init:Error'],
    ['init failed, exit code only', twoInits().initStatus('migrate', { terminated: { exitCode: 4 } }), '0/1', 'Init:ExitCode:4'],
    // Exit code 0 means done, signal or not: the walk moves on and nothing else has status yet.
    ['init exited 0 after a signal', twoInits().initStatus('migrate', { terminated: { exitCode: 0, signal: 15 } }), '0/1', 'Pending'],
    ['init killed by a signal, non-zero exit', twoInits().initStatus('migrate', { terminated: { exitCode: 143, signal: 15 } }), '0/1', 'Init:Signal:15'],
    ['all done, app container starting', twoInits().initStatus('migrate', done).initStatus('seed', done).waiting('app', 'PodInitializing'), '0/1', 'PodInitializing'],
    ['all done, app running', twoInits().initStatus('migrate', done).initStatus('seed', done).ready(), '1/1', 'Running'],
  ];
  it.each(cases)('%s', (_name, pod, ready, want) => {
    const cells = narrow(pod);
    expect(cells[1]).toBe(ready);
    expect(cells[2]).toBe(want);
  });

  it('a started sidecar (restartPolicy Always) counts as a container and does not block', () => {
    const pod = makePod().initContainer('proxy', { sidecar: true })
      .initStatus('proxy', { running: {} }, { started: true, ready: true }).ready();
    expect(narrow(pod).slice(1, 3)).toEqual(['2/2', 'Running']);
    const notStarted = makePod().initContainer('proxy', { sidecar: true })
      .initStatus('proxy', { running: {} }, { started: false }).phase('Pending');
    expect(narrow(notStarted).slice(1, 3)).toEqual(['0/2', 'Init:0/1']);
  });

  it('an Initialized condition lets app containers count even while an init status lags', () => {
    const lagging = () => makePod().initContainer('migrate').initStatus('migrate', { running: {} }).condition('Initialized', 'True');
    // A running container sets no reason, so the Init:x/y text survives, but READY now counts it.
    expect(narrow(lagging().ready()).slice(1, 3)).toEqual(['1/1', 'Init:0/1']);
    expect(status(lagging().phase('Running').waiting('app', 'CrashLoopBackOff'))).toBe('CrashLoopBackOff');
    expect(status(lagging().set((p) => { p.status.conditions = []; }).ready())).toBe('Init:0/1');
  });
});

describe('pod Restarts cell', () => {
  const restarts = (b: PodBuilder) => narrow(b)[3];

  it.each<[string, PodBuilder, string]>([
    ['never restarted', makePod().ready(), '0'],
    ['restarted, no termination time known', makePod().phase('Running').running('app', { ready: true, restarts: 2 }), '2'],
    ['restarted 5 minutes ago', makePod().phase('Running').waiting('app', 'CrashLoopBackOff', { restarts: 3, lastTerminated: '5m' }), '3 (5m ago)'],
    ['age formatting of the last restart', makePod().phase('Running').running('app', { restarts: 1, lastTerminated: '3h20m' }), '1 (3h20m ago)'],
    [
      'summed over containers, latest termination',
      makePod().containers('a', 'b').phase('Running')
        .running('a', { restarts: 2, lastTerminated: '2h' }).running('b', { restarts: 5, lastTerminated: '40s' }),
      '7 (40s ago)',
    ],
    [
      'init restarts count while initializing',
      makePod().initContainer('migrate').initStatus('migrate', { waiting: { reason: 'CrashLoopBackOff' } }, { restarts: 4, lastTerminated: '30s' }),
      '4 (30s ago)',
    ],
    [
      'after initialization only sidecar restarts join the app containers',
      makePod().initContainer('migrate').initContainer('proxy', { sidecar: true })
        .initStatus('migrate', { terminated: { exitCode: 0, reason: 'Completed' } }, { restarts: 9, lastTerminated: '1m' })
        .initStatus('proxy', { running: {} }, { started: true, ready: true, restarts: 2, lastTerminated: '20s' })
        .phase('Running').running('app', { ready: true, restarts: 1, lastTerminated: '8m' }),
      '3 (20s ago)',
    ],
  ])('%s', (_name, pod, want) => {
    expect(restarts(pod)).toBe(want);
  });
});

describe('pod wide cells and row conditions', () => {
  it('prints <none> for empty IP, node, nominated node and readiness gates', () => {
    expect(podPrinter.printRow(makePod().build(), NOW).cells.slice(5)).toEqual(['<none>', '<none>', '<none>', '<none>']);
  });

  it('prints IP, node, nominated node and readiness gates', () => {
    const pod = makePod().onNode('node-1').podIP('10.244.0.7').readinessGate('www.example.com/lb').readinessGate('other')
      .condition('www.example.com/lb', 'True').condition('other', 'False')
      .set((p) => { p.status.nominatedNodeName = 'node-2'; });
    expect(podPrinter.printRow(pod.build(), NOW).cells.slice(5)).toEqual(['10.244.0.7', 'node-1', 'node-2', '1/2']);
  });

  it('falls back to status.podIP when podIPs is absent (as v1 conversion does)', () => {
    const pod = makePod().set((p) => { p.status.podIP = '10.244.1.2'; });
    expect(podPrinter.printRow(pod.build(), NOW).cells[5]).toBe('10.244.1.2');
  });

  it('prints name and age', () => {
    const cells = podPrinter.printRow(makePod('web-1').createdAgo('95m').build(), NOW).cells;
    expect([cells[0], cells[4]]).toEqual(['web-1', '95m']);
    expect(podPrinter.printRow(makePod().createdAgo('').build(), NOW).cells[4]).toBe('<unknown>');
  });

  it.each([
    ['Succeeded', [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }]],
    ['Failed', [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }]],
    ['Running', undefined],
  ])('phase %s row conditions', (phase, want) => {
    expect(podPrinter.printRow(makePod().phase(phase).build(), NOW).conditions).toEqual(want);
  });

  it('never throws on a bare pod', () => {
    const cells = podPrinter.printRow({ apiVersion: 'v1', kind: 'Pod', metadata: {} }, NOW).cells;
    expect(cells).toEqual(['', '0/0', '', '0', '<unknown>', '<none>', '<none>', '<none>', '<none>']);
    expect(ago('0s')).toBe('2024-06-01T12:00:00Z');
  });
});
