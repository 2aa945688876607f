/**
 * The apiserver's end of the node streaming protocol (lib/nats/streaming-protocol.ts): opens a session
 * with the kubelet of a node and hands back the StreamSession, or throws the ApiError the user should
 * see (the kubelet's own Status, or 503 when the node does not answer).
 *
 * Handlers depend on the NodeStreamClient interface, so their unit tests run against an in-memory
 * kubelet; `natsNodeStreamClient` is the real one.
 */
import type { NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { ApiError } from '../../lib/errors.js';
import { StreamSession, type FrameTransport } from '../../lib/nats/stream-session.js';
import { natsFrameTransport, openNodeStream } from '../../lib/nats/stream-transport.js';
import type { StreamOpenReply, StreamOpenRequest } from '../../lib/nats/streaming-protocol.js';
import type { Subjects } from '../../lib/nats/subjects.js';

/** An open request without the session plumbing, which the client adds. */
export type NodeStreamRequest = StreamOpenRequest extends infer R ? (R extends StreamOpenRequest ? Omit<R, 'session' | 'deliverTo'> : never) : never;

export interface NodeStreamClient {
  /** A session with the node's kubelet; with `validateOnly`, resolves (to an ended session) once the kubelet agreed. */
  open(node: string, request: NodeStreamRequest): Promise<StreamSession>;
}

/** How an open request travels: NATS request/reply in production, a function call in tests. */
export type OpenRequester = (node: string, request: StreamOpenRequest) => Promise<StreamOpenReply>;

export interface NodeStreamClientDeps {
  transport: FrameTransport;
  subjects: Subjects;
  request: OpenRequester;
  newSessionId?: () => string;
}

export function nodeStreamClient(deps: NodeStreamClientDeps): NodeStreamClient {
  const newId = deps.newSessionId ?? (() => randomUUID().replaceAll('-', ''));
  return {
    async open(node, request) {
      const session = newId();
      const deliverTo = deps.subjects.streamSession(session, 'apiserver');
      // Subscribed before asking: the kubelet may send output right after its reply.
      const s = new StreamSession(deps.transport, { receiveOn: deliverTo });
      let reply: StreamOpenReply;
      try {
        reply = await deps.request(node, { ...request, session, deliverTo } as StreamOpenRequest);
      } catch (err) {
        s.end();
        throw err;
      }
      if (!reply.ok) {
        s.end();
        throw ApiError.fromStatus(reply.status);
      }
      // A validate-only answer names no session subject: nothing was started, there is nobody to tell.
      if (request.validateOnly) s.end();
      else s.setPeer(reply.control);
      return s;
    },
  };
}

export function natsNodeStreamClient(nc: NatsConnection, subjects: Subjects, openTimeoutMs?: number): NodeStreamClient {
  return nodeStreamClient({
    transport: natsFrameTransport(nc),
    subjects,
    request: (node, req) => openNodeStream(nc, subjects.node(node)[req.kind], node, req, openTimeoutMs),
  });
}
