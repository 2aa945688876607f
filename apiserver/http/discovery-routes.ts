/**
 * Routes for what clients read before touching objects: `/api`, `/apis` (aggregated or legacy
 * discovery, by Accept), `/api/v1`, `/apis/{group}[/{version}]`, `/openapi/v3[...]`, and `/openapi/v2`
 * (404 on purpose: kubectl asks for it only as protobuf and handles the 404; see discovery/README.md).
 * The documents themselves are built in apiserver/discovery.
 */
import type { Request, Response } from 'express';
import { RouteNotFoundError } from '../../lib/errors.js';
import { apiResourceList, legacyAPIGroup, serveDiscoveryRoot, serveOpenAPIV3 } from '../discovery/index.js';
import { sendError, sendJson } from './respond.js';

export function discoveryRoutes(serverAddress: string): (req: Request, res: Response) => boolean {
  const addresses = [{ clientCIDR: '0.0.0.0/0', serverAddress }];
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = req.path.replace(/\/+$/, '') || '/';
    try {
      if (path === '/api' || path === '/apis') {
        const answer = serveDiscoveryRoot(path, req.headers.accept, addresses);
        res.setHeader('Vary', 'Accept');
        sendJson(res, 200, answer.body, answer.headers['Content-Type']);
        return true;
      }
      if (path.startsWith('/openapi/')) return serveOpenApi(req, res, path);
      const parts = path.split('/').filter(Boolean);
      if (parts[0] === 'api' && parts.length === 2) return sendOr404(res, apiResourceList('', parts[1]!));
      if (parts[0] === 'apis' && parts.length === 2) return sendOr404(res, legacyAPIGroup(parts[1]!));
      if (parts[0] === 'apis' && parts.length === 3) return sendOr404(res, apiResourceList(parts[1]!, parts[2]!));
      return false;
    } catch (err) {
      sendError(res, err);
      return true;
    }
  };
}

function sendOr404(res: Response, body: unknown): true {
  if (body === undefined) sendError(res, new RouteNotFoundError());
  else sendJson(res, 200, body);
  return true;
}

function serveOpenApi(req: Request, res: Response, path: string): true {
  const hash = typeof req.query.hash === 'string' ? req.query.hash : undefined;
  const answer = path === '/openapi/v2' ? undefined : serveOpenAPIV3(path, hash);
  if (!answer) return sendOr404(res, undefined);
  if (answer.kind === 'redirect') {
    res.redirect(301, answer.location);
    return true;
  }
  res.setHeader('ETag', `"${answer.etag}"`);
  if (answer.immutable) res.setHeader('Cache-Control', 'public, immutable');
  // The documents come pre-serialized (they are large and never change).
  if (typeof answer.body === 'string') res.status(200).type('application/json').end(answer.body);
  else sendJson(res, 200, answer.body);
  return true;
}
