import { describe, expect, it } from 'vitest';
import { buildNodeInfo } from '../framework/node-info.js';
import { makeNode, makePod } from '../testing/builders.js';
import { ERR_REASON, nodePorts } from './node-ports.js';

describe('NodePorts', () => {
  const holder = (port: number, protocol = 'TCP', ip?: string) => makePod('holder').hostPort(port, protocol, ip).onNode('n').build();
  it.each([
    { name: 'no host ports', pod: makePod(), held: [holder(80)], fits: true },
    { name: 'the same port on 0.0.0.0', pod: makePod().hostPort(80), held: [holder(80)], fits: false },
    { name: 'another port', pod: makePod().hostPort(81), held: [holder(80)], fits: true },
    { name: 'another protocol', pod: makePod().hostPort(53, 'UDP'), held: [holder(53, 'TCP')], fits: true },
    { name: 'two different specific IPs', pod: makePod().hostPort(80, 'TCP', '127.0.0.2'), held: [holder(80, 'TCP', '127.0.0.1')], fits: true },
    { name: 'the same specific IP', pod: makePod().hostPort(80, 'TCP', '127.0.0.1'), held: [holder(80, 'TCP', '127.0.0.1')], fits: false },
    { name: 'a specific IP against 0.0.0.0', pod: makePod().hostPort(80, 'TCP', '127.0.0.1'), held: [holder(80)], fits: false },
    { name: '0.0.0.0 against a specific IP', pod: makePod().hostPort(80), held: [holder(80, 'TCP', '127.0.0.1')], fits: false },
  ])('$name', ({ pod, held, fits }) => {
    const status = nodePorts.filter(pod.build(), buildNodeInfo(makeNode('n').build(), held));
    expect(status === undefined).toBe(fits);
    if (status) expect(status).toEqual({ code: 'Unschedulable', reasons: [ERR_REASON], plugin: 'NodePorts' });
  });
});
