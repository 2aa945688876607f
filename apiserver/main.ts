/**
 * kube-apiserver for kubelab. The only process that reads or writes cluster state in Redis; serves the
 * Kubernetes REST API over HTTP (kubectl, client libraries) and the same API over NATS (components).
 *
 * This file is the only place the apiserver reads its flags, connects to Redis and NATS and installs
 * signal handlers; everything below gets its dependencies handed in.
 */
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createLogger } from '../lib/log.js';
import { parseCidr, ipAt } from '../lib/net/cidr.js';
import { subjects } from '../lib/nats/subjects.js';
import { createAdmission } from './admission/index.js';
import { parsePortRange, ServiceAllocator } from './admission/service-allocation.js';
import { bootstrap, withdraw, type BootstrapConfig } from './bootstrap/bootstrap.js';
import { parseConfig } from './config.js';
import { buildInfoOf, versionInfo } from './discovery/index.js';
import { readTokenFile } from './http/auth.js';
import { discoveryRoutes } from './http/discovery-routes.js';
import { createApp, upgradeListener } from './http/server.js';
import { NatsDoor } from './nats/nats-door.js';
import { Registry } from './registry/registry.js';
import { startEventSweeper } from './maintenance/event-ttl.js';
import { EventFeed } from './storage/event-feed.js';
import { createStreaming, natsNodeStreamClient } from './streaming/index.js';
import { findResource } from '../lib/api/resources.js';
import { storeKeys } from './storage/keys.js';
import { RedisStore } from './storage/redis-store.js';
import { WatchHub } from './watch/watch-hub.js';

async function main(): Promise<void> {
  const cfg = parseConfig(process.argv.slice(2));
  const log = createLogger({ component: 'apiserver', format: cfg.logFormat, level: cfg.logLevel });
  const redisOpts = { username: cfg.credentials.redis?.user, password: cfg.credentials.redis?.pass };
  // A write whose reply was lost when Redis died may or may not have been applied: never send it again
  // on reconnect (it could apply twice); the caller gets an error and decides, as with etcd.
  const redis = new Redis(cfg.credentials.redis?.url ?? 'redis://127.0.0.1:6379', { ...redisOpts, autoResendUnfulfilledCommands: false });
  const feedRedis = new Redis(cfg.credentials.redis?.url ?? 'redis://127.0.0.1:6379', redisOpts);
  redis.on('error', (err) => log.warn('redis connection error', { error: String(err) }));
  feedRedis.on('error', () => undefined); // reported once through `redis` above
  const nc: NatsConnection = await connect({
    servers: cfg.credentials.nats.url, user: cfg.credentials.nats.user, pass: cfg.credentials.nats.pass,
    name: `apiserver/${cfg.serverId}`, maxReconnectAttempts: -1, reconnectTimeWait: 250,
  });

  const keys = storeKeys(cfg.redisPrefix);
  const store = new RedisStore(redis, keys, { historyLength: cfg.params.watchHistoryLength });
  const feed = new EventFeed(feedRedis, keys, cfg.params.watchHistoryLength, log.child({ part: 'watch-history' }));
  await feed.start();
  const hub = new WatchHub(feed, store);
  const serviceCidr = parseCidr(cfg.serviceClusterIpRange);
  const allocator = new ServiceAllocator(redis, keys, serviceCidr, parsePortRange(cfg.serviceNodePortRange));
  const registry = new Registry({
    store, hub, admission: createAdmission(store, allocator),
    now: () => new Date(), uid: randomUUID, random: Math.random, log,
  });

  const boot: BootstrapConfig = {
    serverId: cfg.serverId, advertiseAddress: cfg.advertiseAddress, port: cfg.port,
    kubernetesServiceIp: ipAt(serviceCidr, 1), commandLine: cfg.commandLine,
    image: 'kubelab/apiserver:0.1.0', startedAt: new Date(), pid: process.pid,
  };
  await bootstrap(registry, boot);
  const stopEventSweeper = startEventSweeper(registry, {
    ttlSeconds: cfg.params.eventTtlSeconds, intervalMs: Math.min(60_000, cfg.params.eventTtlSeconds * 100), log: log.child({ part: 'event-ttl' }),
  });

  const door = new NatsDoor(nc, subjects(cfg.natsPrefix), registry,
    { serverId: cfg.serverId, heartbeatMs: cfg.params.natsWatchHeartbeatMs, keepaliveMs: cfg.params.natsWatchKeepaliveMs }, log.child({ part: 'nats' }));
  door.start();

  const tokens = readTokenFile(cfg.tokenAuthFile);
  const podsInfo = findResource('', 'v1', 'pods')!;
  const streaming = createStreaming({
    getPod: (namespace, name) => registry.getObject(podsInfo, namespace, name),
    nodes: natsNodeStreamClient(nc, subjects(cfg.natsPrefix)),
    log: log.child({ part: 'streaming' }),
    now: () => new Date(),
  });
  const app = createApp({
    registry, log, tokens, version: versionInfo(buildInfoOf(process, new Date())),
    ready: async () => (await redis.ping()) === 'PONG' && !nc.isClosed(),
    discovery: discoveryRoutes(`${cfg.advertiseAddress}:${cfg.port}`),
    streams: streaming.streams,
    watch: {
      bookmarkIntervalMs: cfg.params.watchBookmarkIntervalMs,
      minRequestTimeoutSeconds: cfg.params.minRequestTimeoutSeconds,
      latestResourceVersion: () => registry.latestResourceVersion(),
    },
  });
  const tls = cfg.tlsCertFile && cfg.tlsPrivateKeyFile
    ? { cert: readFileSync(cfg.tlsCertFile), key: readFileSync(cfg.tlsPrivateKeyFile) }
    : undefined;
  const server: Server = tls ? createHttpsServer(tls, app) : createHttpServer(app);
  server.on('upgrade', upgradeListener({ tokens, route: streaming.upgrade }));
  await new Promise<void>((resolve) => server.listen(cfg.port, cfg.bindAddress, resolve));
  log.info('serving', { address: `${tls ? 'https' : 'http'}://${cfg.bindAddress}:${cfg.port}`, serverId: cfg.serverId, profile: cfg.profile });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { signal });
    stopEventSweeper();
    server.close();
    server.closeAllConnections();
    await withdraw(registry, boot).catch((err) => log.warn('could not withdraw from the kubernetes Endpoints', { error: String(err) }));
    door.stop();
    await nc.drain().catch(() => undefined);
    await feed.stop();
    redis.disconnect();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  console.error(JSON.stringify({ level: 'error', component: 'apiserver', message: 'failed to start', error: String(err?.stack ?? err) }));
  process.exit(1);
});
