/**
 * The real PortProbe: a port is free if a listener can bind it on 127.0.0.1 right now (and is closed
 * again at once). Thin I/O for ports.ts.
 */
import { createServer } from 'node:net';
import type { PortProbe } from './ports.js';

export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    // exclusive: a port shared through a cluster-mode handle must not count as free.
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

export const localPortProbe: PortProbe = { isFree: (p) => isPortFree(p), random: Math.random };
