/**
 * Kubernetes' WebSocket channel protocol `v5.channel.k8s.io` (kubectl-wire.md §9) mapped onto node
 * stream frames, both ways. Pure. Every WebSocket message is binary; byte 0 is the channel:
 *
 *   client → server   0 stdin, 4 resize {"Width","Height"}, 255 close [255, <channel>] (v5 only)
 *   server → client   1 stdout, 2 stderr, 3 the final metav1.Status (exit code in its causes)
 *
 * The channel ids are the frame types of lib/nats/streaming-protocol.ts for data, so the mapping is a
 * one-byte header swap; only CLOSE differs (255 on the wire, frame type CLOSE on NATS).
 */
import { FrameType, type Frame } from '../../lib/nats/streaming-protocol.js';

export const V5_PROTOCOL = 'v5.channel.k8s.io';
const WS_CLOSE_CHANNEL = 255;

export type ClientMessage = { type: FrameType; payload: Uint8Array } | { ignored: string };

/** What a client's WebSocket message asks the kubelet to do. */
export function fromClientMessage(data: Uint8Array): ClientMessage {
  if (data.length === 0) return { ignored: 'empty message' };
  const channel = data[0]!;
  const payload = data.subarray(1);
  switch (channel) {
    case FrameType.STDIN:
      return { type: FrameType.STDIN, payload };
    case FrameType.RESIZE:
      return { type: FrameType.RESIZE, payload };
    case WS_CLOSE_CHANNEL:
      return payload.length === 1 ? { type: FrameType.CLOSE, payload } : { ignored: 'close signal without a channel' };
    default:
      return { ignored: `channel ${channel} is not writable by a client` };
  }
}

/** The WebSocket message a kubelet frame becomes, or undefined for frames that are not for the client. */
export function toClientMessage(frame: Frame): Uint8Array | undefined {
  if (frame.type !== FrameType.STDOUT && frame.type !== FrameType.STDERR && frame.type !== FrameType.STATUS) return undefined;
  const out = new Uint8Array(frame.payload.length + 1);
  out[0] = frame.type;
  out.set(frame.payload, 1);
  return out;
}

/** The channel-3 message for a failure the apiserver itself saw (kubectl prints `message`). */
export function failureMessage(message: string, code = 500, reason = 'InternalError'): Uint8Array {
  const status = { metadata: {}, status: 'Failure', message, reason, code };
  const json = new TextEncoder().encode(JSON.stringify(status));
  const out = new Uint8Array(json.length + 1);
  out[0] = FrameType.STATUS;
  out.set(json, 1);
  return out;
}

/** The subprotocol to accept from a client's offer: v5 only (v4 and older lack the CLOSE signal). */
export function chooseProtocol(offered: ReadonlySet<string> | readonly string[]): string | undefined {
  return [...offered].includes(V5_PROTOCOL) ? V5_PROTOCOL : undefined;
}
