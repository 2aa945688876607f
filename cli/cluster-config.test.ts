import { describe, expect, it } from 'vitest';
import { apiserverURL, clusterRanges, newClusterConfig, nodeAddress, nodePodCIDR, parseClusterConfig, RANGE_INDEX_COUNT, type ClusterConfigInput } from './cluster-config.js';

const secondOctet = (cidr: string) => Number(cidr.split('.')[1]);

describe('clusterRanges', () => {
  it.each([
    [0, '127.96.0.0/16', '127.244.0.0/16', '127.32.0.0/24'],
    [1, '127.97.0.0/16', '127.243.0.0/16', '127.33.0.0/24'],
    [63, '127.159.0.0/16', '127.181.0.0/16', '127.95.0.0/24'],
  ])('index %i gives services %s, pods %s and node addresses %s', (i, services, pods, nodes) => {
    expect(clusterRanges(i)).toEqual({ serviceClusterIPRange: services, podCIDR: pods, nodeAddressRange: nodes });
  });

  it('never gives two clusters, or a cluster and 127.0.0.1, the same /16', () => {
    const used = new Map<number, string>([[0, 'localhost']]);
    for (let i = 0; i < RANGE_INDEX_COUNT; i++) {
      const r = clusterRanges(i);
      for (const [what, cidr] of [['services', r.serviceClusterIPRange], ['pods', r.podCIDR], ['nodes', r.nodeAddressRange]] as const) {
        const octet = secondOctet(cidr);
        expect(used.get(octet), `${what} of index ${i}`).toBeUndefined();
        used.set(octet, `${what} of ${i}`);
      }
    }
  });

  it.each([-1, 64, 1.5, Number.NaN])('rejects index %s', (i) => {
    expect(() => clusterRanges(i)).toThrow(RangeError);
  });
});

describe('nodeAddress', () => {
  it.each([
    ['127.32.0.0/24', 1, '127.32.0.1'],
    ['127.95.0.0/24', 254, '127.95.0.254'],
  ])('%s node %i is %s', (nodes, node, want) => {
    expect(nodeAddress(nodes, node)).toBe(want);
  });

  it.each([
    ['127.32.0.0/16', 1],
    ['10.0.0.0/24', 1],
    ['127.32.0.0/24', 0],
    ['127.32.0.0/24', 255],
  ])('rejects %s node %i', (nodes, node) => {
    expect(() => nodeAddress(nodes, node)).toThrow(RangeError);
  });

  it('gives every node of two clusters a distinct address, outside both clusters\' pod ranges', () => {
    const addrs = [0, 1].flatMap((i) => [1, 2, 254].map((k) => nodeAddress(clusterRanges(i).nodeAddressRange, k)));
    expect(new Set(addrs).size).toBe(addrs.length);
    const podOctets = [0, 1].map((i) => secondOctet(clusterRanges(i).podCIDR));
    for (const a of addrs) expect(podOctets).not.toContain(secondOctet(a));
  });
});

describe('nodePodCIDR', () => {
  it.each([
    ['127.244.0.0/16', 1, '127.244.1.0/24'],
    ['127.243.0.0/16', 254, '127.243.254.0/24'],
  ])('%s node %i is %s', (pods, node, want) => {
    expect(nodePodCIDR(pods, node)).toBe(want);
  });

  it.each([
    ['10.244.0.0/16', 1],
    ['127.244.0.0/16', 0],
    ['127.244.0.0/16', 255],
  ])('rejects %s node %i', (pods, node) => {
    expect(() => nodePodCIDR(pods, node)).toThrow(RangeError);
  });
});

const input = (over: Partial<ClusterConfigInput> = {}): ClusterConfigInput => ({
  name: 'kubelab',
  dir: '/tmp/c',
  defaultDir: false,
  profile: 'fast',
  nodes: 2,
  apiservers: 1,
  schedulers: 1,
  rangeIndex: 3,
  ports: { redis: 20001, nats: 20002, 'apiserver-1': 20003 },
  ...over,
});

describe('newClusterConfig', () => {
  it('derives the ranges from the index and serves kubectl from the first apiserver', () => {
    const c = newClusterConfig(input());
    expect(c.serviceClusterIPRange).toBe('127.99.0.0/16');
    expect(c.podCIDR).toBe('127.241.0.0/16');
    expect(c.nodeAddressRange).toBe('127.35.0.0/24');
    expect(c.entries).toEqual({});
    expect(apiserverURL(c)).toBe('https://127.0.0.1:20003');
  });

  it.each<[string, Partial<ClusterConfigInput>]>([
    ['no apiserver', { apiservers: 0 }],
    ['too many apiservers', { apiservers: 10 }],
    ['no scheduler', { schedulers: 0 }],
    ['too many schedulers', { schedulers: 10 }],
    ['negative nodes', { nodes: -1 }],
    ['fractional nodes', { nodes: 1.5 }],
    ['unknown profile', { profile: 'slow' as never }],
    ['name that is no DNS label', { name: 'Kube Lab' }],
  ])('rejects %s', (_, over) => {
    expect(() => newClusterConfig(input(over))).toThrow(RangeError);
  });

  it('round-trips through JSON', () => {
    const c = newClusterConfig(input({ entries: { apiserver: '/x/main.js' }, mergedKubeconfig: '/home/u/.kube/config' }));
    expect(parseClusterConfig(JSON.parse(JSON.stringify(c)))).toEqual(c);
  });

  it('reads a cluster.json from before schedulers were counted as one scheduler', () => {
    const { schedulers: _, ...old } = newClusterConfig(input());
    expect(parseClusterConfig(JSON.parse(JSON.stringify(old))).schedulers).toBe(1);
  });

  it.each([null, 42, {}, { dir: '/x' }])('parseClusterConfig rejects %j', (raw) => {
    expect(() => parseClusterConfig(raw)).toThrow();
  });
});
