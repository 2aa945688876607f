/**
 * Scheduling onto real kubelets, through the real kubectl on a 3-node cluster from the launcher: 30
 * pods with cpu requests spread over the nodes without over-committing any (the sum of the requests
 * on a node stays within its allocatable cpu, as the kubelets registered it), and a pod that fits
 * nowhere stays Pending with kube-scheduler v1.32's FailedScheduling message, preemption suffix
 * included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../lib/api/types.js';
import { startCluster, type Cluster } from './harness/cluster.js';
import { eventsFor, eventually, getJson } from './nodes-support.js';
import { ok } from './support/kubectl.js';

const PODS = 30;

/** A cpu quantity in millicores ("2", "1500m", "0.5"). */
function millis(q: string): number {
  return q.endsWith('m') ? Number(q.slice(0, -1)) : Math.round(Number(q) * 1000);
}

function podYaml(name: string, cpuMillis: number): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels: {app: load}
spec:
  terminationGracePeriodSeconds: 0
  containers:
  - name: sleep
    image: posquit0/doraemon
    resources:
      requests: {cpu: ${cpuMillis}m}
`;
}

describe('scheduling on three nodes', () => {
  let cluster: Cluster;
  const allocatable = new Map<string, number>();

  beforeAll(async () => {
    cluster = await startCluster({ nodes: 3 });
    const nodes = (await getJson(cluster, ['get', 'nodes'])).items as KubeObject[];
    for (const n of nodes) allocatable.set(n.metadata.name!, millis(n.status.allocatable.cpu));
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('places 30 pods with cpu requests without over-committing any node', async () => {
    expect([...allocatable.keys()].sort()).toEqual(['node-1', 'node-2', 'node-3']);
    // Each node holds 12 such pods at most, so 30 need all three nodes and fill them to ~80 %.
    const request = Math.floor(Math.min(...allocatable.values()) / 12);
    expect(request).toBeGreaterThan(0);
    const manifest = Array.from({ length: PODS }, (_, i) => podYaml(`load-${i + 1}`, request)).join('---\n');
    ok(await cluster.kubectl(['apply', '-f', '-'], { input: manifest }));
    const pods = await eventually('every pod to be bound to a node', async () => {
      const items = (await getJson(cluster, ['get', 'pods', '-l', 'app=load'])).items as KubeObject[];
      return items.length === PODS && items.every((p) => p.spec.nodeName) ? items : undefined;
    }, 60_000, 500);
    const used = new Map<string, number>();
    for (const p of pods) {
      const cpu = millis(p.spec.containers[0].resources.requests.cpu);
      used.set(p.spec.nodeName, (used.get(p.spec.nodeName) ?? 0) + cpu);
    }
    for (const [node, sum] of used) expect(sum, `requests on ${node}`).toBeLessThanOrEqual(allocatable.get(node)!);
    expect(used.size).toBe(3);
    // And the kubelets run what was placed on them.
    await eventually('every pod to run', async () => {
      const out = ok(await cluster.kubectl(['get', 'pods', '-l', 'app=load', '--no-headers']));
      return out.trim().split('\n').filter((l) => /\s1\/1\s+Running\s/.test(l)).length === PODS || undefined;
    }, 60_000, 1_000);
  }, 85_000);

  it('keeps a pod that fits nowhere Pending, with the scheduler\'s reasons', async () => {
    const tooBig = Math.max(...allocatable.values()) + 1000;
    ok(await cluster.kubectl(['apply', '-f', '-'], { input: podYaml('huge', tooBig).replace('app: load', 'app: huge') }));
    const message = '0/3 nodes are available: 3 Insufficient cpu. '
      + 'preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.';
    await eventually('a FailedScheduling event', async () =>
      (await eventsFor(cluster, 'huge')).find((e) => e.reason === 'FailedScheduling'), 20_000, 500);
    expect(await eventsFor(cluster, 'huge')).toContainEqual(expect.objectContaining({ reason: 'FailedScheduling', type: 'Warning', message }));
    const pod = await getJson(cluster, ['get', 'pod', 'huge']);
    expect(pod.spec.nodeName).toBeUndefined();
    expect(pod.status.conditions).toContainEqual(expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message }));
    expect(ok(await cluster.kubectl(['get', 'pod', 'huge', '--no-headers']))).toMatch(/^huge\s+0\/1\s+Pending\s+0\s/);
  }, 30_000);
});
