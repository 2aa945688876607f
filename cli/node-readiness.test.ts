import { describe, expect, it } from 'vitest';
import { nodeReadiness } from './node-readiness.js';

const SINCE = '2026-01-01T00:00:10.500Z';
const node = (ready?: { status: string; reason?: string; message?: string }) => ({
  metadata: { name: 'node-1' },
  status: { conditions: [{ type: 'MemoryPressure', status: 'False' }, ...(ready ? [{ type: 'Ready', ...ready }] : [])] },
});
const lease = (renewTime?: string) => ({ metadata: { name: 'node-1' }, spec: renewTime ? { holderIdentity: 'node-1', renewTime } : { holderIdentity: 'node-1' } });

describe('nodeReadiness', () => {
  it.each<[string, unknown, unknown, RegExp]>([
    ['no Node yet', undefined, undefined, /not registered yet/],
    ['no Ready condition', node(), lease('2026-01-01T00:00:11.000000Z'), /no Ready condition/],
    ['Ready False, with the reason', node({ status: 'False', reason: 'KubeletNotReady', message: 'runtime not ready' }), lease('2026-01-01T00:00:11.000000Z'), /not Ready \(Ready=False, KubeletNotReady: runtime not ready\)/],
    ['Ready Unknown (the node controller gave up on it)', node({ status: 'Unknown' }), lease('2026-01-01T00:00:11.000000Z'), /Ready=Unknown/],
    ['no Lease', node({ status: 'True' }), undefined, /Lease has not been renewed/],
    ['a Lease without renewTime', node({ status: 'True' }), lease(), /Lease has not been renewed/],
    ['a Lease renewed by the kubelet before this one', node({ status: 'True' }), lease('2026-01-01T00:00:10.499999Z'), /renewed at 2026-01-01T00:00:10.499999Z, before this kubelet started/],
    ['an unparsable renewTime', node({ status: 'True' }), lease('yesterday'), /before this kubelet started/],
  ])('not ready: %s', (_, n, l, reason) => {
    const v = nodeReadiness(n, l, SINCE);
    expect(v.ready).toBe(false);
    expect(v.ready ? '' : v.reason).toMatch(reason);
  });

  it.each(['2026-01-01T00:00:10.500000Z', '2026-01-01T00:00:12.000001Z'])('ready: Ready True and the Lease renewed at %s', (renewTime) => {
    expect(nodeReadiness(node({ status: 'True' }), lease(renewTime), SINCE)).toEqual({ ready: true });
  });
});
