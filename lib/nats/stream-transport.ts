/**
 * The node streaming protocol on a real NatsConnection (protocol in ./streaming-protocol.ts):
 *
 *   natsFrameTransport(nc)                        a FrameTransport for StreamSession
 *   openNodeStream(nc, subject, node, request)    the apiserver's open request → StreamOpenReply
 *
 * NATS failures become the API errors the user should read, once, here: no kubelet subscribed (its
 * process is gone) and no answer in time (hung, paused, or cut off) are both 503 ServiceUnavailable
 * naming the node, so `kubectl logs` on a pod whose node is down fails within seconds.
 */
import { errors, type NatsConnection } from '@nats-io/transport-node';
import { ServiceUnavailableError } from '../errors.js';
import type { FrameTransport } from './stream-session.js';
import { OPEN_TIMEOUT_MS, type StreamOpenReply, type StreamOpenRequest } from './streaming-protocol.js';

export function natsFrameTransport(nc: NatsConnection): FrameTransport {
  return {
    publish(subject, data) {
      // A closed or reconnecting connection: the frame is lost like any other NATS message, and the
      // session notices (a gap or a timeout), so there is nothing to do here.
      try {
        nc.publish(subject, data);
      } catch {
        /* see above */
      }
    },
    subscribe(subject, onMessage) {
      const sub = nc.subscribe(subject, { callback: (err, msg) => (err ? undefined : onMessage(msg.data)) });
      return () => sub.unsubscribe();
    },
  };
}

/** Asks the node's kubelet to open a stream; throws ServiceUnavailableError if the node does not answer. */
export async function openNodeStream(
  nc: NatsConnection,
  subject: string,
  node: string,
  request: StreamOpenRequest,
  timeoutMs = OPEN_TIMEOUT_MS,
): Promise<StreamOpenReply> {
  let data: Uint8Array;
  try {
    data = (await nc.request(subject, JSON.stringify(request), { timeout: timeoutMs })).data;
  } catch (err) {
    throw unreachableNode(err, node, timeoutMs);
  }
  try {
    return JSON.parse(new TextDecoder().decode(data)) as StreamOpenReply;
  } catch {
    throw new ServiceUnavailableError(`the kubelet on node "${node}" sent an unreadable answer`);
  }
}

export function unreachableNode(err: unknown, node: string, timeoutMs: number): ServiceUnavailableError {
  if (err instanceof errors.TimeoutError) {
    return new ServiceUnavailableError(`the kubelet on node "${node}" did not answer within ${timeoutMs / 1000}s: is the node down?`);
  }
  if (err instanceof errors.NoRespondersError || (err instanceof errors.RequestError && err.isNoResponders())) {
    return new ServiceUnavailableError(`the kubelet on node "${node}" is not connected: is the node down?`);
  }
  const why = err instanceof Error ? err.message : String(err);
  return new ServiceUnavailableError(`cannot reach the kubelet on node "${node}": ${why}`);
}
