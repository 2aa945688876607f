import { describe, expect, it } from 'vitest';
import type { RuntimeContainer } from '../runtime-port.js';
import { exited, makePod, running, T0 } from '../testing/builders.js';
import { rfc3339 } from '../util/time.js';
import { newPodMemory, type PodMemory } from './pod-memory.js';
import { generatePodStatus, type PodStatusInput } from './pod-status.js';
import type { Pod } from './types.js';

const images = {
  'nginxdemos/hello:plain-text': { image: 'docker.io/nginxdemos/hello:plain-text', imageID: 'docker.io/nginxdemos/hello@sha256:aa' },
  'posquit0/doraemon:latest': { image: 'docker.io/posquit0/doraemon:latest', imageID: 'docker.io/posquit0/doraemon@sha256:bb' },
};
const NOW = T0 + 60_000;
const hello = () => makePod('hello').container('nginx').container('debug', 'posquit0/doraemon:latest');

function status(pod: Pod, containers: RuntimeContainer[], o: Omit<Partial<PodStatusInput>, 'memory'> & { memory?: Partial<PodMemory> } = {}) {
  const { memory, ...rest } = o;
  return generatePodStatus({ pod, podIP: '127.244.1.2', nodeIP: '127.0.1.1', containers, memory: { ...newPodMemory(), firstSeenMs: T0, ...memory }, images, now: NOW, ...rest });
}

const conditionsOf = (s: ReturnType<typeof status>) => Object.fromEntries((s.conditions ?? []).map((c) => [c.type, c.reason ? `${c.status} ${c.reason}${c.message ? `: ${c.message}` : ''}` : c.status]));

describe('generatePodStatus: the hello pod', () => {
  it('reports ContainerCreating before any container runs', () => {
    const s = status(hello().build(), [], { podIP: undefined });
    expect(s.phase).toBe('Pending');
    expect(s.podIP).toBeUndefined();
    expect(s.containerStatuses![0]).toEqual({
      name: 'nginx', state: { waiting: { reason: 'ContainerCreating' } }, lastState: {}, ready: false, restartCount: 0,
      image: 'docker.io/nginxdemos/hello:plain-text', imageID: '', started: false,
    });
    expect(conditionsOf(s)).toEqual({
      PodReadyToStartContainers: 'False', Initialized: 'True', Ready: 'False ContainersNotReady: containers with unready status: [nginx debug]',
      ContainersReady: 'False ContainersNotReady: containers with unready status: [nginx debug]', PodScheduled: 'True',
    });
  });

  it('is Running and Ready 2/2 with both containers up, as `kubectl get pod` shows', () => {
    const pod = hello().build();
    const nginx = running(pod, 'nginx', { startedAt: T0 + 1000 });
    const s = status(pod, [nginx, running(pod, 'debug')]);
    expect(s).toMatchObject({ phase: 'Running', podIP: '127.244.1.2', podIPs: [{ ip: '127.244.1.2' }], hostIP: '127.0.1.1', hostIPs: [{ ip: '127.0.1.1' }], startTime: rfc3339(T0), qosClass: 'BestEffort' });
    expect(s.containerStatuses![0]).toEqual({
      name: 'nginx', state: { running: { startedAt: rfc3339(T0 + 1000) } }, lastState: {}, ready: true, restartCount: 0,
      image: 'docker.io/nginxdemos/hello:plain-text', imageID: 'docker.io/nginxdemos/hello@sha256:aa', containerID: `kubelab://${nginx.id}`, started: true,
    });
    expect(conditionsOf(s)).toEqual({ PodReadyToStartContainers: 'True', Initialized: 'True', Ready: 'True', ContainersReady: 'True', PodScheduled: 'True' });
    expect(s.conditions!.map((c) => c.type)).toEqual(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);
  });
});

