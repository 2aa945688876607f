import { describe, expect, it } from 'vitest';
import type { RuntimeContainer } from '../runtime-port.js';
import { exited, makePod, running, T0 } from '../testing/builders.js';
import { computePodActions, type PodSyncInput } from './pod-actions.js';
import { newPodMemory, type PodMemory } from './pod-memory.js';
import type { Pod } from './types.js';

const policy = { initialMs: 10_000, maxMs: 300_000 };
const hello = () => makePod('hello').container('nginx').container('debug', 'posquit0/doraemon:latest');

function plan(pod: Pod, containers: RuntimeContainer[], o: Omit<Partial<PodSyncInput>, 'memory'> & { memory?: Partial<PodMemory> } = {}) {
  const { memory, ...rest } = o;
  return computePodActions({ pod, removed: false, podIP: '127.244.1.2', containers, memory: { ...newPodMemory(), ...memory }, now: T0 + 60_000, crashLoopBackOff: policy, ...rest });
}

/** Actions as short strings, for readable tables. */
function brief(p: ReturnType<typeof plan>): string[] {
  return p.actions.map((a) => {
    switch (a.type) {
      case 'startContainer': return `start ${a.container} #${a.restartCount}`;
      case 'killContainer': return `kill ${a.container} ${a.gracePeriodSeconds}s: ${a.message}`;
      case 'backOff': return `backOff ${a.container} ${a.delayMs}ms`;
      case 'removeContainer': return `remove ${a.id.slice(0, 7)}`;
      default: return a.type;
    }
  });
}

describe('computePodActions: starting', () => {
  it('allocates the IP and starts every container of a new pod', () => {
    expect(brief(plan(hello().build(), [], { podIP: undefined }))).toEqual(['allocateIP', 'start nginx #0', 'start debug #0']);
  });

  it('does nothing when every container runs (a re-adopted pod after a kubelet restart)', () => {
    const pod = hello().build();
    expect(plan(pod, [running(pod, 'nginx'), running(pod, 'debug')])).toEqual({ actions: [] });
  });

  it('runs init containers one at a time before the regular ones', () => {
    const pod = makePod().initContainer('a').initContainer('b').container('nginx').build();
    expect(brief(plan(pod, []))).toEqual(['start a #0']);
    expect(brief(plan(pod, [running(pod, 'a')]))).toEqual([]);
    expect(brief(plan(pod, [exited(pod, 'a', { exitCode: 0 })]))).toEqual(['start b #0']);
    expect(brief(plan(pod, [exited(pod, 'a', { exitCode: 0 }), exited(pod, 'b', { exitCode: 0 })]))).toEqual(['start nginx #0']);
  });

  it('retries a failed init container, except under restartPolicy Never', () => {
    const pod = makePod().initContainer('a').container('nginx').build();
    expect(brief(plan(pod, [exited(pod, 'a', { exitCode: 1 })]))).toEqual(['start a #1']);
    const never = makePod().initContainer('a').container('nginx').restartPolicy('Never').build();
    expect(brief(plan(never, [exited(never, 'a', { exitCode: 1 })]))).toEqual([]);
  });

  it('never runs a pod whose phase is Succeeded or Failed', () => {
    const pod = hello().status({ phase: 'Succeeded' }).build();
    expect(plan(pod, [])).toEqual({ actions: [] });
  });
});

