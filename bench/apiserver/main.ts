/**
 * The apiserver benchmark: starts a real cluster with the project's launcher (`kubelab up --detach`),
 * drives it from this separate process through both doors (REST over HTTPS, the internal API over
 * NATS), compares every number with raw round trips and with a bare responder measured in the same
 * run, prints the result, and downs the cluster (`kubelab down`), leaving nothing running.
 *
 *   npm run bench:apiserver                       # readable tables on stdout, progress on stderr
 *   node dist/bench/apiserver/main.js --json      # the same report as JSON
 *   node dist/bench/apiserver/main.js --help      # durations, rates, sizes
 *
 * This is the only file of the benchmark that reads flags and opens connections; the processes it
 * needs are started by cluster.ts (the cluster) and floor-process.ts (the floor). On SIGINT/SIGTERM it
 * still downs the cluster. Results and how to read them: docs/performance.md.
 */
import { Command, InvalidArgumentError } from 'commander';
import { Redis } from 'ioredis';
import type { NatsConnection } from '@nats-io/transport-node';
import { cpus, loadavg } from 'node:os';
import { ApiClient, NatsTransport } from '../../lib/client/index.js';
import { silentLogger } from '../../lib/log.js';
import { connectNats } from '../../lib/nats/connection.js';
import { runBaselines } from './baselines.js';
import { componentPids, natsCredentials, redisAccess } from './cluster-access.js';
import { startBenchCluster, type BenchCluster } from './cluster.js';
import { startFloor } from './floor-process.js';
import { FloorHttpsTarget, FloorNatsTarget } from './floor-targets.js';
import { expectJson, httpsEndpoint, httpsRequest, type HttpsEndpoint } from './https-client.js';
import { NatsTarget, RestTarget } from './kubelab-targets.js';
import { Meter, type Phase } from './meter.js';
import { renderText } from './render-text.js';
import { buildReport, type WatchMeasurement } from './report.js';
import { runScenario, type ScenarioOptions } from './scenarios.js';
import type { BenchTarget } from './target.js';
import { WatchProbe } from './watch-probe.js';
import { startWatchers, WATCHERS, type Watchers } from './watchers.js';

interface Options extends ScenarioOptions {
  entry: string[];
  floorPacedSeconds: number;
  baselineSeconds: number;
  json: boolean;
}

const positive = (parse: (s: string) => number) => (s: string) => {
  const n = parse(s);
  if (!(n > 0)) throw new InvalidArgumentError('must be a positive number');
  return n;
};
const collect = (value: string, previous: string[]) => [...previous, value];
const int = positive((s) => Number.parseInt(s, 10));
const num = positive(Number);

function parseOptions(argv: string[]): Options {
  return new Command('bench-apiserver')
    .description('benchmark the kubelab apiserver through its REST and NATS doors against raw round trips')
    .option('--concurrency <n>', 'calls in flight in the closed-loop phases', int, 16)
    .option('--warmup <n>', 'unmeasured calls of each kind before measuring each target (raw round trips: 4×)', int, 300)
    .option('--objects <n>', 'ConfigMaps created per door: the size of the listed namespace', int, 500)
    .option('--read-seconds <s>', 'length of the get phase and of the list phase', num, 1.5)
    .option('--rate <n>', 'writes per second of the open-loop phase', num, 200)
    .option('--paced-seconds <s>', 'length of the open-loop phase per kubelab door', num, 10)
    .option('--floor-paced-seconds <s>', 'length of the open-loop phase per floor transport', num, 2)
    .option('--baseline-seconds <s>', 'length of each raw round-trip measurement', num, 1)
    .option('--payload-bytes <n>', 'size of the data payload in each ConfigMap', int, 256)
    .option('--entry <group=path>', 'run a component group from another entry script (kubelab up --entry), e.g. a profiling wrapper', collect, [])
    .option('--json', 'print the report as JSON instead of tables', false)
    .parse(argv)
    .opts<Options>();
}

/** How long to wait after the last paced write for the watchers to see everything still in flight. */
const WATCH_DRAIN_MS = 3000;

const t0 = Date.now();
const progress = (msg: string) => process.stderr.write(`[bench +${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}\n`);

async function createNamespace(rest: HttpsEndpoint, name: string): Promise<void> {
  const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
  await expectJson(httpsRequest(rest, 'POST', '/api/v1/namespaces', JSON.stringify(ns)), 201);
}

/** Everything to close at the end, newest first; each closer runs once even if a signal interrupts. */
class Cleanup {
  private closers: (() => Promise<unknown> | unknown)[] = [];
  add(fn: () => Promise<unknown> | unknown): void {
    this.closers.unshift(fn);
  }
  async run(): Promise<void> {
    for (const fn of this.closers.splice(0)) await Promise.resolve().then(fn).catch((err) => progress(`cleanup: ${err}`));
  }
}

interface Context {
  opts: Options;
  rest: HttpsEndpoint;
  meter: Meter;
  /** An ApiClient for the component user, on a connection of its own. */
  writer: ApiClient;
  watcher: ApiClient;
  floorHttps: FloorHttpsTarget;
  floorNats: FloorNatsTarget;
  redis: Redis;
}

