/**
 * kubelab/slow-start: an HTTP server for probes, on <podIP>:8080 (env PORT overrides).
 *   GET /healthz  200 "ok" at once; 500 once /fail has been called (liveness material)
 *   GET /ready    503 until READY_AFTER_SECONDS (default 10) have passed since start, then 200 (readiness)
 *   GET /fail     200; from now on /healthz answers 500
 *   anything else 404
 * Every request is logged on stdout. SIGTERM/SIGINT/SIGQUIT: stop accepting, finish, exit 0.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { ProgramContext } from '../program.js';

export interface ProbeState {
  startedAt: number;
  readyAfterMs: number;
  failing: boolean;
}

/** The answer to a request path at time `now`, and the state after it. Pure. */
export function probeAnswer(path: string, state: ProbeState, now: number): { status: number; body: string; state: ProbeState } {
  switch (path) {
    case '/healthz':
      return state.failing ? { status: 500, body: 'unhealthy\n', state } : { status: 200, body: 'ok\n', state };
    case '/ready': {
      const left = state.readyAfterMs - (now - state.startedAt);
      if (left <= 0) return { status: 200, body: 'ready\n', state };
      return { status: 503, body: `not ready: ${Math.ceil(left / 1000)}s to go\n`, state };
    }
    case '/fail':
      return { status: 200, body: 'healthz fails from now on\n', state: { ...state, failing: true } };
    default:
      return { status: 404, body: 'not found\n', state };
  }
}

export function run(ctx: ProgramContext): Promise<number> {
  const readyAfter = Number(ctx.env.READY_AFTER_SECONDS ?? '10');
  let state: ProbeState = { startedAt: Date.now(), readyAfterMs: (Number.isFinite(readyAfter) ? readyAfter : 10) * 1000, failing: false };
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const answer = probeAnswer(path, state, Date.now());
    state = answer.state;
    res.writeHead(answer.status, { 'Content-Type': 'text/plain' }).end(answer.body);
    ctx.stdout.write(`${new Date().toISOString()} ${req.method} ${req.url} ${answer.status}\n`);
  };
  const server = createServer(handle);
  const host = ctx.podIP || '0.0.0.0';
  const port = Number(ctx.env.PORT ?? 8080);
  return new Promise((resolve) => {
    server.once('error', (err) => {
      ctx.stderr.write(`slow-start: cannot listen on ${host}:${port}: ${err.message}\n`);
      resolve(1);
    });
    server.listen({ host, port }, () => {
      ctx.stdout.write(`slow-start: listening on ${host}:${port}; ready in ${state.readyAfterMs / 1000}s\n`);
    });
    ctx.onSignal((signal) => {
      if (signal === 'SIGHUP') return;
      server.close(() => resolve(0));
      server.closeIdleConnections();
    });
  });
}