describe('computePodActions: restarts and CrashLoopBackOff', () => {
  const now = T0 + 60_000;
  it.each([
    // policy,     exit, backoff entry,                                    finished,       expected
    ['Always', 0, undefined, now - 1000, ['start nginx #1']],
    ['Always', 1, undefined, now - 1000, ['start nginx #1']],
    ['OnFailure', 1, undefined, now - 1000, ['start nginx #1']],
    ['OnFailure', 0, undefined, now - 1000, []],
    ['Never', 1, undefined, now - 1000, []],
    ['Always', 1, { durationMs: 10_000, lastUpdateMs: now - 30_000 }, now - 3000, ['backOff nginx 10000ms']],
    ['Always', 1, { durationMs: 10_000, lastUpdateMs: now - 30_000 }, now - 10_000, ['start nginx #1']],
  ] as const)('restartPolicy %s, exit %i, back-off %o, finished %i ms → %o', (policyName, exitCode, entry, finishedAt, expected) => {
    const pod = makePod().container('nginx').restartPolicy(policyName).build();
    const memory = entry ? { crashBackoff: { nginx: entry } } : {};
    expect(brief(plan(pod, [exited(pod, 'nginx', { exitCode, finishedAt })], { memory }))).toEqual(expected);
  });

  it('doubles the delay with each restart, restarting at once the first time', () => {
    const pod = makePod().container('nginx').build();
    let memory: Partial<PodMemory> = { crashBackoff: {} };
    let t = T0;
    const seen: string[] = [];
    for (let restart = 0; restart < 5; restart++) {
      const dead = exited(pod, 'nginx', { restartCount: restart, finishedAt: t });
      let p = plan(pod, [dead], { memory, now: t });
      if (p.actions[0]!.type === 'backOff') {
        seen.push(`wait ${p.requeueAfterMs}`);
        t += p.requeueAfterMs!;
        p = plan(pod, [dead], { memory, now: t });
      }
      const start = p.actions[0]!;
      if (start.type !== 'startContainer') throw new Error('expected a start');
      seen.push(`start #${start.restartCount}`);
      memory = { crashBackoff: { nginx: start.backoff! } };
      t += 1000; // it crashes a second after starting
    }
    expect(seen).toEqual(['start #1', 'wait 10000', 'start #2', 'wait 20000', 'start #3', 'wait 40000', 'start #4', 'wait 80000', 'start #5']);
  });

  it('keeps the newest two instances of a container and removes older dead ones', () => {
    const pod = makePod().container('nginx').build();
    const instances = [0, 1, 2].map((n) => exited(pod, 'nginx', { restartCount: n, finishedAt: T0 + n * 1000 }));
    const p = plan(pod, [...instances, running(pod, 'nginx', { restartCount: 3 })]);
    expect(p.actions).toEqual([
      { type: 'removeContainer', container: 'nginx', id: instances[1]!.id, reason: 'an older instance than lastState' },
      { type: 'removeContainer', container: 'nginx', id: instances[0]!.id, reason: 'an older instance than lastState' },
    ]);
  });
});

describe('computePodActions: probes and spec changes', () => {
  it.each([
    ['liveness', { liveness: 'failure' }, 'Container nginx failed liveness probe, will be restarted'],
    ['startup', { startup: 'failure' }, 'Container nginx failed startup probe, will be restarted'],
  ] as const)('kills a container whose %s probe failed', (_kind, results, message) => {
    const pod = makePod().container('nginx').build();
    const c = running(pod, 'nginx');
    expect(brief(plan(pod, [c], { memory: { probes: { [c.id]: results } } }))).toEqual([`kill nginx 30s: ${message}`]);
  });

  it('uses the probe\'s own terminationGracePeriodSeconds', () => {
    const pod = makePod().container('nginx').livenessProbe({ tcpSocket: { port: 80 }, terminationGracePeriodSeconds: 3 }).build();
    const c = running(pod, 'nginx');
    expect(brief(plan(pod, [c], { memory: { probes: { [c.id]: { liveness: 'failure' } } } }))[0]).toMatch(/^kill nginx 3s/);
  });

  it('does not kill a container twice', () => {
    const pod = makePod().container('nginx').build();
    const c = running(pod, 'nginx');
    expect(plan(pod, [c], { memory: { probes: { [c.id]: { liveness: 'failure' } }, killing: { [c.id]: 'x' } } }).actions).toEqual([]);
  });

  it('restarts a container whose image changed', () => {
    const pod = makePod().container('nginx', 'nginxdemos/hello:latest').build();
    expect(brief(plan(pod, [running(pod, 'nginx', { image: 'nginxdemos/hello:plain-text' })]))).toEqual(['kill nginx 30s: Container nginx definition changed, will be restarted']);
  });
});

describe('computePodActions: deletion', () => {
  it('stops every running container with the deletion grace period', () => {
    const pod = hello().deleting(5).build();
    expect(brief(plan(pod, [running(pod, 'nginx'), running(pod, 'debug')]))).toEqual(['kill nginx 5s: Stopping container nginx', 'kill debug 5s: Stopping container debug']);
  });

  it('deletes the pod object once every container stopped, once', () => {
    const pod = hello().deleting(5).build();
    const dead = [exited(pod, 'nginx', { exitCode: 0 }), exited(pod, 'debug', { exitCode: 137 })];
    expect(brief(plan(pod, dead))).toEqual(['deletePod']);
    expect(brief(plan(pod, dead, { memory: { deleteRequested: true } }))).toEqual([]);
  });

  it('cleans up a pod that vanished from the API after stopping its containers', () => {
    const pod = hello().build();
    expect(brief(plan(pod, [running(pod, 'nginx')], { removed: true }))).toEqual(['kill nginx 30s: Stopping container nginx']);
    expect(brief(plan(pod, [exited(pod, 'nginx')], { removed: true }))).toEqual(['cleanupPod']);
  });
});
