/**
 * Node maintenance through the real kubectl on a 3-node cluster from the launcher: `kubectl cordon`
 * marks a node unschedulable and the scheduler places new pods elsewhere; `uncordon` opens it again;
 * `kubectl drain` cordons the node and evicts its pods through the pods/eviction subresource, whose
 * deleteOptions (here drain's --grace-period) the apiserver honours.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../lib/api/types.js';
import { startCluster, type Cluster } from './harness/cluster.js';
import { eventually, getJson } from './nodes-support.js';
import { ok, row, table } from './support/kubectl.js';

function podYaml(name: string, node?: string): string {
  const selector = node ? `  nodeSelector: {kubernetes.io/hostname: ${node}}\n` : '';
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels: {app: maint}
spec:
${selector}  containers:
  - name: sleep
    image: posquit0/doraemon
`;
}

describe('cordon, uncordon and drain', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await startCluster({ nodes: 3 });
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  const nodesOf = async (label: string) => {
    const items = await eventually(`pods ${label} to be bound`, async () => {
      const list = (await getJson(cluster, ['get', 'pods', '-l', label])).items as KubeObject[];
      return list.length > 0 && list.every((p) => p.spec.nodeName) ? list : undefined;
    });
    return items.map((p) => p.spec.nodeName as string);
  };

  it('keeps new pods off a cordoned node until it is uncordoned', async () => {
    expect(ok(await cluster.kubectl(['cordon', 'node-1']))).toBe('node/node-1 cordoned\n');
    expect((await getJson(cluster, ['get', 'node', 'node-1'])).spec.unschedulable).toBe(true);
    expect(row(table(ok(await cluster.kubectl(['get', 'nodes']))), 'node-1').STATUS).toBe('Ready,SchedulingDisabled');
    const manifest = Array.from({ length: 6 }, (_, i) => podYaml(`spread-${i}`).replace('app: maint', 'app: spread')).join('---\n');
    ok(await cluster.kubectl(['apply', '-f', '-'], { input: manifest }));
    const placed = await nodesOf('app=spread');
    expect(placed).toHaveLength(6);
    expect(placed).not.toContain('node-1');
    // A pod that may only go to node-1 waits while it is cordoned...
    ok(await cluster.kubectl(['apply', '-f', '-'], { input: podYaml('pinned', 'node-1') }));
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await getJson(cluster, ['get', 'pod', 'pinned'])).spec.nodeName).toBeUndefined();
    // ...and is placed there once it is uncordoned.
    expect(ok(await cluster.kubectl(['uncordon', 'node-1']))).toBe('node/node-1 uncordoned\n');
    expect(row(table(ok(await cluster.kubectl(['get', 'nodes']))), 'node-1').STATUS).toBe('Ready');
    expect(await nodesOf('app=maint')).toEqual(['node-1']);
    ok(await cluster.kubectl(['delete', 'pods', '-l', 'app=spread', '--grace-period=0', '--force']));
  }, 60_000);

  it('drains a node: cordons it and evicts its pods', async () => {
    ok(await cluster.kubectl(['apply', '-f', '-'], { input: podYaml('pinned-2', 'node-1') }));
    await eventually('the pinned pods to run', async () => {
      const out = ok(await cluster.kubectl(['get', 'pods', '-l', 'app=maint', '--no-headers']));
      return out.trim().split('\n').filter((l) => /\s1\/1\s+Running\s/.test(l)).length === 2 || undefined;
    });
    // A server-side dry run sends Evictions whose deleteOptions say dryRun: the pods must stay.
    const dry = await cluster.kubectl(['drain', 'node-1', '--ignore-daemonsets', '--force', '--dry-run=server']);
    expect(dry, dry.stderr).toMatchObject({ code: 0 });
    expect(dry.stdout).toContain('evicting pod default/pinned (server dry run)\n');
    expect(ok(await cluster.kubectl(['get', 'pods', '-l', 'app=maint', '-o', 'name']))).toBe('pod/pinned\npod/pinned-2\n');
    expect(row(table(ok(await cluster.kubectl(['get', 'nodes']))), 'node-1').STATUS).toBe('Ready');
    const started = Date.now();
    const r = await cluster.kubectl(['drain', 'node-1', '--ignore-daemonsets', '--force', '--grace-period=1', '--timeout=40s']);
    expect(r, r.stderr).toMatchObject({ code: 0 });
    expect(r.stdout).toContain('node/node-1 cordoned\n');
    expect(r.stdout).toContain('evicting pod default/pinned\n');
    expect(r.stdout).toContain('evicting pod default/pinned-2\n');
    expect(r.stdout).toContain('pod/pinned evicted\n');
    expect(r.stdout).toContain('pod/pinned-2 evicted\n');
    expect(r.stdout).toMatch(/node\/node-1 drained\n$/);
    expect(r.stderr).toContain('Warning: deleting Pods that declare no controller: default/pinned, default/pinned-2');
    // Drain waits until the evicted pods are gone: the kubelets stopped them and the objects were removed.
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(ok(await cluster.kubectl(['get', 'pods', '-l', 'app=maint', '-o', 'name']))).toBe('');
    expect(row(table(ok(await cluster.kubectl(['get', 'nodes']))), 'node-1').STATUS).toBe('Ready,SchedulingDisabled');
  }, 60_000);
});
