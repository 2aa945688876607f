/**
 * The pod start-up benchmark (issue 3): `kubelab up --nodes 2 --profile fast` in a fresh directory,
 * then for each pod count (default 1, 10, 100) one kubelab round (pod-round.ts: create → Ready seen
 * through a watch, RSS of the container shims and of each kubelet) followed by the physical baseline
 * with as many bare processes (bare-spawn.ts: spawn → first HTTP 200, their RSS); tables on stdout,
 * progress on stderr, and `kubelab down` at the end, also on SIGINT/SIGTERM.
 *
 *   node dist/bench/pod-startup/main.js [--pods 1,10,100] [--nodes 2] [--single-repeats 20]
 *                                       [--timeout-seconds 120] [--cold] [--json]
 *
 * A count of 1 is run --single-repeats times in a row (pod, then bare process), merged into one row,
 * so that "single-pod p99" is a percentile of many pods and not one sample.
 *
 * Before measuring, one pod per node (bound by spec.nodeName) pulls the image, so the measured pods
 * find it present ("already present on machine", as a node with a warm cache): the fast profile's
 * simulated pull (50 ms per pull, kubelet --image-pull-delay-ms, not settable through `kubelab up`)
 * is then not part of the numbers. `--cold` skips that warm-up and keeps it in.
 */
import { Command, InvalidArgumentError } from 'commander';
import { cpus, loadavg } from 'node:os';
import { startBenchCluster, type BenchCluster } from '../apiserver/cluster.js';
import { httpsEndpoint, type HttpsEndpoint } from '../apiserver/https-client.js';
import { runBareRound } from './bare-spawn.js';
import { kubeletPids, rssKb } from './proc-memory.js';
import { createNamespace, deletePods, runPodRound } from './pod-round.js';
import { compareRound, mergeRepeats, type RoundSide } from './startup-math.js';
import { renderStartup, type StartupReport } from './startup-render.js';

interface Options {
  pods: number[];
  nodes: number;
  timeoutSeconds: number;
  singleRepeats: number;
  cold: boolean;
  json: boolean;
}

function counts(s: string): number[] {
  const xs = s.split(',').map((x) => Number.parseInt(x, 10));
  if (!xs.length || xs.some((x) => !(x > 0))) throw new InvalidArgumentError('a comma-separated list of positive pod counts');
  return xs;
}
function positive(s: string): number {
  const n = Number.parseInt(s, 10);
  if (!(n > 0)) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

function parseOptions(argv: string[]): Options {
  return new Command('bench-pod-startup')
    .description('time pods from create to Ready against bare process spawns, with their memory')
    .option('--pods <counts>', 'pod counts, one round each', counts, [1, 10, 100])
    .option('--nodes <n>', 'nodes (kubelets) of the cluster', positive, 2)
    .option('--timeout-seconds <s>', 'how long one round may take to get Ready', positive, 120)
    .option('--single-repeats <n>', 'rounds of 1 pod (one after the other), so the single-pod p99 has samples', positive, 20)
    .option('--cold', 'skip the image warm-up: every node pays one simulated pull in the first round', false)
    .option('--json', 'print the report as JSON', false)
    .parse(argv)
    .opts<Options>();
}

const t0 = Date.now();
const progress = (msg: string) => process.stderr.write(`[bench +${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}\n`);
const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

async function warmUp(ep: HttpsEndpoint, dir: string, nodes: number, timeoutMs: number): Promise<void> {
  await createNamespace(ep, 'bench-warmup');
  const pods = Array.from({ length: nodes }, (_, i) => `warm-node-${i + 1}`);
  await runPodRound(ep, 'bench-warmup', pods, dir, timeoutMs, (name) => `node-${name.slice('warm-node-'.length)}`);
  await deletePods(ep, 'bench-warmup', pods, timeoutMs);
}

async function measure(cluster: BenchCluster, o: Options, report: StartupReport): Promise<void> {
  const ep = httpsEndpoint({ server: cluster.server, ca: cluster.ca, token: cluster.token, maxSockets: 16 });
  const timeoutMs = o.timeoutSeconds * 1000;
  if (!o.cold) {
    progress('warm-up: one pod per node pulls the image');
    await warmUp(ep, cluster.dir, o.nodes, timeoutMs);
  }
  for (const n of o.pods) {
    const repeats = n === 1 ? o.singleRepeats : 1;
    const ns = `bench-startup-${n}`;
    await createNamespace(ep, ns);
    progress(`kubelab: ${n} pods${repeats > 1 ? `, ${repeats} times` : ''}, then as many bare processes`);
    const kubelab: RoundSide[] = [];
    const bare: RoundSide[] = [];
    for (let r = 0; r < repeats; r++) {
      const pods = names(`hello-${r}`, n);
      kubelab.push(await runPodRound(ep, ns, pods, cluster.dir, timeoutMs));
      for (const [name, pid] of Object.entries(kubeletPids(cluster.dir))) (report.kubeletRssKb[name] ??= {})[n] = rssKb(pid);
      await deletePods(ep, ns, pods, timeoutMs);
      const b = await runBareRound(n, timeoutMs);
      await b.stop();
      bare.push(b);
    }
    const round = compareRound(n, mergeRepeats(kubelab), mergeRepeats(bare), repeats);
    report.rounds.push(round);
    progress(`n=${n}: kubelab all Ready ${round.kubelabAllMs.toFixed(0)} ms, bare ${round.bareAllMs.toFixed(0)} ms`);
  }
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv);
  const load = (when: string) => `load average ${when}: ${loadavg().map((x) => x.toFixed(2)).join(' ')} on ${cpus().length} CPUs`;
  const report: StartupReport = { rounds: [], kubeletRssKb: {}, notes: [load('before')] };
  progress(`kubelab up --nodes ${o.nodes} --profile fast`);
  const cluster = await startBenchCluster([], { without: [], nodes: o.nodes });
  const onSignal = () => void cluster.stop().finally(() => process.exit(130));
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  try {
    await measure(cluster, o, report);
  } finally {
    report.notes.push(load('after'));
    if (o.cold) report.notes.push('cold: the first round includes one simulated image pull (fast profile: 50 ms) per node');
    else report.notes.push('warm image cache: one pod per node pulled the image before measuring (the fast profile\'s 50 ms pull is not in the numbers)');
    progress('kubelab down');
    await cluster.stop();
  }
  process.stdout.write(o.json ? `${JSON.stringify(report, null, 2)}\n` : renderStartup(report));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
