/**
 * The raw round trips everything else is compared with, measured in the same run on the same servers:
 *
 *   redis PING   ioredis → redis-server → back (the default user, from secrets.json)
 *   redis HSET   one ConfigMap-sized value into a bench-owned hash: with `appendfsync always` every
 *                write waits for an fsync, which is the storage floor of every kubelab write
 *   nats echo    request/reply with a ConfigMap-sized payload to the floor process
 *   https echo   POST of that payload to the floor process over a keep-alive TLS connection
 */
import type { Redis } from 'ioredis';
import { closedLoop } from './load.js';
import type { Meter, Phase } from './meter.js';
import type { FloorHttpsTarget, FloorNatsTarget } from './floor-targets.js';
import { benchConfigMap } from './target.js';

export interface BaselineOptions {
  concurrency: number;
  /** Unmeasured round trips of each kind first (the floor process is fresh: V8 has optimised nothing). */
  warmup: number;
  seconds: number;
  payloadBytes: number;
}

const RAW_KEY = 'kubelab-bench:raw';

export async function runBaselines(
  deps: { redis: Redis; floorHttps: FloorHttpsTarget; floorNats: FloorNatsTarget; meter: Meter }, opts: BaselineOptions,
): Promise<Phase[]> {
  const { redis, floorHttps, floorNats, meter } = deps;
  const payload = JSON.stringify(benchConfigMap({ name: 'raw', seq: 0, door: 'raw', payloadBytes: opts.payloadBytes }));
  const loop = { concurrency: opts.concurrency, durationMs: opts.seconds * 1000 };
  // Unmeasured: open every pooled connection (TLS handshakes) and warm up both processes first.
  const warm = { concurrency: opts.concurrency, count: opts.warmup };
  await closedLoop(warm, () => redis.ping());
  await closedLoop(warm, () => floorNats.echo(payload));
  await closedLoop(warm, () => floorHttps.echo(payload));
  const phases = [
    await meter.measure('redis', 'PING', () => closedLoop(loop, () => redis.ping())),
    await meter.measure('redis', 'HSET', () => closedLoop(loop, (i) => redis.hset(RAW_KEY, `f${i % 1000}`, payload))),
    await meter.measure('nats', 'echo', () => closedLoop(loop, () => floorNats.echo(payload))),
    await meter.measure('https', 'echo', () => closedLoop(loop, () => floorHttps.echo(payload))),
  ];
  await redis.del(RAW_KEY);
  return phases;
}
