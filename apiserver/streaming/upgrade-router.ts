/**
 * Requests that ask for a protocol upgrade (WebSocket, SPDY) never reach express: Node hands them to
 * the server's 'upgrade' listener with the bare socket. After authentication (apiserver/http/server.ts)
 * this router sends `.../pods/{name}/exec` and `.../attach` to their handlers and answers anything else
 * with a Status. Each upgrade is logged once, when its socket closes, like every other request.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { BadRequestError, RouteNotFoundError } from '../../lib/errors.js';
import type { Logger } from '../../lib/log.js';
import { parseRequestInfo } from '../http/request-info.js';
import type { UpgradeHandler } from './exec-handler.js';
import { rejectUpgrade } from './raw-response.js';

/** What server.ts calls for an authenticated upgrade request. */
export type UpgradeRoute = (req: IncomingMessage, socket: Duplex, head: Buffer, user: string) => void;

export function upgradeRouter(handlers: Record<string, UpgradeHandler>, log: Logger): UpgradeRoute {
  return (req, socket, head, user) => {
    const start = process.hrtime.bigint();
    // A client that resets the connection before the handshake completes must not crash the server.
    socket.on('error', (err) => log.debug('upgrade socket error', { error: String(err) }));
    const url = new URL(req.url ?? '/', 'http://localhost');
    const info = parseRequestInfo(req.method ?? 'GET', url.pathname, Object.fromEntries(url.searchParams));
    const key = info?.subresource ? `${info.resource}/${info.subresource}` : undefined;
    const handler = key ? handlers[key] : undefined;
    const done = (code: number) =>
      socket.once('close', () => log.info('request', {
        verb: info?.verb ?? req.method?.toLowerCase(), resource: key ?? info?.resource, path: url.pathname, code, user,
        latencyMs: Math.round(Number(process.hrtime.bigint() - start) / 1e4) / 100,
      }));
    if (!info) return done(rejectUpgrade(socket, new RouteNotFoundError()));
    if (!handler || !info.namespace || !info.name) {
      return done(rejectUpgrade(socket, new BadRequestError(`${key ?? info.resource} does not support a protocol upgrade`)));
    }
    void handler(req, socket, head, { namespace: info.namespace, name: info.name, user }).then(done);
  };
}
