/**
 * `.../pods/{name}/exec` and `.../attach`: kube-apiserver's ExecREST and AttachREST. kubectl first
 * tries a WebSocket (`v5.channel.k8s.io`), and if that handshake fails in any way, retries the same
 * URL as a SPDY upgrade (POST). Both arrive here through the server's 'upgrade' listener.
 *
 * Order of checks (each failure answers the handshake with a Status, so kubectl prints it):
 *   options (streams, command) → pod (404) → container (400) → node assigned → running → the kubelet
 *   (it finds the container live, or says why not; no answer → 503 within seconds).
 * SPDY is not spoken here. A SPDY attempt still gets the real reason first (the same checks, and the
 * kubelet asked with `validateOnly`), because kubectl shows only the answer to its last attempt, and
 * only when everything would have worked does it learn that SPDY is the problem.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { BadRequestError } from '../../lib/errors.js';
import { chooseProtocol, V5_PROTOCOL } from './channel-protocol.js';
import { validateContainer, validateStreamable } from './container-target.js';
import type { StreamingDeps } from './deps.js';
import { bridgeWebSocket } from './exec-bridge.js';
import { parseStreamRequest } from './exec-options.js';
import type { NodeStreamRequest } from './node-stream-client.js';
import { rejectUpgrade } from './raw-response.js';

export const SPDY_NOT_SUPPORTED =
  `kubelab serves exec and attach over WebSocket only (subprotocol ${V5_PROTOCOL}); SPDY is not supported. ` +
  'Use kubectl 1.30 or newer and do not set KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false.';

export interface UpgradeTarget {
  namespace: string;
  name: string;
  user: string;
}

/** Handles one upgrade request; resolves to the HTTP code answered (101 when upgraded), for the log. */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer, target: UpgradeTarget) => Promise<number>;

interface PreparedStream {
  node: string;
  request: NodeStreamRequest;
}

export async function prepareStream(deps: StreamingDeps, verb: 'exec' | 'attach', target: UpgradeTarget, query: URLSearchParams): Promise<PreparedStream> {
  const opts = parseStreamRequest(verb, query);
  const pod = await deps.getPod(target.namespace, target.name);
  const container = validateContainer(pod, opts.container);
  const node = pod.spec?.nodeName as string | undefined;
  if (!node) throw new BadRequestError(`pod ${target.name} does not have a host assigned`);
  const containerID = validateStreamable(pod, container, verb);
  const streamTarget = { namespace: target.namespace, pod: target.name, podUID: pod.metadata.uid ?? '', container, containerID };
  const streams = { stdin: opts.stdin, stdout: opts.stdout, stderr: opts.stderr, tty: opts.tty };
  const request: NodeStreamRequest = verb === 'exec'
    ? { kind: 'exec', target: streamTarget, command: opts.command, ...streams }
    : { kind: 'attach', target: streamTarget, ...streams };
  return { node, request };
}

function offeredProtocols(req: IncomingMessage): string[] {
  return (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim()).filter(Boolean);
}

export function streamUpgradeHandler(deps: StreamingDeps, verb: 'exec' | 'attach'): UpgradeHandler {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, handleProtocols: (offered) => chooseProtocol(offered) ?? false });
  return async (req, socket, head, target) => {
    try {
      const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
      const prepared = await prepareStream(deps, verb, target, query);
      const websocket = (req.headers.upgrade ?? '').toLowerCase() === 'websocket' && chooseProtocol(offeredProtocols(req));
      if (!websocket) {
        await deps.nodes.open(prepared.node, { ...prepared.request, validateOnly: true });
        throw new BadRequestError(SPDY_NOT_SUPPORTED);
      }
      const session = await deps.nodes.open(prepared.node, prepared.request);
      // Until the WebSocket exists the session is ours to end: the client may be gone, or `ws` may
      // refuse the handshake (it then answers by itself), and the command must not run on unseen.
      let upgraded = false;
      socket.once('close', () => upgraded || session.end('the client went away before the upgrade'));
      if (socket.destroyed) return (session.end('the client went away before the upgrade'), 499);
      wss.handleUpgrade(req, socket, head, (ws) => {
        upgraded = true;
        void bridgeWebSocket(ws, session, prepared.node, deps.log);
      });
      return upgraded ? 101 : 400;
    } catch (err) {
      return rejectUpgrade(socket, err);
    }
  };
}
