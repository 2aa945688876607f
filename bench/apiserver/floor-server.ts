/**
 * The floor: a separate process that answers the benchmark's calls with nothing but the one Redis
 * command each needs, over the same two transports as the apiserver (HTTPS with the apiserver's own
 * certificate, and NATS request/reply). Dividing a kubelab number by the floor's number for the same
 * call gives the cost of the apiserver itself: express, decoding, defaulting, validation, the Lua write,
 * JSON, logging. The same trips (client → transport → another process → Redis → back) are in both.
 *
 *   node dist/bench/apiserver/floor-server.js <cluster-dir>     → prints {"https":"https://127.0.0.1:PORT"}
 *
 *   HTTPS  POST|PUT /floor/<ns>/<name>  HSET, echoes the body     GET /floor/<ns>/<name>  HGET (404 if absent)
 *          GET /floor/<ns>              HGETALL as {"items":[...]} DELETE /floor/<ns>/<name>  HDEL
 *          POST /echo                   the body back, no Redis
 *   NATS   kubelab-bench.floor.<verb>.<ns>.<name> (verb: put|get|list|delete; list has no name), payload as above
 *          kubelab-bench.echo           the payload back
 *
 * Keys: hash `kubelab-bench:floor:<ns>`, outside the apiserver's `kubelab:` prefix. The process ends on
 * SIGTERM or when its parent closes its stdin, so it never outlives the benchmark.
 */
import { connect, type Msg, type NatsConnection } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { natsCredentials, redisAccess, servingCertificate } from './cluster-access.js';
import { ECHO_SUBJECT, FLOOR_SUBJECT, floorKey } from './floor-targets.js';

type Answer = { status: number; body: string };

/** One floor call, whichever transport it came by. */
async function floorCall(redis: Redis, verb: string, ns: string, name: string | undefined, body: string): Promise<Answer> {
  if (verb === 'list') {
    const values = await redis.hvals(floorKey(ns));
    return { status: 200, body: `{"items":[${values.join(',')}]}` };
  }
  if (!name) return { status: 404, body: '' };
  if (verb === 'put') {
    await redis.hset(floorKey(ns), name, body);
    return { status: 200, body };
  }
  if (verb === 'get') {
    const value = await redis.hget(floorKey(ns), name);
    return value === null ? { status: 404, body: '' } : { status: 200, body: value };
  }
  if (verb === 'delete') {
    await redis.hdel(floorKey(ns), name);
    return { status: 200, body: '{}' };
  }
  return { status: 404, body: '' };
}

const HTTP_VERBS: Record<string, string> = { POST: 'put', PUT: 'put', GET: 'get', DELETE: 'delete' };

function serveHttps(redis: Redis, tls: { cert: string; key: string }): Server {
  return createServer(tls, (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const [, root, ns, name] = (req.url ?? '').split('/');
      const answer: Promise<Answer> = root === 'echo'
        ? Promise.resolve({ status: 200, body })
        : floorCall(redis, name === undefined && req.method === 'GET' ? 'list' : HTTP_VERBS[req.method ?? ''] ?? '', ns ?? '', name, body);
      answer.then(
        (a) => res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body),
        (err) => res.writeHead(500).end(String(err)),
      );
    });
  });
}

function serveNats(nc: NatsConnection, redis: Redis): void {
  nc.subscribe(ECHO_SUBJECT, { callback: (err, msg) => { if (!err) msg.respond(msg.data); } });
  nc.subscribe(`${FLOOR_SUBJECT}.>`, {
    callback: (err, msg: Msg) => {
      if (err) return;
      const [verb, ns, name] = msg.subject.slice(FLOOR_SUBJECT.length + 1).split('.');
      floorCall(redis, verb ?? '', ns ?? '', name, msg.string()).then(
        (a) => msg.respond(a.status === 200 ? a.body : ''),
        () => msg.respond(''),
      );
    },
  });
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: floor-server.js <cluster-dir>');
  const access = redisAccess(dir);
  const redis = new Redis(access.url, { password: access.password });
  const creds = natsCredentials(dir, 'observer');
  const nc = await connect({ servers: creds.url, user: creds.user, pass: creds.pass, name: 'bench-floor' });
  serveNats(nc, redis);
  const server = serveHttps(redis, servingCertificate(dir));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await nc.flush(); // the subscriptions are registered with the server before we say we are ready
  process.stdout.write(JSON.stringify({ https: `https://127.0.0.1:${port}` }) + '\n');
  const stop = () => {
    server.close();
    server.closeAllConnections();
    void nc.close();
    redis.disconnect();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.stdin.on('end', stop); // the parent died or closed the pipe
  process.stdin.resume();
}

main().catch((err) => {
  process.stderr.write(`floor server failed: ${err?.stack ?? err}\n`);
  process.exit(1);
});
