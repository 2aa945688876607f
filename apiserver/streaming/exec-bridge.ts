/**
 * One exec or attach session: kubectl's WebSocket (`v5.channel.k8s.io`) on one side, the kubelet's
 * node session on the other. Client messages become frames (stdin, resize, close-stdin); kubelet frames
 * become channel messages (stdout, stderr, and the final Status on channel 3). When the kubelet ends
 * the session the socket is closed normally (1000), which kubectl reads as "done".
 *
 * If the kubelet stops answering (node down) or a frame is lost, kubectl still gets a Status on
 * channel 3 saying so, and exits with an error instead of hanging.
 */
import type { RawData, WebSocket } from 'ws';
import type { Logger } from '../../lib/log.js';
import type { StreamSession } from '../../lib/nats/stream-session.js';
import { failureMessage, fromClientMessage, toClientMessage } from './channel-protocol.js';

export async function bridgeWebSocket(ws: WebSocket, session: StreamSession, node: string, log: Logger): Promise<void> {
  ws.on('message', (data, isBinary) => {
    // client-go only sends binary messages; a text message has no channel byte to go by.
    if (!isBinary) return;
    const m = fromClientMessage(toBytes(data));
    if ('ignored' in m) return void log.debug('ignored client message', { why: m.ignored });
    session.send(m.type, m.payload).catch(() => undefined); // the session is over: nothing left to feed
  });
  ws.on('close', () => session.end('the client closed the connection'));
  ws.on('error', (err) => log.debug('websocket error', { error: String(err) }));
  session.onFrame(async (frame) => {
    const msg = toClientMessage(frame);
    if (msg) await send(ws, msg);
  });
  const end = await session.ended;
  if (end.by === 'timeout' || end.by === 'gap' || end.by === 'error') {
    log.warn('exec stream broken', { node, by: end.by, reason: end.reason });
    await send(ws, failureMessage(`the stream to the kubelet on node "${node}" broke: ${end.reason}`));
  }
  if (ws.readyState === ws.OPEN) ws.close(1000);
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

/** Sends one binary message and waits until it is written, so a slow client slows the command. */
function send(ws: WebSocket, data: Uint8Array): Promise<void> {
  if (ws.readyState !== ws.OPEN) return Promise.resolve();
  return new Promise((resolve) => ws.send(data, { binary: true }, () => resolve()));
}
