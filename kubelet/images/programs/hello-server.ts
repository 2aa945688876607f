/**
 * The nginxdemos/hello server: nginx behaviour as a container's user sees it.
 *
 * Listens on <podIP>:80 (env PORT overrides, for tests and unprivileged hosts). Every request, whatever
 * the method or path, gets 200 with the page of the variant (plain text or HTML), headers as nginx sends
 * them (Server, Expires/Cache-Control from `expires -1`), and one access-log line on stdout once the
 * response is sent. nginx's notices go to stderr, as the image links error.log to /dev/stderr.
 *
 * Signals, as nginx's master process handles them: SIGTERM/SIGINT are a fast shutdown, SIGQUIT a graceful
 * one; both stop accepting, let requests in flight finish, close idle keep-alive connections and exit 0.
 * SIGHUP reloads the configuration (nothing to reload here). A bind failure is nginx's `[emerg]` and exit 1.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { release } from 'node:os';
import type { ProgramContext, ProgramSignal } from '../program.js';
import {
  accessLogLine,
  entrypointLines,
  htmlBody,
  nginxNotice,
  plainAddress,
  plainTextBody,
  type HelloRequestInfo,
} from './hello-render.js';

export type HelloVariant = 'plain-text' | 'html';

// Inside the container nginx's master is PID 1 and its one worker a small PID; the log shows those.
const MASTER = 1;
const WORKER = 29;
// Requests still open this long after a shutdown signal are cut, as nginx's worker_shutdown_timeout would.
const SHUTDOWN_DEADLINE_MS = 10_000;
// musl's strerror texts, as nginx on Alpine prints them.
const ERRNO: Record<string, string> = {
  EADDRINUSE: '98: Address in use',
  EACCES: '13: Permission denied',
  EADDRNOTAVAIL: '99: Address not available',
};

function requestInfo(req: IncomingMessage, hostname: string): HelloRequestInfo {
  const sock = req.socket;
  return {
    serverAddr: plainAddress(sock.localAddress ?? ''),
    serverPort: sock.localPort ?? 0,
    hostname,
    date: new Date(),
    uri: req.url ?? '/',
    requestId: randomBytes(16).toString('hex'),
    remoteAddr: plainAddress(sock.remoteAddress ?? ''),
    remotePort: sock.remotePort ?? 0,
  };
}

function handle(ctx: ProgramContext, variant: HelloVariant, req: IncomingMessage, res: ServerResponse): void {
  const info = requestInfo(req, ctx.hostname);
  const body = Buffer.from(variant === 'plain-text' ? plainTextBody(info) : htmlBody(info));
  const head = req.method === 'HEAD';
  res.statusCode = 200;
  res.setHeader('Server', `nginx/${ctx.env.NGINX_VERSION ?? '1.27.3'}`);
  res.setHeader('Content-Type', variant === 'plain-text' ? 'text/plain' : 'text/html');
  res.setHeader('Content-Length', body.length);
  res.setHeader('Expires', 'Thu, 01 Jan 1970 00:00:01 GMT');
  res.setHeader('Cache-Control', 'no-cache');
  res.on('finish', () => {
    ctx.stdout.write(
      accessLogLine({
        remoteAddr: info.remoteAddr,
        date: info.date,
        request: `${req.method} ${req.url} HTTP/${req.httpVersion}`,
        status: 200,
        bodyBytes: head ? 0 : body.length,
        referer: req.headers.referer,
        userAgent: req.headers['user-agent'],
        forwardedFor: req.headers['x-forwarded-for'] as string | undefined,
      }),
    );
  });
  res.end(head ? undefined : body);
}

function startupNotices(ctx: ProgramContext): void {
  const now = new Date();
  const lines = [
    'using the "epoll" event method',
    `nginx/${ctx.env.NGINX_VERSION ?? '1.27.3'}`,
    `OS: Linux ${release()}`,
    'start worker processes',
    `start worker process ${WORKER}`,
  ];
  for (const line of lines) ctx.stderr.write(nginxNotice(now, MASTER, line));
}

function shutdownNotices(ctx: ProgramContext, signal: ProgramSignal): void {
  const now = new Date();
  const graceful = signal === 'SIGQUIT';
  const first = graceful ? 'signal 3 (SIGQUIT) received, shutting down' : `signal ${signal === 'SIGINT' ? '2 (SIGINT)' : '15 (SIGTERM)'} received, exiting`;
  ctx.stderr.write(nginxNotice(now, MASTER, first));
  if (graceful) ctx.stderr.write(nginxNotice(now, WORKER, 'gracefully shutting down'));
  ctx.stderr.write(nginxNotice(now, WORKER, 'exiting') + nginxNotice(now, WORKER, 'exit'));
}

/** Stops accepting, lets open requests finish, and settles when every connection is gone. */
function shutdown(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    const deadline = setTimeout(() => server.closeAllConnections(), SHUTDOWN_DEADLINE_MS);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(deadline);
      resolve();
    });
  });
}

function listen(server: Server, host: string, port: number): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    server.once('error', (err) => resolve(err));
    server.listen({ host, port }, () => resolve(undefined));
  });
}

export async function serveHello(ctx: ProgramContext, variant: HelloVariant): Promise<number> {
  const viaEntrypoint = ctx.argv[0] === '/docker-entrypoint.sh';
  // The entrypoint script ends with `exec "$@"`: with no arguments there is nothing to run.
  if (viaEntrypoint && ctx.argv.length === 1) return 0;
  if (viaEntrypoint && !ctx.env.NGINX_ENTRYPOINT_QUIET_LOGS) ctx.stdout.write(entrypointLines());
  const host = ctx.podIP || '0.0.0.0';
  const port = Number(ctx.env.PORT ?? 80);
  const server = createServer((req, res) => handle(ctx, variant, req, res));
  server.keepAliveTimeout = 65_000; // the image's nginx.conf: keepalive_timeout 65
  const err = await listen(server, host, port);
  if (err) {
    const why = ERRNO[err.code ?? ''] ?? `${err.errno ?? 0}: ${err.message}`;
    const msg = `bind() to ${host}:${port} failed (${why})`;
    ctx.stderr.write(nginxNotice(new Date(), MASTER, msg, 'emerg') + `nginx: [emerg] ${msg}\n`);
    return 1;
  }
  startupNotices(ctx);
  return new Promise<number>((resolve) => {
    let stopping = false;
    ctx.onSignal((signal) => {
      if (signal === 'SIGHUP') {
        ctx.stderr.write(nginxNotice(new Date(), MASTER, 'signal 1 (SIGHUP) received, reconfiguring'));
        return;
      }
      if (stopping) return;
      stopping = true;
      shutdownNotices(ctx, signal);
      void shutdown(server).then(() => {
        ctx.stderr.write(nginxNotice(new Date(), MASTER, 'exit'));
        resolve(0);
      });
    });
  });
}
