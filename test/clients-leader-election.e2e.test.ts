/**
 * Leader election on a coordination.k8s.io/v1 Lease through the real apiserver, with short timings
 * (lease 3 s, renew deadline 2 s, retry 0.5 s): of two LeaderElectors, each on its own NATS connection,
 * exactly one leads and the Lease names it; when the leader stops it releases the Lease and the standby
 * takes over at once; when the leader's NATS connection dies it stops leading at its renew deadline and
 * the standby takes over within the lease duration, never while the old leader still believes it leads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEASES, LeaderElector, type Lease } from '../lib/client/index.js';
import { startCluster, type Cluster } from './harness/cluster.js';
import { componentClient, sleep, waitFor, type ComponentClient } from './clients-support.js';

const LEASE = { namespace: 'kube-system', name: 'e2e-election' };
const TIMING = { leaseDurationSeconds: 3, renewDeadlineMs: 2_000, retryPeriodMs: 500 };

interface Candidate {
  id: string;
  client: ComponentClient;
  elector: LeaderElector;
  startedAt?: number;
  stoppedAt?: number;
}

describe('LeaderElector on a Lease', () => {
  let cluster: Cluster;
  let observer: ComponentClient;
  const candidates: Candidate[] = [];
  /** Who leads now, by the callbacks; and every moment two did at once. */
  const leading = new Set<string>();
  const overlaps: string[] = [];

  async function candidate(id: string): Promise<Candidate> {
    const client = await componentClient(cluster, 'scheduler');
    const c: Candidate = { id, client, elector: undefined as never };
    c.elector = new LeaderElector({
      client: client.api, ...LEASE, identity: id, ...TIMING,
      callbacks: {
        onStartedLeading: () => {
          c.startedAt = Date.now();
          if (leading.size > 0) overlaps.push(`${id} started leading while ${[...leading].join(',')} led`);
          leading.add(id);
        },
        onStoppedLeading: () => {
          c.stoppedAt = Date.now();
          leading.delete(id);
        },
      },
    });
    candidates.push(c);
    c.elector.start();
    return c;
  }

  const holder = async () => (await observer.api.get<Lease>(LEASES, LEASE.namespace, LEASE.name)).spec?.holderIdentity;
  const leaderOf = (cs: Candidate[]) => cs.filter((c) => c.elector.isLeader());

  beforeAll(async () => {
    cluster = await startCluster({ without: ['scheduler', 'kubelets'] });
    observer = await componentClient(cluster, 'observer');
  });

  afterAll(async () => {
    for (const c of candidates) {
      await c.elector.stop();
      await c.client.close();
    }
    await observer?.close();
    await cluster?.stop();
  });

  it('lets exactly one of two candidates lead, and the Lease names it', async () => {
    const [a, b] = await Promise.all([candidate('candidate-a'), candidate('candidate-b')]);
    await waitFor(() => leaderOf([a, b]).length === 1, 10_000, 'a leader');
    const leader = leaderOf([a, b])[0]!;
    // Over several lease durations, the same one leads and the other waits.
    for (let t = 0; t < 4_000; t += 100) {
      expect(leaderOf([a, b]).map((c) => c.id)).toEqual([leader.id]);
      await sleep(100);
    }
    const lease = await observer.api.get<Lease>(LEASES, LEASE.namespace, LEASE.name);
    expect(lease.spec).toMatchObject({ holderIdentity: leader.id, leaseDurationSeconds: TIMING.leaseDurationSeconds });
    expect(a.elector.getLeader()).toBe(leader.id);
    expect(b.elector.getLeader()).toBe(leader.id);
    expect(overlaps).toEqual([]);
  });

  it('hands over at once when the leader stops and releases the Lease', async () => {
    const [leader] = leaderOf(candidates);
    const standby = candidates.find((c) => c !== leader)!;
    const stoppedAt = Date.now();
    await leader!.elector.stop();
    expect(leader!.stoppedAt).toBeGreaterThanOrEqual(stoppedAt);
    await waitFor(() => standby.elector.isLeader(), 10_000, `${standby.id} to take over`);
    // Released, not expired: the standby needs about one retry period, well under the lease duration.
    expect(standby.startedAt! - stoppedAt).toBeLessThan(TIMING.leaseDurationSeconds * 1000);
    expect(await holder()).toBe(standby.id);
    expect(overlaps).toEqual([]);
  });

  it('lets the standby take over within the lease duration when the leader loses its NATS connection', async () => {
    const leader = leaderOf(candidates)[0]!;
    const standby = await candidate('candidate-c');
    await sleep(2 * TIMING.retryPeriodMs);
    expect(standby.elector.isLeader()).toBe(false);
    expect(standby.elector.getLeader()).toBe(leader.id);

    const cutAt = Date.now();
    await leader.client.nc.close(); // no release: the lease must run out
    await waitFor(() => standby.elector.isLeader(), TIMING.leaseDurationSeconds * 1000 + 5_000, `${standby.id} to take over`);
    const takeover = standby.startedAt! - cutAt;
    expect(takeover).toBeLessThanOrEqual(TIMING.leaseDurationSeconds * 1000 + 2 * TIMING.retryPeriodMs + 500);
    // The cut-off leader gave up at its renew deadline, before anyone else could lead.
    expect(leader.elector.isLeader()).toBe(false);
    expect(leader.stoppedAt! - cutAt).toBeLessThanOrEqual(TIMING.renewDeadlineMs + 500);
    expect(leader.stoppedAt!).toBeLessThan(standby.startedAt!);
    expect(await holder()).toBe(standby.id);
    expect(overlaps).toEqual([]);
  });
});
