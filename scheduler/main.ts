/**
 * kube-scheduler for kubelab: `node dist/scheduler/main.js --credentials DIR/credentials/scheduler.json --profile fast`
 *
 * The only place the scheduler reads flags (named as kube-scheduler's where one exists), connects to NATS
 * and handles signals. Everything below gets its dependencies handed in (scheduler.ts).
 *
 * With --leader-elect (the default), replicas campaign for the Lease kube-system/kube-scheduler; only the
 * holder schedules, the others keep their caches warm and take over within the lease duration when the
 * leader dies. SIGTERM/SIGINT: release the lease (a standby takes over at once), stop the informers,
 * close NATS, exit 0.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Command } from 'commander';
import { ApiClient } from '../lib/client/api-client.js';
import { LeaderElector } from '../lib/client/leader-election.js';
import { NatsTransport } from '../lib/client/nats-transport.js';
import { createLogger, type Logger } from '../lib/log.js';
import { connectNats, readCredentials } from '../lib/nats/connection.js';
import { params, type Profile } from '../lib/params.js';
import { parseGoDuration } from './go-duration.js';
import { Scheduler } from './scheduler.js';

interface Flags {
  credentials: string;
  profile: Profile;
  id: string;
  natsPrefix: string;
  logFormat?: 'json' | 'pretty';
  logLevel: string;
  leaderElect: boolean;
  lease: { namespace: string; name: string; leaseDurationSeconds: number; renewDeadlineMs: number; retryPeriodMs: number };
}

function parseFlags(argv: string[]): Readonly<Flags> {
  const cmd = new Command('kube-scheduler')
    .requiredOption('--credentials <file>', "this component's NATS credentials (JSON)")
    .option('--profile <profile>', 'default (real Kubernetes timings) or fast', 'default')
    .option('--id <identity>', 'this replica\'s identity in the lease and in events (default: hostname_uuid)')
    .option('--nats-prefix <prefix>', 'prefix of every NATS subject', 'kubelab')
    .option('--log-format <format>', 'json or pretty')
    .option('--log-level <level>', 'error, warn, info or debug', 'info')
    .option('--leader-elect [bool]', 'campaign for the lease before scheduling', 'true')
    .option('--leader-elect-lease-duration <duration>', 'e.g. 15s (default: from the profile)')
    .option('--leader-elect-renew-deadline <duration>', 'e.g. 10s (default: from the profile)')
    .option('--leader-elect-retry-period <duration>', 'e.g. 2s (default: from the profile)')
    .option('--leader-elect-resource-namespace <ns>', 'namespace of the lease', 'kube-system')
    .option('--leader-elect-resource-name <name>', 'name of the lease', 'kube-scheduler')
    .exitOverride();
  cmd.parse(argv, { from: 'user' });
  const o = cmd.opts();
  const profile: Profile = o.profile === 'fast' ? 'fast' : 'default';
  const p = params(profile);
  const ms = (flag: string | undefined, fallback: number) => (flag === undefined ? fallback : parseGoDuration(flag));
  return Object.freeze({
    credentials: o.credentials, profile, id: o.id ?? `${hostname()}_${randomUUID()}`, natsPrefix: o.natsPrefix,
    logFormat: o.logFormat, logLevel: o.logLevel, leaderElect: String(o.leaderElect) !== 'false',
    lease: {
      namespace: o.leaderElectResourceNamespace, name: o.leaderElectResourceName,
      leaseDurationSeconds: ms(o.leaderElectLeaseDuration, p.schedulerLeaseDurationSeconds * 1000) / 1000,
      renewDeadlineMs: ms(o.leaderElectRenewDeadline, p.schedulerRenewDeadlineMs),
      retryPeriodMs: ms(o.leaderElectRetryPeriod, p.schedulerRetryPeriodMs),
    },
  });
}

/** Runs the loop whenever this replica leads; returns the function that stops campaigning. */
function campaign(flags: Flags, api: ApiClient, scheduler: Scheduler, log: Logger): { elector?: LeaderElector; stop(): Promise<void> } {
  let loop: Promise<void> = Promise.resolve();
  const runWhile = (signal: AbortSignal) => {
    const previous = loop;
    loop = (async () => {
      // A loop from an earlier leadership may still be finishing its last pod: never run two at once.
      await previous;
      if (await scheduler.waitForSync()) if (!signal.aborted) await scheduler.run(signal);
    })();
  };
  if (!flags.leaderElect) {
    const ac = new AbortController();
    runWhile(ac.signal);
    return { stop: async () => { ac.abort(); await loop; } };
  }
  const elector = new LeaderElector({
    client: api, namespace: flags.lease.namespace, name: flags.lease.name, identity: flags.id, log,
    leaseDurationSeconds: flags.lease.leaseDurationSeconds, renewDeadlineMs: flags.lease.renewDeadlineMs, retryPeriodMs: flags.lease.retryPeriodMs,
    callbacks: { onStartedLeading: runWhile, onStoppedLeading: () => log.info('standing by') },
  });
  elector.start();
  return { elector, stop: async () => { await elector.stop(); await loop; } };
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const log = createLogger({ component: 'scheduler', format: flags.logFormat, level: flags.logLevel });
  const creds = await readCredentials(flags.credentials);
  const nc = await connectNats({ ...creds, name: `scheduler/${flags.id}`, log });
  const transport = new NatsTransport(nc, { log });
  const api = new ApiClient({ transport, user: creds.user, subjectPrefix: flags.natsPrefix, log });
  const p = params(flags.profile);
  let elector: LeaderElector | undefined;
  const scheduler = new Scheduler({
    api, identity: flags.id, log,
    params: { podInitialBackoffMs: p.schedulerPodInitialBackoffMs, podMaxBackoffMs: p.schedulerPodMaxBackoffMs, heartbeatMs: p.schedulerHeartbeatMs },
    publish: (kind, record) => transport.publish(api.subjects.observe(kind, 'scheduler'), record),
    leader: () => (elector ? elector.getLeader() : flags.id),
  });
  scheduler.start();
  const election = campaign(flags, api, scheduler, log);
  elector = election.elector;
  log.info('started', { id: flags.id, profile: flags.profile, leaderElect: flags.leaderElect });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { signal });
    await election.stop();
    await scheduler.stop();
    await nc.drain().catch(() => undefined);
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  console.error(JSON.stringify({ level: 'error', component: 'scheduler', message: 'failed to start', error: String(err?.stack ?? err) }));
  process.exit(1);
});
