import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../lib/api/types.js';
import { BadRequestError } from '../../lib/errors.js';
import { runtimeContainerID, validateContainer, validateContainerLogStatus, validateStreamable } from './container-target.js';

const ID = 'a'.repeat(64);
const OLD = 'b'.repeat(64);

/** A pod builder: `pod().containers('nginx', 'debug').status('nginx', {...})`. */
function pod() {
  const p: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'hello', namespace: 'default' }, spec: { containers: [] }, status: { phase: 'Running', containerStatuses: [] } };
  const b = {
    containers: (...names: string[]) => ((p.spec.containers = names.map((name) => ({ name }))), b),
    init: (...names: string[]) => ((p.spec.initContainers = names.map((name) => ({ name }))), b),
    phase: (phase: string) => ((p.status.phase = phase), b),
    status: (name: string, s: Record<string, unknown>) => (p.status.containerStatuses.push({ name, ...s }), b),
    build: () => p,
  };
  return b;
}

const running = { containerID: `kubelab://${ID}`, state: { running: { startedAt: 'x' } } };
const waiting = (reason: string) => ({ state: { waiting: { reason } } });

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(BadRequestError);
    return (err as Error).message;
  }
  throw new Error('expected an error');
}

describe('validateContainer', () => {
  it.each([
    ['the only container by default', pod().containers('nginx'), undefined, 'nginx'],
    ['a named container', pod().containers('nginx', 'debug'), 'debug', 'debug'],
    ['an init container by name', pod().init('setup').containers('nginx', 'debug'), 'setup', 'setup'],
  ])('picks %s', (_n, b, asked, want) => expect(validateContainer(b.build(), asked)).toBe(want));

  it.each([
    ['several containers and none named', pod().containers('nginx', 'debug'), undefined, 'a container name must be specified for pod hello, choose one of: [nginx debug]'],
    ['init containers listed first', pod().init('setup').containers('nginx', 'debug'), undefined, 'a container name must be specified for pod hello, choose one of: [setup nginx debug]'],
    ['no containers', pod(), undefined, 'a container name must be specified for pod hello'],
    ['an unknown name', pod().containers('nginx'), 'x', 'container x is not valid for pod hello'],
  ])('refuses %s', (_n, b, asked, want) => expect(messageOf(() => validateContainer(b.build(), asked))).toBe(want));
});

describe('validateContainerLogStatus', () => {
  it.each([
    ['a running container', pod().status('nginx', running), false, ID],
    ['the previous instance', pod().status('nginx', { ...running, lastState: { terminated: { containerID: `kubelab://${OLD}` } } }), true, OLD],
    ['a crash-looping container: the last one that ran', pod().status('nginx', { ...waiting('CrashLoopBackOff'), lastState: { terminated: { containerID: `kubelab://${OLD}` } } }), false, OLD],
    ['a terminated container', pod().status('nginx', { state: { terminated: { containerID: `kubelab://${OLD}`, exitCode: 0 } } }), false, OLD],
  ])('reads %s', (_n, b, previous, want) => expect(validateContainerLogStatus(b.build(), 'nginx', previous)).toBe(want));

  it.each([
    ['ContainerCreating', pod().status('nginx', waiting('ContainerCreating')), false, 'container "nginx" in pod "hello" is waiting to start: ContainerCreating'],
    ['ErrImagePull', pod().status('nginx', waiting('ErrImagePull')), false, `container "nginx" in pod "hello" is waiting to start: image can't be pulled`],
    ['ImagePullBackOff', pod().status('nginx', waiting('ImagePullBackOff')), false, 'container "nginx" in pod "hello" is waiting to start: trying and failing to pull image'],
    ['no status yet', pod(), false, 'container "nginx" in pod "hello" is not available'],
    ['no state at all', pod().status('nginx', {}), false, 'container "nginx" in pod "hello" is waiting to start - no logs yet'],
    ['previous without one', pod().status('nginx', running), true, 'previous terminated container "nginx" in pod "hello" not found'],
    ['terminated without an ID', pod().status('nginx', { state: { terminated: { exitCode: 1 } } }), false, 'container "nginx" in pod "hello" is terminated'],
  ])('explains %s', (_n, b, previous, want) => expect(messageOf(() => validateContainerLogStatus(b.build(), 'nginx', previous))).toBe(want));
});

describe('validateStreamable', () => {
  it('gives the running container', () => expect(validateStreamable(pod().status('nginx', running).build(), 'nginx', 'exec')).toBe(ID));
  it('leaves it to the kubelet when the status does not know', () => expect(validateStreamable(pod().build(), 'nginx', 'exec')).toBe(''));
  it.each([
    ['exec into a completed pod', pod().phase('Succeeded'), 'exec' as const, 'cannot exec into a container in a completed pod; current phase is Succeeded'],
    ['attach to a failed pod', pod().phase('Failed'), 'attach' as const, 'cannot attach a container in a completed pod; current phase is Failed'],
    ['a container still being created', pod().phase('Pending').status('nginx', waiting('ContainerCreating')), 'exec' as const, 'container "nginx" in pod "hello" is waiting to start: ContainerCreating'],
  ])('refuses %s', (_n, b, verb, want) => expect(messageOf(() => validateStreamable(b.build(), 'nginx', verb))).toBe(want));
});

describe('runtimeContainerID', () => {
  it.each([[`kubelab://${ID}`, ID], [ID, ID], [undefined, ''], ['', '']])('%s', (raw, want) => expect(runtimeContainerID(raw)).toBe(want));
});
