/**
 * Answering an upgrade request that will not be upgraded. Such requests never reach express (Node
 * hands them to the server's 'upgrade' listener with the bare socket), so the Status is written as a
 * plain HTTP/1.1 response by hand. kubectl decodes a Status body in a failed handshake and prints its
 * message (client-go's websocket and SPDY round trippers both do).
 */
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import { toApiError } from '../../lib/errors.js';

export function rawResponse(code: number, body: string, contentType: string): string {
  const payload = Buffer.from(body);
  return [
    `HTTP/1.1 ${code} ${STATUS_CODES[code] ?? 'Unknown'}`,
    `Content-Type: ${contentType}`,
    `Content-Length: ${payload.length}`,
    'Cache-Control: no-cache, private',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/** Writes the error as a Status and closes the socket; returns the HTTP code, for the request log. */
export function rejectUpgrade(socket: Duplex, err: unknown): number {
  const apiErr = toApiError(err);
  if (socket.writable) socket.end(rawResponse(apiErr.code, JSON.stringify(apiErr.toStatus()), 'application/json'));
  else socket.destroy();
  return apiErr.code;
}
