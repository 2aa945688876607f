import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from './api-client.js';
import { LeaderElector, type Lease } from './leader-election.js';
import { LEASES } from './resource-refs.js';
import { fakeCluster, type FakeCluster } from './testing/fake-cluster.js';
import type { FakeTransport } from './testing/fake-bus.js';

/** One candidate on its own NATS connection, recording its callbacks. */
function candidate(c: FakeCluster, identity: string, overrides: { releaseOnStop?: boolean } = {}) {
  const transport: FakeTransport = c.bus.connect();
  const events: string[] = [];
  let signal: AbortSignal | undefined;
  const elector = new LeaderElector({
    client: new ApiClient({ transport, user: identity, requestTimeoutMs: 1000 }),
    namespace: 'kube-system', name: 'kube-scheduler', identity,
    ...overrides,
    callbacks: {
      onStartedLeading: (s) => { signal = s; events.push('started'); },
      onStoppedLeading: () => events.push('stopped'),
      onNewLeader: (id) => events.push(`leader ${id}`),
    },
  });
  return { elector, transport, events, signal: () => signal };
}

describe('LeaderElector (15 s lease, 10 s renew deadline, 2 s retry)', () => {
  let c: FakeCluster;
  const lease = () => c.server.read(LEASES, 'kube-system', 'kube-scheduler') as Lease | undefined;
  const tick = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

  beforeEach(() => {
    vi.useFakeTimers();
    c = fakeCluster();
  });
  afterEach(() => {
    c.server.crash();
    vi.useRealTimers();
  });

  it('the first candidate creates the lease and leads; the second follows and waits', async () => {
    const a = candidate(c, 'a');
    const b = candidate(c, 'b');
    a.elector.start();
    await tick();
    b.elector.start();
    await tick(30_000);
    expect(a.events).toEqual(['leader a', 'started']);
    expect(b.events).toEqual(['leader a']);
    expect(a.elector.isLeader() && !b.elector.isLeader()).toBe(true);
    expect(lease()?.spec).toMatchObject({ holderIdentity: 'a', leaseDurationSeconds: 15, leaseTransitions: 0 });
    await a.elector.stop();
    await b.elector.stop();
  });

  it('candidates racing for a missing lease: exactly one wins', async () => {
    const all = ['a', 'b', 'c'].map((id) => candidate(c, id));
    for (const x of all) x.elector.start();
    await tick(10_000);
    expect(all.filter((x) => x.elector.isLeader())).toHaveLength(1);
    for (const x of all) await x.elector.stop();
  });

  it('renews every retry period while leading', async () => {
    const a = candidate(c, 'a');
    a.elector.start();
    await tick();
    const renewTimes = new Set<string>();
    for (let i = 0; i < 5; i++) {
      await tick(2000);
      renewTimes.add(lease()!.spec!.renewTime!);
    }
    expect(renewTimes.size).toBe(5);
    expect(lease()!.spec!.acquireTime).toBe(lease()!.metadata.creationTimestamp!.replace('Z', '000Z'));
    await a.elector.stop();
  });

  it('stop releases the lease, and the standby takes over at its next retry', async () => {
    const a = candidate(c, 'a');
    const b = candidate(c, 'b');
    a.elector.start();
    await tick();
    b.elector.start();
    await tick(4000);
    await a.elector.stop();
    expect(a.events).toEqual(['leader a', 'started', 'stopped']);
    expect(a.signal()?.aborted).toBe(true);
    await tick(2000);
    expect(b.elector.isLeader()).toBe(true);
    expect(b.events).toEqual(['leader a', 'leader b', 'started']);
    expect(lease()?.spec).toMatchObject({ holderIdentity: 'b', leaseTransitions: 1 });
    await b.elector.stop();
  });

  it('a leader cut off from the apiserver steps down after the renew deadline, before the standby takes over', async () => {
    const a = candidate(c, 'a');
    const b = candidate(c, 'b');
    a.elector.start();
    await tick();
    b.elector.start();
    await tick(1000);
    a.transport.disconnect(); // a can no longer renew
    let aStoppedAt = -1;
    let bStartedAt = -1;
    for (let t = 1; t <= 30; t++) {
      await tick(1000);
      expect(a.elector.isLeader() && b.elector.isLeader()).toBe(false); // never two leaders
      if (aStoppedAt < 0 && !a.elector.isLeader()) aStoppedAt = t;
      if (bStartedAt < 0 && b.elector.isLeader()) bStartedAt = t;
    }
    expect(aStoppedAt).toBeGreaterThan(0);
    expect(aStoppedAt).toBeLessThanOrEqual(10);
    expect(bStartedAt).toBeGreaterThanOrEqual(14); // a full lease duration after b last saw a renew
    expect(bStartedAt).toBeLessThanOrEqual(18);
    expect(lease()?.spec).toMatchObject({ holderIdentity: 'b', leaseTransitions: 1 });
    a.transport.reconnect();
    await tick(4000);
    expect(a.elector.isLeader()).toBe(false);
    expect(a.events).toEqual(['leader a', 'started', 'stopped', 'leader b']);
    await a.elector.stop();
    await b.elector.stop();
  });

  it('a leader that sees the lease held by another stops leading at once', async () => {
    const a = candidate(c, 'a');
    a.elector.start();
    await tick();
    const current = lease()!;
    c.server.write(LEASES, { ...current, spec: { ...current.spec, holderIdentity: 'intruder' } });
    await tick(2000);
    expect(a.elector.isLeader()).toBe(false);
    expect(a.events).toEqual(['leader a', 'started', 'leader intruder', 'stopped']);
    await a.elector.stop();
  });

  it('rejects timings client-go would reject', () => {
    expect(() => new LeaderElector({
      client: c.api, namespace: 'n', name: 'l', identity: 'a', leaseDurationSeconds: 5, renewDeadlineMs: 5000,
      callbacks: { onStartedLeading: () => undefined, onStoppedLeading: () => undefined },
    })).toThrow('leaseDuration must be greater than renewDeadline');
  });
});
