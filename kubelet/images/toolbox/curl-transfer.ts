/**
 * One HTTP(S) transfer of the toolbox's curl: connect to the resolved address, send the request, collect
 * the response. Failures become CurlError with curl's exit code and message (as curl 7.8x words them):
 *   (1) unsupported protocol  (6) unresolvable host  (7) connect failed  (28) timeout
 *   (52) empty reply  (56) receive failure  (60) certificate problem
 */
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { HostNotFoundError, resolveHost } from './resolve-host.js';

export class CurlError extends Error {
  constructor(readonly exitCode: number, message: string) {
    super(message);
    this.name = 'CurlError';
  }
}

export interface TransferRequest {
  url: URL;
  method: string;
  /** Header lines in the order curl sends them, after -H overrides. */
  headers: [string, string][];
  body?: Buffer;
  insecure: boolean;
  connectTimeoutMs?: number;
  maxTimeMs?: number;
  env: NodeJS.ProcessEnv;
  /** Called once connected, for --verbose. */
  onConnect?: (ip: string, port: number) => void;
}

export interface TransferResponse {
  httpVersion: string;
  statusCode: number;
  statusMessage: string;
  rawHeaders: string[];
  body: Buffer;
  remoteIp: string;
  remotePort: number;
  location?: string;
}

const CONNECT_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'Connection refused',
  EHOSTUNREACH: 'No route to host',
  ENETUNREACH: 'Network is unreachable',
  EADDRNOTAVAIL: 'Cannot assign requested address',
};

export function defaultPort(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

function failure(err: NodeJS.ErrnoException, req: TransferRequest, startedAt: number, connected: boolean, received: number): CurlError {
  const host = req.url.hostname.replace(/^\[|\]$/g, '');
  const ms = Date.now() - startedAt;
  const code = err.code ?? '';
  if (!connected && CONNECT_ERRORS[code]) {
    return new CurlError(7, `Failed to connect to ${host} port ${defaultPort(req.url)} after ${ms} ms: ${CONNECT_ERRORS[code]}`);
  }
  if (code === 'KUBELAB_CONNECT_TIMEOUT') return new CurlError(28, `Failed to connect to ${host} port ${defaultPort(req.url)} after ${ms} ms: Timeout was reached`);
  if (code === 'KUBELAB_MAX_TIME') return new CurlError(28, `Operation timed out after ${ms} milliseconds with ${received} bytes received`);
  if (code.startsWith('ERR_TLS') || code.includes('CERT') || code === 'DEPTH_ZERO_SELF_SIGNED_CERT') {
    return new CurlError(60, `SSL certificate problem: ${err.message}`);
  }
  if (code === 'ECONNRESET' && !connected) return new CurlError(7, `Failed to connect to ${host} port ${defaultPort(req.url)} after ${ms} ms: Connection reset by peer`);
  if (code === 'ECONNRESET' && received === 0 && err.message === 'socket hang up') return new CurlError(52, 'Empty reply from server');
  if (code === 'ECONNRESET') return new CurlError(56, 'Recv failure: Connection reset by peer');
  return new CurlError(56, `Recv failure: ${err.message}`);
}

function timeoutError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(code), { code });
}

/** Resolves the host, then sends the request to the address it resolved to. */
export async function transfer(req: TransferRequest): Promise<TransferResponse> {
  const { url } = req;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CurlError(1, `Protocol "${url.protocol.slice(0, -1)}" not supported`);
  }
  let ip: string;
  try {
    ip = await resolveHost(url.hostname, req.env);
  } catch (err) {
    if (err instanceof HostNotFoundError) throw new CurlError(6, err.message);
    throw err;
  }
  return send(req, ip, defaultPort(url));
}

function openRequest(req: TransferRequest, ip: string, port: number): ClientRequest {
  const { url } = req;
  const https = url.protocol === 'https:';
  const headers: Record<string, string> = {};
  for (const [k, v] of req.headers) headers[k] = v;
  return (https ? httpsRequest : httpRequest)({
    host: ip, port, method: req.method, path: `${url.pathname}${url.search}`, headers, setHost: false, agent: false,
    servername: https && !/^[\d.:]+$/.test(url.hostname) ? url.hostname : undefined,
    rejectUnauthorized: !req.insecure,
  });
}

/** Arms the connect and total timeouts; returns the function that disarms them. */
function armTimeouts(cr: ClientRequest, req: TransferRequest, connected: () => boolean): () => void {
  const timers: NodeJS.Timeout[] = [];
  if (req.connectTimeoutMs !== undefined) {
    timers.push(setTimeout(() => !connected() && cr.destroy(timeoutError('KUBELAB_CONNECT_TIMEOUT')), req.connectTimeoutMs));
  }
  if (req.maxTimeMs !== undefined) timers.push(setTimeout(() => cr.destroy(timeoutError('KUBELAB_MAX_TIME')), req.maxTimeMs));
  return () => timers.forEach(clearTimeout);
}

function send(req: TransferRequest, ip: string, port: number): Promise<TransferResponse> {
  const startedAt = Date.now();
  return new Promise<TransferResponse>((resolve, reject) => {
    let connected = false;
    let received = 0;
    const cr = openRequest(req, ip, port);
    const disarm = armTimeouts(cr, req, () => connected);
    const fail = (err: NodeJS.ErrnoException): void => {
      disarm();
      reject(failure(err, req, startedAt, connected, received));
    };
    cr.on('socket', (sock) => sock.once('connect', () => ((connected = true), req.onConnect?.(ip, port))));
    cr.on('error', fail);
    cr.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => ((received += c.length), chunks.push(c)));
      res.on('error', fail);
      res.on('end', () => {
        disarm();
        resolve({
          httpVersion: res.httpVersion, statusCode: res.statusCode ?? 0, statusMessage: res.statusMessage ?? '',
          rawHeaders: res.rawHeaders, body: Buffer.concat(chunks), remoteIp: ip, remotePort: port, location: res.headers.location,
        });
      });
    });
    cr.end(req.body);
  });
}
