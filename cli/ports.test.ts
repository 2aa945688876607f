import { describe, expect, it } from 'vitest';
import { assignPorts, PORT_RANGE, PortInUseError, type PortProbe } from './ports.js';

/** A probe over a fixed set of busy ports and a scripted sequence of random numbers. */
function fakeProbe(busy: number[], randoms: number[] = []): PortProbe & { probed: number[] } {
  const queue = [...randoms];
  const probed: number[] = [];
  return {
    probed,
    isFree: async (p) => {
      probed.push(p);
      return !busy.includes(p);
    },
    random: () => queue.shift() ?? 0.5,
  };
}

const toPort = (r: number) => PORT_RANGE.min + Math.floor(r * (PORT_RANGE.max - PORT_RANGE.min));

describe('assignPorts', () => {
  it('gives the default cluster 6443 when it is free', async () => {
    const ports = await assignPorts([{ name: 'redis' }, { name: 'apiserver-1', preferred: 6443 }], fakeProbe([], [0.1]));
    expect(ports).toEqual({ redis: toPort(0.1), 'apiserver-1': 6443 });
  });

  it('falls back to a random free port when the preferred one is taken', async () => {
    const ports = await assignPorts([{ name: 'apiserver-1', preferred: 6443 }], fakeProbe([6443], [0.2]));
    expect(ports['apiserver-1']).toBe(toPort(0.2));
  });

  it('keeps the previous port over the preferred one, so addresses survive down/up', async () => {
    const ports = await assignPorts([{ name: 'apiserver-1', preferred: 6443 }], fakeProbe([]), { previous: { 'apiserver-1': 21000 } });
    expect(ports['apiserver-1']).toBe(21000);
  });

  it('moves off a previous port that something else took meanwhile', async () => {
    const ports = await assignPorts([{ name: 'redis' }], fakeProbe([21000], [0.3]), { previous: { redis: 21000 } });
    expect(ports.redis).toBe(toPort(0.3));
  });

  it('takes a --port as given, and fails rather than silently moving it', async () => {
    await expect(assignPorts([{ name: 'apiserver-1', preferred: 6443 }], fakeProbe([]), { fixed: { 'apiserver-1': 7000 } })).resolves.toEqual({ 'apiserver-1': 7000 });
    await expect(assignPorts([{ name: 'apiserver-1' }], fakeProbe([7000]), { fixed: { 'apiserver-1': 7000 } })).rejects.toBeInstanceOf(PortInUseError);
  });

  it('never hands one port to two listeners, even when the probe says it is free', async () => {
    const ports = await assignPorts([{ name: 'a' }, { name: 'b' }, { name: 'c', preferred: toPort(0.5) }], fakeProbe([], [0.5, 0.5, 0.6, 0.7]));
    expect(new Set(Object.values(ports)).size).toBe(3);
    expect(ports.a).toBe(toPort(0.5));
  });

  it('draws random ports below the kernel ephemeral range', async () => {
    const ports = await assignPorts([{ name: 'a' }, { name: 'b' }], fakeProbe([], [0, 0.999999]));
    for (const p of Object.values(ports)) {
      expect(p).toBeGreaterThanOrEqual(PORT_RANGE.min);
      expect(p).toBeLessThan(32768);
    }
  });

  it('gives up when no port is free', async () => {
    const everything = { isFree: async () => false, random: () => 0.5 };
    await expect(assignPorts([{ name: 'a' }], everything)).rejects.toThrow(/no free port/);
  });
});
