/**
 * The apiserver's HTTP door (express): health and version open to all, then bearer-token
 * authentication, the 3 MiB body limit, discovery and OpenAPI, and the resource routes.
 * Every request is logged once, with verb, resource, code and latency.
 * Upgrade requests (exec and attach) bypass express: `upgradeListener` gives them the same token check.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { RequestEntityTooLargeError, RouteNotFoundError, UnauthorizedError } from '../../lib/errors.js';
import type { Logger } from '../../lib/log.js';
import { authenticate, isOpenPath, type TokenTable } from './auth.js';
import { handleResource, toApiRequest, type ResourceRouteDeps } from './resource-route.js';
import { sendError, sendJson } from './respond.js';
import { rejectUpgrade } from '../streaming/raw-response.js';
import type { UpgradeRoute } from '../streaming/upgrade-router.js';

export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export interface HttpDeps extends ResourceRouteDeps {
  tokens: TokenTable;
  log: Logger;
  version: unknown;
  ready: () => Promise<boolean>;
  /** Discovery and OpenAPI: answers the request and returns true, or returns false to pass it on. */
  discovery: (req: Request, res: Response) => boolean;
}

export function createApp(deps: HttpDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use(requestLog(deps.log));
  app.get(['/healthz', '/livez'], (_req, res) => void res.type('text/plain').send('ok'));
  app.get('/readyz', async (_req, res) => {
    const ok = await deps.ready().catch(() => false);
    res.status(ok ? 200 : 503).type('text/plain').send(ok ? 'ok' : 'not ready');
  });
  app.get('/version', (_req, res) => sendJson(res, 200, deps.version));
  app.use((req, res, next) => {
    if (isOpenPath(req.path)) return next();
    const user = authenticate(deps.tokens, req.headers.authorization);
    if (!user) return void sendError(res, new UnauthorizedError());
    res.locals.user = user.name;
    next();
  });
  app.use(express.raw({ type: () => true, limit: MAX_BODY_BYTES }));
  app.use((req, res, next) => (deps.discovery(req, res) ? undefined : next()));
  app.use(async (req, res) => {
    const apiReq = toApiRequest(req, res.locals.user as string);
    if (!apiReq) return void sendError(res, new RouteNotFoundError());
    res.locals.resource = `${apiReq.group ? apiReq.group + '/' : ''}${apiReq.resource}${apiReq.subresource ? '/' + apiReq.subresource : ''}`;
    res.locals.verb = apiReq.verb;
    await handleResource(req, res, apiReq, deps);
  });
  // Errors thrown by middleware (body too large, unreadable body) become Status answers.
  app.use((err: { type?: string; status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    if (err.type === 'entity.too.large') return void sendError(res, new RequestEntityTooLargeError(MAX_BODY_BYTES));
    sendError(res, err);
  });
  return app;
}

/** The server's 'upgrade' listener: bearer-token authentication, then the streaming router. */
export function upgradeListener(deps: { tokens: TokenTable; route: UpgradeRoute }) {
  return (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const user = authenticate(deps.tokens, req.headers.authorization);
    if (!user) return void rejectUpgrade(socket, new UnauthorizedError());
    deps.route(req, socket, head, user.name);
  };
}

function requestLog(log: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const start = process.hrtime.bigint();
    res.on('close', () => {
      const latencyMs = Number(process.hrtime.bigint() - start) / 1e6;
      log.info('request', {
        verb: res.locals.verb ?? req.method.toLowerCase(),
        resource: res.locals.resource,
        path: req.path,
        code: res.statusCode,
        latencyMs: Math.round(latencyMs * 100) / 100,
        user: res.locals.user,
      });
    });
    next();
  };
}
