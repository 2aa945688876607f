/**
 * A stand-in for dist/apiserver/main.js, for checking the launcher without the real apiserver:
 * `kubelab up --entry apiserver=dist/test/harness/stand-in-apiserver.js`. Never part of the component
 * table. It accepts exactly the real apiserver's flags, and proves the generated credentials work:
 * it logs in to Redis as the apiserver user and writes a `kubelab:` key, logs in to NATS, and only
 * then answers GET /readyz with 200. Other paths need the bearer token from --token-auth-file
 * (401 otherwise) and answer 404 with a Status. Like the real one, it serves HTTPS on --port when given
 * both --tls-cert-file and --tls-private-key-file, and plain HTTP with neither (one alone is an error).
 * SIGTERM closes everything and exits 0.
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { parseArgs } from 'node:util';
import { connect } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import { parseTokensCsv } from '../../cli/credentials.js';
import type { ComponentCredentials } from '../../cli/credentials.js';

const flags = ['bind-address', 'port', 'credentials', 'token-auth-file', 'service-cluster-ip-range', 'server-id', 'profile', 'log-format'] as const;
const tlsFlags = ['tls-cert-file', 'tls-private-key-file'] as const;
const { values } = parseArgs({ options: Object.fromEntries([...flags, ...tlsFlags].map((f) => [f, { type: 'string' }])), strict: true });
const v = values as Partial<Record<(typeof flags)[number] | (typeof tlsFlags)[number], string>>;
const usage = (problem: string) => {
  process.stderr.write(`stand-in-apiserver: ${problem}\n`);
  process.exit(2);
};
for (const f of flags) if (!v[f]) usage(`missing --${f}`);
if (!v['tls-cert-file'] !== !v['tls-private-key-file']) usage('--tls-cert-file and --tls-private-key-file go together');

const log = (message: string, meta: Record<string, unknown> = {}) =>
  process.stdout.write(JSON.stringify({ level: 'info', message, component: v['server-id'], timestamp: new Date().toISOString(), ...meta }) + '\n');

const creds = JSON.parse(readFileSync(v.credentials!, 'utf8')) as ComponentCredentials;
const tokens = new Set(parseTokensCsv(readFileSync(v['token-auth-file']!, 'utf8')).map((t) => t.token));
let ready = false;

const redisURL = new URL(creds.redis!.url);
const redis = new Redis({ host: redisURL.hostname, port: Number(redisURL.port), username: creds.redis!.user, password: creds.redis!.pass });
redis.on('error', (err: Error) => log('redis error', { error: err.message }));
const nats = await connect({ servers: creds.nats.url.replace(/^nats:\/\//, ''), user: creds.nats.user, pass: creds.nats.pass });
await redis.set(`kubelab:stand-in:${v['server-id']}`, new Date().toISOString());
ready = true;

const handler: RequestListener = (req, res) => {
  const send = (code: number, body: unknown) => {
    res.writeHead(code, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (req.url === '/readyz') return ready ? (res.writeHead(200), res.end('ok')) : (res.writeHead(503), res.end('not ready'));
  if (req.url?.startsWith('/version')) return send(200, { major: '1', minor: '32', gitVersion: 'v1.32.0-kubelab-stand-in' });
  const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (!token || !tokens.has(token)) return send(401, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Unauthorized', code: 401, message: 'Unauthorized' });
  send(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: 'the server could not find the requested resource' });
};
const tls = v['tls-cert-file'] ? { cert: readFileSync(v['tls-cert-file']), key: readFileSync(v['tls-private-key-file']!) } : undefined;
const server = tls ? createHttpsServer(tls, handler) : createHttpServer(handler);
server.listen(Number(v.port), v['bind-address'], () => log('listening', { address: `${tls ? 'https' : 'http'}://${v['bind-address']}:${v.port}` }));

process.on('SIGTERM', () => {
  log('shutting down');
  server.close();
  redis.disconnect();
  void nats.close().then(() => process.exit(0));
});
