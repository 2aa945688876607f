import { describe, expect, it } from 'vitest';
import { makePod } from '../testing/builders.js';
import { DEFAULT_MEMORY_REQUEST, milliValue, podRequests, resourceList, value } from './resources.js';

describe('quantities in scheduler units', () => {
  it.each([
    ['500m', 500], ['1', 1000], ['2.5', 2500], ['0.1', 100], ['1u', 1], ['100n', 1], ['0', 0], ['bogus', 0],
  ])('milliValue(%s) = %d (rounding up, as Quantity.MilliValue)', (q, want) => {
    expect(milliValue(q)).toBe(want);
  });

  it.each([
    ['1Gi', 1024 ** 3], ['128Mi', 128 * 1024 ** 2], ['1G', 1e9], ['1500m', 2], ['110', 110], [110, 110],
  ])('value(%s) = %d', (q, want) => {
    expect(value(q)).toBe(want);
  });

  it('reads a ResourceList, keeping other resources by name', () => {
    expect(resourceList({ cpu: '2', memory: '4Gi', pods: '110', 'ephemeral-storage': '10Gi', 'example.com/gpu': '2' })).toEqual({
      milliCPU: 2000, memory: 4 * 1024 ** 3, allowedPodNumber: 110, ephemeralStorage: 10 * 1024 ** 3, scalar: { 'example.com/gpu': 2 },
    });
  });
});

describe('podRequests', () => {
  const cases: { name: string; pod: ReturnType<typeof makePod>; cpu: number; memory: number }[] = [
    { name: 'one container', pod: makePod().requests({ cpu: '500m', memory: '1Gi' }), cpu: 500, memory: 1024 ** 3 },
    { name: 'containers add up', pod: makePod().requests({ cpu: '2' }).container({ cpu: '1' }), cpu: 3000, memory: 0 },
    {
      name: 'init containers count as the largest one (upstream worked example)',
      pod: makePod().requests({ cpu: '2', memory: '1G' }).container({ cpu: '1', memory: '1G' }).initContainer({ cpu: '2', memory: '1G' }).initContainer({ cpu: '2', memory: '3G' }),
      cpu: 3000, memory: 3e9,
    },
    { name: 'a large init container wins', pod: makePod().requests({ cpu: '1' }).initContainer({ cpu: '4' }), cpu: 4000, memory: 0 },
    {
      name: 'a sidecar adds to the containers and to later init containers',
      pod: makePod().requests({ cpu: '1' }).initContainer({ cpu: '500m' }, 'Always').initContainer({ cpu: '2' }),
      cpu: 2500, memory: 0,
    },
    { name: 'overhead is added', pod: makePod().requests({ cpu: '1' }).overhead({ cpu: '250m' }), cpu: 1250, memory: 0 },
    { name: 'no requests', pod: makePod(), cpu: 0, memory: 0 },
  ];
  it.each(cases)('$name', ({ pod, cpu, memory }) => {
    const r = podRequests(pod.build());
    expect([r.milliCPU, r.memory]).toEqual([cpu, memory]);
  });

  it('nonZero fills in 100m and 200Mi for containers that request nothing, not for an explicit 0', () => {
    const r = podRequests(makePod().requests({ cpu: '0' }).container({ memory: '1Gi' }).build(), { nonZero: true });
    expect(r.milliCPU).toBe(0 + 100);
    expect(r.memory).toBe(DEFAULT_MEMORY_REQUEST + 1024 ** 3);
  });
});
