/**
 * How a node shows failing containers, through the real kubectl on a cluster from the launcher (fast
 * profile: CrashLoopBackOff and ImagePullBackOff start at 1 s and double up to 8 s):
 *   - a crashing container restarts after ever longer back-offs and shows CrashLoopBackOff, with
 *     `BackOff` events in the kubelet's words;
 *   - an unknown image shows ErrImagePull, then ImagePullBackOff;
 *   - a liveness probe that starts failing restarts the container once, with an `Unhealthy` event.
 */
import { get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from './harness/cluster.js';
import { eventsFor, eventually, getJson } from './nodes-support.js';
import { ok, stopAllWatches, watchKubectl } from './support/kubectl.js';

const CRASHY = `apiVersion: v1
kind: Pod
metadata:
  name: crashy
spec:
  containers:
  - name: crash
    image: kubelab/crash
    env:
    - name: DELAY_SECONDS
      value: "0.2"
`;

const NOPE = `apiVersion: v1
kind: Pod
metadata:
  name: nope
spec:
  containers:
  - name: app
    image: kubelab/no-such-image:1.0
`;

const LIVELY = `apiVersion: v1
kind: Pod
metadata:
  name: lively
spec:
  containers:
  - name: web
    image: kubelab/slow-start
    livenessProbe:
      httpGet:
        path: /healthz
        port: 8080
      periodSeconds: 1
      failureThreshold: 2
`;

function httpGet(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, (res) => (res.resume(), res.on('end', () => resolve(res.statusCode ?? 0)))).on('error', reject);
  });
}

