/**
 * HTTPS calls from the benchmark process, the way a client library makes them: one keep-alive agent
 * (so TLS handshakes happen once per pooled socket, not per request), the cluster CA as the only trust
 * root, a bearer token. Also the client side of a watch stream: chunked newline-separated JSON events.
 *
 *   const ep = httpsEndpoint({ server, ca, token, maxSockets: 16 });
 *   const { status, body } = await httpsRequest(ep, 'GET', '/api/v1/namespaces');
 *   const stream = await openWatchStream(ep, '/api/v1/namespaces/x/configmaps?watch=1', (event) => ...);
 *   stream.close();
 */
import { Agent, request } from 'node:https';
import type { IncomingMessage } from 'node:http';

export interface HttpsEndpoint {
  origin: string;
  ca: string;
  token?: string;
  agent: Agent;
}

export interface HttpsAnswer {
  status: number;
  body: string;
}

export function httpsEndpoint(opts: { server: string; ca: string; token?: string; maxSockets: number; servername?: string }): HttpsEndpoint {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.maxSockets, ca: opts.ca, ...(opts.servername ? { servername: opts.servername } : {}) });
  return { origin: opts.server.replace(/\/$/, ''), ca: opts.ca, token: opts.token, agent };
}

function headers(ep: HttpsEndpoint, body: string | undefined): Record<string, string> {
  const h: Record<string, string> = { accept: 'application/json' };
  if (ep.token) h.authorization = `Bearer ${ep.token}`;
  if (body !== undefined) {
    h['content-type'] = 'application/json';
    h['content-length'] = String(Buffer.byteLength(body));
  }
  return h;
}

export function httpsRequest(ep: HttpsEndpoint, method: string, path: string, body?: string): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(`${ep.origin}${path}`, { method, agent: ep.agent, headers: headers(ep, body) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Resolves the parsed JSON body when the status is the expected one; rejects with the answer otherwise. */
export async function expectJson<T = unknown>(answer: Promise<HttpsAnswer>, status: number): Promise<T> {
  const a = await answer;
  if (a.status !== status) throw new Error(`HTTP ${a.status} (wanted ${status}): ${a.body.slice(0, 200)}`);
  return JSON.parse(a.body) as T;
}

/** Splits a byte stream into lines; a line split across chunks is joined first. Pure apart from its buffer. */
export class LineSplitter {
  private rest = '';

  push(chunk: string): string[] {
    const text = this.rest + chunk;
    const lines = text.split('\n');
    this.rest = lines.pop()!;
    return lines.filter((l) => l.length > 0);
  }
}

export interface WatchStream {
  close(): void;
}

/**
 * Opens a watch on its own connection (never a pooled socket: it stays open) and resolves once the
 * headers are in, i.e. once the apiserver has registered the watch, so writes sent afterwards are seen.
 * `onEvent` gets each parsed event with the time its line was read.
 */
export function openWatchStream(ep: HttpsEndpoint, path: string, onEvent: (event: unknown, atNs: bigint) => void): Promise<WatchStream> {
  return new Promise((resolve, reject) => {
    const req = request(`${ep.origin}${path}`, { method: 'GET', ca: ep.ca, agent: false, headers: headers(ep, undefined) }, (res: IncomingMessage) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`watch ${path}: HTTP ${res.statusCode}`));
        return;
      }
      const lines = new LineSplitter();
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const at = process.hrtime.bigint();
        for (const line of lines.push(chunk)) onEvent(JSON.parse(line), at);
      });
      res.on('error', () => undefined); // the stream ends when we close it; that is not a failure
      resolve({ close: () => req.destroy() });
    });
    req.on('error', reject);
    req.end();
  });
}
