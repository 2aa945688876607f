import { describe, expect, it } from 'vitest';
import { makeNode, makePod } from '../testing/builders.js';
import { buildSnapshot } from './node-info.js';

describe('buildSnapshot', () => {
  const nodes = [makeNode('node-b').build(), makeNode('node-a').allocatable({ cpu: '2', memory: '4Gi', pods: 10 }).build()];

  it('sorts nodes by name and sums the requests of the pods bound to each', () => {
    const pods = [
      makePod('p1').requests({ cpu: '500m', memory: '1Gi' }).onNode('node-a').build(),
      makePod('p2').requests({ cpu: '250m' }).onNode('node-a').build(),
      makePod('p3').requests({ cpu: '1' }).build(), // pending: on no node
    ];
    const [a, b] = buildSnapshot(nodes, pods);
    expect(a!.name).toBe('node-a');
    expect(a!.pods.map((p) => p.metadata.name)).toEqual(['p1', 'p2']);
    expect(a!.requested.milliCPU).toBe(750);
    expect(a!.nonZeroRequested.memory).toBe(1024 ** 3 + 200 * 1024 ** 2);
    expect(a!.allocatable).toMatchObject({ milliCPU: 2000, allowedPodNumber: 10 });
    expect(b!.pods).toEqual([]);
  });

  it('leaves out terminated pods, keeps terminating ones, and counts assumed ones', () => {
    const pods = [
      makePod('done').requests({ cpu: '1' }).onNode('node-a').phase('Succeeded').build(),
      makePod('failed').requests({ cpu: '1' }).onNode('node-a').phase('Failed').build(),
      makePod('leaving').requests({ cpu: '1' }).onNode('node-a').terminating().build(),
      makePod('assumed').requests({ cpu: '1' }).build(),
    ];
    const [a] = buildSnapshot(nodes, pods, new Map([['default/assumed', 'node-a']]));
    expect(a!.pods.map((p) => p.metadata.name)).toEqual(['leaving', 'assumed']);
  });

  it('collects host ports with their defaults', () => {
    const [a] = buildSnapshot(nodes, [makePod('web').hostPort(8080).hostPort(53, 'UDP', '127.0.0.1').onNode('node-a').build()]);
    expect(a!.usedPorts).toEqual([{ ip: '0.0.0.0', protocol: 'TCP', port: 8080 }, { ip: '127.0.0.1', protocol: 'UDP', port: 53 }]);
  });
});