/** Starts the floor and opens every connection the benchmark uses; each is closed by `cleanup`. */
async function connect(opts: Options, cluster: BenchCluster, cleanup: Cleanup): Promise<Context> {
  const floor = await startFloor(cluster.dir);
  cleanup.add(() => floor.stop());
  const access = redisAccess(cluster.dir);
  const redis = new Redis(access.url, { password: access.password });
  redis.on('error', () => undefined); // a lost connection fails the command in flight, which reports it
  cleanup.add(() => redis.quit());
  const nats = async (user: string): Promise<NatsConnection> => {
    const nc = await connectNats({ ...natsCredentials(cluster.dir, user), name: `bench-${user}`, log: silentLogger(), waitOnFirstConnect: false });
    cleanup.add(() => nc.close());
    return nc;
  };
  const client = (nc: NatsConnection, user: string) => new ApiClient({ transport: new NatsTransport(nc, { log: silentLogger() }), user });
  const writerNc = await nats('controller-manager');
  const watcherNc = await nats('scheduler');
  const rest = httpsEndpoint({ server: cluster.server, ca: cluster.ca, token: cluster.token, maxSockets: opts.concurrency });
  const floorEp = httpsEndpoint({ server: floor.https, ca: cluster.ca, maxSockets: opts.concurrency });
  cleanup.add(() => { rest.agent.destroy(); floorEp.agent.destroy(); });
  const pids = componentPids(cluster.dir);
  const meter = new Meter({ apiserver: pids['apiserver-1']!, redis: pids.redis!, nats: pids.nats!, floor: floor.pid }, redis);
  await meter.start();
  return {
    opts, rest, meter, redis,
    writer: client(writerNc, 'controller-manager'), watcher: client(watcherNc, 'scheduler'),
    floorHttps: new FloorHttpsTarget(floorEp), floorNats: new FloorNatsTarget(writerNc),
  };
}

/** The floor over one transport, then the kubelab door over the same one, with its writes watched. */
async function benchDoor(ctx: Context, floor: BenchTarget, target: BenchTarget): Promise<{ phases: Phase[]; watches: WatchMeasurement[] }> {
  const { opts, meter, rest } = ctx;
  const ns = `bench-${target.name}`;
  progress(`${floor.name}: create, get, list, paced writes, delete`);
  const phases = await runScenario(floor, ns, { ...opts, pacedSeconds: opts.floorPacedSeconds }, meter);
  progress(`${target.name}: create, get, list, paced writes (watched), delete`);
  await createNamespace(rest, ns);
  const probe = new WatchProbe();
  let watchers: Watchers | undefined;
  phases.push(...(await runScenario(target, ns, opts, meter, {
    probe,
    beforePaced: async () => { watchers = await startWatchers({ api: ctx.watcher, rest, namespace: ns, probe }); },
    afterPaced: async () => { await watchers?.drain(WATCH_DRAIN_MS); await watchers?.stop(); },
  })));
  return { phases, watches: WATCHERS.map((watcher) => ({ door: target.name, watcher, delays: probe.delays(watcher) })) };
}

async function bench(opts: Options, cluster: BenchCluster, cleanup: Cleanup): Promise<string> {
  const startedAt = new Date().toISOString();
  const loadBefore = loadavg();
  const ctx = await connect(opts, cluster, cleanup);
  progress('raw round trips');
  const baselines = await runBaselines(
    { redis: ctx.redis, floorHttps: ctx.floorHttps, floorNats: ctx.floorNats, meter: ctx.meter },
    { concurrency: opts.concurrency, warmup: 4 * opts.warmup, seconds: opts.baselineSeconds, payloadBytes: opts.payloadBytes },
  );
  const rest = await benchDoor(ctx, ctx.floorHttps, new RestTarget(ctx.rest));
  const nats = await benchDoor(ctx, ctx.floorNats, new NatsTarget(ctx.writer));
  const machine = { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', loadBefore, loadAfter: loadavg() };
  const { json: _json, entry: _entry, ...options } = opts;
  const report = buildReport({
    startedAt, machine, options, baselines, phases: [...rest.phases, ...nats.phases], watches: [...rest.watches, ...nats.watches],
    pacedElapsedMs: opts.pacedSeconds * 1000,
  });
  return opts.json ? JSON.stringify(report, null, 2) : renderText(report);
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv);
  const cleanup = new Cleanup();
  progress('starting a cluster (kubelab up --detach --profile fast)');
  // Signals are handled from here on: a cluster being started is downed once `up` has returned.
  const starting = startBenchCluster(opts.entry);
  let finishing: Promise<void> | undefined;
  const finish = () => (finishing ??= (async () => {
    await cleanup.run();
    const cluster = await starting.catch(() => undefined); // a failed `up` stopped what it started
    progress('stopping the cluster (kubelab down)');
    await cluster?.stop();
  })());
  const onSignal = (signal: NodeJS.Signals) => void finish().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const cluster = await starting;
    if (finishing) return; // a signal came while `up` ran: the cluster is being downed already
    const out = await bench(opts, cluster, cleanup);
    await finish();
    process.stdout.write(out + '\n');
  } catch (err) {
    await finish();
    throw err;
  }
}

main().catch((err) => {
  process.stderr.write(`benchmark failed: ${err?.stack ?? err}\n`);
  process.exit(1);
});