describe('failing containers on a node', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await startCluster({ nodes: 1 });
  });

  afterAll(async () => {
    await stopAllWatches();
    await cluster?.stop();
  });

  it('backs a crashing container off for longer each time, into CrashLoopBackOff', async () => {
    // Each line is one change of the pod as the watch delivers it: its restart count and its state.
    // A watch by field selector, so that it runs before the pod exists and misses no change.
    const w = watchKubectl(cluster, ['get', 'pods', '--field-selector', 'metadata.name=crashy', '-w', '-o',
      'jsonpath={.status.containerStatuses[0].restartCount} {.status.containerStatuses[0].state.waiting.reason}{"\\n"}']);
    const seen: Array<{ at: number; restarts: number }> = [];
    let read = 0;
    const collect = () => {
      for (; read < w.lines.length; read++) {
        const restarts = Number(w.lines[read]!.split(' ')[0]);
        if (restarts > (seen.at(-1)?.restarts ?? 0)) seen.push({ at: Date.now(), restarts });
      }
    };
    const poll = setInterval(collect, 20);
    try {
      ok(await cluster.kubectl(['apply', '-f', '-'], { input: CRASHY }));
      await w.waitForLine(/^5 /, { timeoutMs: 45_000 });
    } finally {
      clearInterval(poll);
      collect();
    }
    // As a real kubelet, the first crash restarts at once; then 1 s, 2 s, 4 s, 8 s of back-off (plus
    // ~0.2 s of running) separate restarts 1→2, 2→3, 3→4 and 4→5: each gap clearly longer than the
    // one before, with room for the status lag.
    const gaps = seen.slice(0, 5).map((s, i, all) => (i === 0 ? 0 : s.at - all[i - 1]!.at)).slice(1);
    expect(seen.map((s) => s.restarts).slice(0, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(gaps[0], `gaps ${gaps}`).toBeGreaterThan(800);
    expect(gaps[1]! - gaps[0]!, `gaps ${gaps}`).toBeGreaterThan(600);
    expect(gaps[2]! - gaps[1]!, `gaps ${gaps}`).toBeGreaterThan(1_500);
    expect(gaps[3]! - gaps[2]!, `gaps ${gaps}`).toBeGreaterThan(3_000);
    expect(w.lines).toContainEqual(expect.stringMatching(/^\d+ CrashLoopBackOff$/));
    await w.stop();

    const status = await eventually('kubectl get pod to show CrashLoopBackOff', async () => {
      const out = ok(await cluster.kubectl(['get', 'pod', 'crashy', '--no-headers']));
      return /\s0\/1\s+CrashLoopBackOff\s+\d+ \(\d+s ago\)\s/.test(out) ? out : undefined;
    }, 20_000);
    expect(status).toMatch(/^crashy\s+0\/1\s+CrashLoopBackOff/);
    const pod = await getJson(cluster, ['get', 'pod', 'crashy']);
    const events = await eventsFor(cluster, 'crashy');
    expect(events).toContainEqual(expect.objectContaining({
      reason: 'BackOff', type: 'Warning', message: `Back-off restarting failed container crash in pod crashy_default(${pod.metadata.uid})`,
    }));
    const backOffs = events.find((e) => e.reason === 'BackOff')!;
    expect(backOffs.count).toBeGreaterThanOrEqual(2);
    ok(await cluster.kubectl(['delete', 'pod', 'crashy', '--grace-period=0', '--force']));
  }, 80_000);

  it('shows ErrImagePull, then ImagePullBackOff, for an image no registry has', async () => {
    const w = watchKubectl(cluster, ['get', 'pods', '--field-selector', 'metadata.name=nope', '-w', '--no-headers']);
    ok(await cluster.kubectl(['apply', '-f', '-'], { input: NOPE }));
    const pulled = await w.waitForLine(/^nope\s+0\/1\s+ErrImagePull\s/, { timeoutMs: 20_000 });
    const backOff = await w.waitForLine(/^nope\s+0\/1\s+ImagePullBackOff\s/, { timeoutMs: 20_000 });
    expect(w.lines.indexOf(backOff)).toBeGreaterThan(w.lines.indexOf(pulled));
    await w.stop();
    const events = await eventsFor(cluster, 'nope');
    expect(events).toContainEqual(expect.objectContaining({ reason: 'Failed', type: 'Warning', message: 'Error: ErrImagePull' }));
    expect(events).toContainEqual(expect.objectContaining({ reason: 'Failed', type: 'Warning', message: expect.stringMatching(/^Failed to pull image "kubelab\/no-such-image:1.0": /) }));
    expect(events).toContainEqual(expect.objectContaining({ reason: 'BackOff', type: 'Normal', message: 'Back-off pulling image "kubelab/no-such-image:1.0"' }));
    ok(await cluster.kubectl(['delete', 'pod', 'nope', '--grace-period=0', '--force']));
  }, 60_000);

  it('restarts a container whose liveness probe fails, with an Unhealthy event', async () => {
    ok(await cluster.kubectl(['apply', '-f', '-'], { input: LIVELY }));
    const ip = await eventually('lively to run with an IP', async () => {
      const pod = await getJson(cluster, ['get', 'pod', 'lively']);
      return pod.status?.containerStatuses?.[0]?.state?.running && pod.status.podIP ? (pod.status.podIP as string) : undefined;
    });
    // Healthy for a few periods: no restart yet.
    await new Promise((r) => setTimeout(r, 2_500));
    expect((await getJson(cluster, ['get', 'pod', 'lively'])).status.containerStatuses[0].restartCount).toBe(0);
    expect(await httpGet(`http://${ip}:8080/fail`)).toBe(200);
    const restarted = await eventually('the container to be restarted', async () => {
      const c = (await getJson(cluster, ['get', 'pod', 'lively'])).status.containerStatuses[0];
      return c.restartCount === 1 && c.state.running ? c : undefined;
    });
    expect(restarted.lastState.terminated).toMatchObject({ reason: expect.any(String) });
    const events = await eventsFor(cluster, 'lively');
    expect(events).toContainEqual(expect.objectContaining({ reason: 'Unhealthy', type: 'Warning', message: 'Liveness probe failed: HTTP probe failed with statuscode: 500' }));
    expect(events).toContainEqual(expect.objectContaining({ reason: 'Killing', type: 'Normal', message: 'Container web failed liveness probe, will be restarted' }));
    // The new process starts healthy again, so it stays at one restart.
    await new Promise((r) => setTimeout(r, 3_000));
    expect((await getJson(cluster, ['get', 'pod', 'lively'])).status.containerStatuses[0].restartCount).toBe(1);
  }, 60_000);
});