describe('generatePodStatus: container states', () => {
  const pod = makePod().container('nginx').build();
  const dead = exited(pod, 'nginx', { exitCode: 1, startedAt: T0, finishedAt: T0 + 2000 });
  const terminated = { exitCode: 1, reason: 'Error', startedAt: rfc3339(T0), finishedAt: rfc3339(T0 + 2000), containerID: `kubelab://${dead.id}` };

  it.each([
    ['an exit not yet acted on stays terminated', [dead], {}, { terminated }, {}],
    ['CrashLoopBackOff moves the exit to lastState', [dead], { failures: { nginx: { reason: 'CrashLoopBackOff', message: 'back-off 10s ...' } } },
      { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 10s ...' } }, { terminated }],
    ['a restarted container shows the previous exit as lastState', [dead, running(pod, 'nginx', { restartCount: 1, startedAt: T0 + 3000 })], {},
      { running: { startedAt: rfc3339(T0 + 3000) } }, { terminated }],
    ['ErrImagePull before the first start', [], { failures: { nginx: { reason: 'ErrImagePull', message: 'not found' } } },
      { waiting: { reason: 'ErrImagePull', message: 'not found' } }, {}],
  ])('%s', (_name, containers, memory, state, lastState) => {
    const s = status(pod, containers, { memory });
    expect(s.containerStatuses![0]!.state).toEqual(state);
    expect(s.containerStatuses![0]!.lastState).toEqual(lastState);
  });

  it('counts restarts from the running instance', () => {
    const s = status(pod, [dead, running(pod, 'nginx', { restartCount: 4 })]);
    expect(s.containerStatuses![0]!.restartCount).toBe(4);
  });
});

describe('generatePodStatus: probes gate started and ready', () => {
  const pod = makePod().container('nginx').readinessProbe({ httpGet: { port: 80 } }).startupProbe({ tcpSocket: { port: 80 } }).build();
  const c = running(pod, 'nginx');
  it.each([
    [{}, false, false],
    [{ startup: 'success' }, true, false],
    [{ startup: 'success', readiness: 'success' }, true, true],
    [{ startup: 'success', readiness: 'failure' }, true, false],
  ] as const)('results %o → started %s, ready %s', (results, started, ready) => {
    const s = status(pod, [c], { memory: { probes: { [c.id]: results } } });
    expect(s.containerStatuses![0]).toMatchObject({ started, ready });
    expect(s.phase).toBe('Running');
  });
});

describe('generatePodStatus: phase', () => {
  it.each([
    ['Never', [0, 0], 'Succeeded'],
    ['Never', [0, 1], 'Failed'],
    ['OnFailure', [0, 1], 'Running'],
    ['OnFailure', [0, 0], 'Succeeded'],
    ['Always', [0, 0], 'Running'],
  ] as const)('restartPolicy %s with exits %o → %s', (policy, codes, phase) => {
    const pod = makePod().container('a').container('b').restartPolicy(policy).build();
    expect(status(pod, [exited(pod, 'a', { exitCode: codes[0] }), exited(pod, 'b', { exitCode: codes[1] })]).phase).toBe(phase);
  });

  it('settles a deleted pod whose containers stopped on Succeeded or Failed', () => {
    const pod = hello().deleting(30).status({ phase: 'Running' }).build();
    expect(status(pod, [exited(pod, 'nginx', { exitCode: 0 }), exited(pod, 'debug', { exitCode: 0 })]).phase).toBe('Succeeded');
    expect(status(pod, [exited(pod, 'nginx', { exitCode: 0 }), exited(pod, 'debug', { exitCode: 137 })]).phase).toBe('Failed');
  });

  it('never leaves a terminal phase', () => {
    const pod = makePod().container('a').status({ phase: 'Failed' }).build();
    expect(status(pod, [running(pod, 'a')]).phase).toBe('Failed');
  });

  it('is Pending with PodInitializing behind init containers, and Initialized once they succeeded', () => {
    const pod = makePod().initContainer('init').container('nginx').build();
    const s = status(pod, [running(pod, 'init')]);
    expect(s.phase).toBe('Pending');
    expect(s.containerStatuses![0]!.state).toEqual({ waiting: { reason: 'PodInitializing' } });
    expect(conditionsOf(s).Initialized).toBe('False ContainersNotInitialized: containers with incomplete status: [init]');
    const done = status(pod, [exited(pod, 'init', { exitCode: 0 }), running(pod, 'nginx')]);
    expect(done.phase).toBe('Running');
    expect(done.initContainerStatuses![0]).toMatchObject({ ready: true, state: { terminated: { exitCode: 0, reason: 'Completed' } } });
  });

  it('reports a completed pod\'s conditions with PodCompleted', () => {
    const pod = makePod().container('a').restartPolicy('Never').build();
    expect(conditionsOf(status(pod, [exited(pod, 'a', { exitCode: 0 })]))).toMatchObject({ Initialized: 'True PodCompleted', Ready: 'False PodCompleted', ContainersReady: 'False PodCompleted' });
  });
});

describe('generatePodStatus: conditions over time', () => {
  it('moves lastTransitionTime only when a condition changes, and keeps others\' conditions', () => {
    const pod = hello().build();
    const first = status(pod, [running(pod, 'nginx'), running(pod, 'debug')]);
    const later = { ...pod, status: { ...first, conditions: [{ type: 'DisruptionTarget', status: 'True' as const }, ...first.conditions!] } };
    const second = generatePodStatus({ pod: later, podIP: '127.244.1.2', nodeIP: '127.0.1.1', containers: [running(pod, 'nginx')], memory: newPodMemory(), images, now: NOW + 5000 });
    const byType = Object.fromEntries(second.conditions!.map((c) => [c.type, c.lastTransitionTime]));
    expect(second.conditions![0]!.type).toBe('DisruptionTarget');
    expect(byType.Ready).toBe(rfc3339(NOW + 5000));
    expect(byType.PodScheduled).toBe(rfc3339(NOW));
  });
});
