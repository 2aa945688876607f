/**
 * `GET /api/v1/namespaces/{ns}/pods/{name}/log`: kube-apiserver's LogREST. Decides the container and
 * the errors from the stored pod, then streams the kubelet's log over a node session into a
 * `text/plain` chunked response (headers flushed at once with `follow`, so kubectl shows lines as they
 * come). The response ends when the kubelet ends the session (log read, or the container stopped).
 *
 * A pod not yet on a node has an empty log (200, no body), as upstream answers. A kubelet that dies
 * mid-stream cannot change a 200 into an error any more: the connection is cut, so kubectl reports an
 * error (unexpected EOF) instead of a log that silently looks complete.
 */
import type { Request, Response } from 'express';
import type { ApiRequest } from '../../lib/api/request.js';
import type { Status } from '../../lib/api/types.js';
import { ApiError, MethodNotAllowedError, ServiceUnavailableError } from '../../lib/errors.js';
import type { StreamSession } from '../../lib/nats/stream-session.js';
import { FrameType } from '../../lib/nats/streaming-protocol.js';
import { sendError } from '../http/respond.js';
import { validateContainer, validateContainerLogStatus } from './container-target.js';
import type { StreamingDeps } from './deps.js';
import { parseLogRequest } from './log-options.js';

export function logHandler(deps: StreamingDeps) {
  return async (_req: Request, res: Response, apiReq: ApiRequest): Promise<void> => {
    if (apiReq.verb !== 'get') throw new MethodNotAllowedError();
    const namespace = apiReq.namespace!;
    const name = apiReq.name!;
    const { container: asked, options } = parseLogRequest(name, apiReq.query, deps.now());
    const pod = await deps.getPod(namespace, name);
    const container = validateContainer(pod, asked);
    const node = pod.spec?.nodeName as string | undefined;
    if (!node) {
      res.status(200).setHeader('Content-Type', 'text/plain');
      res.end();
      return;
    }
    const containerID = validateContainerLogStatus(pod, container, options.previous);
    const target = { namespace, pod: name, podUID: pod.metadata.uid ?? '', container, containerID };
    const session = await deps.nodes.open(node, { kind: 'logs', target, options });
    await pipeLog(session, res, node, options.follow, deps);
  };
}

async function pipeLog(session: StreamSession, res: Response, node: string, follow: boolean, deps: StreamingDeps): Promise<void> {
  res.status(200).setHeader('Content-Type', 'text/plain');
  if (follow) res.flushHeaders();
  res.on('close', () => session.end('the client went away'));
  let failure: Status | undefined;
  session.onFrame(async (frame) => {
    if (frame.type === FrameType.STDOUT || frame.type === FrameType.STDERR) await write(res, frame.payload);
    else if (frame.type === FrameType.STATUS) failure = parseStatus(frame.payload);
  });
  const end = await session.ended;
  if (failure?.status === 'Failure' && !res.headersSent) {
    sendError(res, ApiError.fromStatus({ ...failure, code: failure.code || 500 }));
  } else if (end.by === 'peer' && failure?.status !== 'Failure') {
    res.end();
  } else if (end.by !== 'local') {
    deps.log.warn('log stream broken', { node, by: end.by, reason: end.reason ?? failure?.message });
    // Nothing sent yet: there is still time for a proper error instead of a cut connection.
    if (!res.headersSent) sendError(res, new ServiceUnavailableError(`the stream from the kubelet on node "${node}" broke: ${end.reason ?? failure?.message}`));
    else res.destroy();
  }
}

function parseStatus(payload: Uint8Array): Status | undefined {
  try {
    return JSON.parse(new TextDecoder().decode(payload)) as Status;
  } catch {
    return undefined;
  }
}

/** Writes one chunk and waits while the client is slow; a client that left releases the wait. */
function write(res: Response, chunk: Uint8Array): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed || res.write(chunk)) return resolve();
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
