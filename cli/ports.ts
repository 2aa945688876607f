/**
 * Port assignment for a cluster's listeners, all on 127.0.0.1. Pure logic over an injected probe, so
 * the rules are testable without sockets:
 *   1. a port given on the command line (`--port`) is taken as is, and must be free;
 *   2. else the port this cluster used last time, so addresses stay stable across `down`/`up`;
 *   3. else the component's preferred port (6443 for the default cluster's first apiserver);
 *   4. else a random free port in PORT_RANGE.
 * No two listeners of one plan share a port. Two clusters in two dirs each probe before they bind, so
 * they end up side by side on different ports.
 */
import type { PortRequest } from './components.js';

/**
 * Below Linux's ephemeral range (32768-60999): a port picked here cannot be grabbed as the local port of
 * some outgoing connection between our probe and the server's bind.
 */
export const PORT_RANGE = { min: 20000, max: 32000 } as const;
const MAX_RANDOM_TRIES = 200;

export interface PortProbe {
  isFree(port: number): Promise<boolean>;
  /** A number in [0, 1). */
  random(): number;
}

export class PortInUseError extends Error {
  constructor(readonly port: number, readonly component: string) {
    super(`port ${port} requested for ${component} is already in use on 127.0.0.1`);
    this.name = 'PortInUseError';
  }
}

export interface AssignOptions {
  fixed?: Record<string, number>;
  previous?: Record<string, number>;
}

export async function assignPorts(requests: PortRequest[], probe: PortProbe, opts: AssignOptions = {}): Promise<Record<string, number>> {
  const taken = new Set<number>();
  const out: Record<string, number> = {};
  const usable = async (p: number | undefined) => p !== undefined && !taken.has(p) && (await probe.isFree(p));
  for (const req of requests) {
    const fixed = opts.fixed?.[req.name];
    let port: number | undefined;
    if (fixed !== undefined) {
      if (!(await usable(fixed))) throw new PortInUseError(fixed, req.name);
      port = fixed;
    } else if (await usable(opts.previous?.[req.name])) {
      port = opts.previous![req.name];
    } else if (await usable(req.preferred)) {
      port = req.preferred;
    } else {
      port = await randomFreePort(probe, taken);
    }
    taken.add(port!);
    out[req.name] = port!;
  }
  return out;
}

async function randomFreePort(probe: PortProbe, taken: Set<number>): Promise<number> {
  const span = PORT_RANGE.max - PORT_RANGE.min;
  for (let i = 0; i < MAX_RANDOM_TRIES; i++) {
    const p = PORT_RANGE.min + Math.floor(probe.random() * span);
    if (!taken.has(p) && (await probe.isFree(p))) return p;
  }
  throw new Error(`no free port found in ${PORT_RANGE.min}-${PORT_RANGE.max} after ${MAX_RANDOM_TRIES} tries`);
}
