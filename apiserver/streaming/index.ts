/**
 * The apiserver's streaming subresources, bridged to the kubelets over NATS (design.md §1):
 *
 *   pods/log              GET, a plain HTTP response          → streams["pods/log"]    (express)
 *   pods/exec, /attach    WebSocket v5.channel.k8s.io upgrade → upgrades[...]          (the 'upgrade' listener)
 *                         without an upgrade                  → streams[...]: 400
 *
 * main.ts builds it once: `const streaming = createStreaming(deps)`, passes `streaming.streams` to
 * createApp and `streaming.upgrade` to the server's upgrade listener.
 */
import type { Request, Response } from 'express';
import type { ApiRequest } from '../../lib/api/request.js';
import { BadRequestError } from '../../lib/errors.js';
import type { StreamHandler } from '../http/resource-route.js';
import type { StreamingDeps } from './deps.js';
import { prepareStream, streamUpgradeHandler } from './exec-handler.js';
import { logHandler } from './log-handler.js';
import { upgradeRouter, type UpgradeRoute } from './upgrade-router.js';

export type { StreamingDeps } from './deps.js';
export { natsNodeStreamClient } from './node-stream-client.js';
export type { UpgradeRoute } from './upgrade-router.js';

export interface Streaming {
  streams: Record<string, StreamHandler>;
  upgrade: UpgradeRoute;
}

export function createStreaming(deps: StreamingDeps): Streaming {
  return {
    streams: {
      'pods/log': logHandler(deps),
      'pods/exec': notUpgraded(deps, 'exec'),
      'pods/attach': notUpgraded(deps, 'attach'),
    },
    upgrade: upgradeRouter({ 'pods/exec': streamUpgradeHandler(deps, 'exec'), 'pods/attach': streamUpgradeHandler(deps, 'attach') }, deps.log),
  };
}

/** exec/attach without an upgrade: the usual errors first (404, 400), then the one upstream gives. */
function notUpgraded(deps: StreamingDeps, verb: 'exec' | 'attach'): StreamHandler {
  return async (req: Request, _res: Response, apiReq: ApiRequest) => {
    const query = new URL(req.originalUrl, 'http://localhost').searchParams;
    await prepareStream(deps, verb, { namespace: apiReq.namespace!, name: apiReq.name!, user: apiReq.user }, query);
    throw new BadRequestError('Upgrade request required');
  };
}
