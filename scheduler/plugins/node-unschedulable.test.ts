import { describe, expect, it } from 'vitest';
import { buildNodeInfo } from '../framework/node-info.js';
import { makeNode, makePod } from '../testing/builders.js';
import { ERR_REASON_UNSCHEDULABLE, nodeUnschedulable } from './node-unschedulable.js';

describe('NodeUnschedulable', () => {
  const cordoned = buildNodeInfo(makeNode('n').unschedulable().build(), []);
  const open = buildNodeInfo(makeNode('n').build(), []);
  it.each([
    { name: 'an open node passes', pod: makePod(), node: open, want: undefined },
    { name: 'a cordoned node rejects', pod: makePod(), node: cordoned, want: ERR_REASON_UNSCHEDULABLE },
    {
      name: 'unless the pod tolerates the unschedulable taint',
      pod: makePod().tolerations({ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }), node: cordoned, want: undefined,
    },
    { name: 'a NoExecute toleration is not enough', pod: makePod().tolerations({ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoExecute' }), node: cordoned, want: ERR_REASON_UNSCHEDULABLE },
  ])('$name', ({ pod, node, want }) => {
    const status = nodeUnschedulable.filter(pod.build(), node);
    expect(status?.reasons[0]).toBe(want);
    if (status) expect(status.code).toBe('UnschedulableAndUnresolvable');
  });
});
