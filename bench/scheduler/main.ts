/**
 * The scheduler benchmark (issue 3): pods bound per second. `kubelab up --without kubelets --profile
 * fast` in a fresh directory, M hand-made Ready Nodes (sched-objects.ts; no kubelet renews them, so
 * nothing but the scheduler acts on the pods), one warm-up pod to know the scheduler sees the nodes,
 * then N pods with small requests created through the REST API; a pod watch notes when each gets its
 * spec.nodeName. Bound per second = N ÷ (last binding seen − first create sent). `kubelab down` at the
 * end, also on SIGINT/SIGTERM.
 *
 *   node dist/bench/scheduler/main.js [--pods 500] [--nodes 10] [--concurrency 16] [--json]
 */
import { Command, InvalidArgumentError } from 'commander';
import { cpus, loadavg } from 'node:os';
import { startBenchCluster, type BenchCluster } from '../apiserver/cluster.js';
import { expectJson, httpsEndpoint, httpsRequest, openWatchStream, type HttpsEndpoint } from '../apiserver/https-client.js';
import { componentPids } from '../apiserver/cluster-access.js';
import { cpuSince, cpuSnapshot } from '../apiserver/cpu.js';
import { fmtMs, table } from '../apiserver/render-text.js';
import { nsToMs, summarize, type Summary } from '../apiserver/stats.js';
import { createNamespace } from '../pod-startup/pod-round.js';
import { benchPod, boundNode, fakeNode, spread, throughput } from './sched-objects.js';

interface Options {
  pods: number;
  nodes: number;
  concurrency: number;
  timeoutSeconds: number;
  json: boolean;
}

interface SchedulerResult {
  pods: number;
  nodes: number;
  bound: number;
  createsPerSec: number;
  boundPerSec: number;
  createToBound: Summary;
  spread: [string, number][];
  notes: string[];
}

function positive(s: string): number {
  const n = Number.parseInt(s, 10);
  if (!(n > 0)) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

function parseOptions(argv: string[]): Options {
  return new Command('bench-scheduler')
    .description('pods bound per second by the kubelab scheduler against hand-made Ready nodes')
    .option('--pods <n>', 'pods to create and have bound', positive, 500)
    .option('--nodes <n>', 'hand-made Ready nodes', positive, 10)
    .option('--concurrency <n>', 'creates in flight', positive, 16)
    .option('--timeout-seconds <s>', 'how long the pods may take to be bound', positive, 120)
    .option('--json', 'print the result as JSON', false)
    .parse(argv)
    .opts<Options>();
}

const t0 = Date.now();
const progress = (msg: string) => process.stderr.write(`[bench +${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}\n`);
const NS = 'bench-scheduler';

async function createNodes(ep: HttpsEndpoint, m: number, podsPerNode: number): Promise<void> {
  for (let i = 1; i <= m; i++) {
    const node = fakeNode(`bench-node-${i}`, { cpu: '64', memory: '256Gi', pods: podsPerNode });
    const made = await expectJson<{ status?: { conditions?: unknown[] } }>(httpsRequest(ep, 'POST', '/api/v1/nodes', JSON.stringify(node)), 201);
    // Should create drop the status (as it does for most kinds), set it as a kubelet would: nodes/status.
    if (!made.status?.conditions?.length) {
      await expectJson(httpsRequest(ep, 'PUT', `/api/v1/nodes/bench-node-${i}/status`, JSON.stringify({ ...made, status: (node as { status: object }).status })), 200);
    }
  }
}

/** Creates the pods and resolves with each pod's send time and binding time (ns), and the node it got. */
async function bindAll(ep: HttpsEndpoint, names: string[], timeoutMs: number) {
  const sent = new Map<string, bigint>();
  const bound = new Map<string, { at: bigint; node: string }>();
  const wanted = new Set(names); // the namespace may hold earlier pods (the warm-up), seen as ADDED
  let done!: () => void;
  const all = new Promise<void>((r) => (done = r));
  const stream = await openWatchStream(ep, `/api/v1/namespaces/${NS}/pods?watch=1`, (ev, at) => {
    const b = boundNode(ev);
    if (b && wanted.has(b.name) && !bound.has(b.name)) bound.set(b.name, { at, node: b.nodeName });
    if (bound.size >= names.length) done();
  });
  try {
    const first = process.hrtime.bigint();
    await Promise.all(names.map(async (name) => {
      sent.set(name, process.hrtime.bigint());
      await expectJson(httpsRequest(ep, 'POST', `/api/v1/namespaces/${NS}/pods`, JSON.stringify(benchPod(name, { cpu: '10m', memory: '16Mi' }))), 201);
    }));
    const created = process.hrtime.bigint();
    await Promise.race([all, new Promise((r) => setTimeout(r, timeoutMs))]);
    return { first, created, sent, bound };
  } finally {
    stream.close();
  }
}

async function measure(cluster: BenchCluster, o: Options): Promise<SchedulerResult> {
  const ep = httpsEndpoint({ server: cluster.server, ca: cluster.ca, token: cluster.token, maxSockets: o.concurrency });
  await createNamespace(ep, NS);
  progress(`${o.nodes} hand-made Ready nodes`);
  await createNodes(ep, o.nodes, Math.ceil((o.pods + 1) / o.nodes) + 10);
  progress('warm-up pod');
  const warm = await bindAll(ep, ['warm-up'], o.timeoutSeconds * 1000);
  if (!warm.bound.size) throw new Error('the warm-up pod was never bound: does the scheduler see the nodes?');
  progress(`${o.pods} pods`);
  const names = Array.from({ length: o.pods }, (_, i) => `pod-${i}`);
  const pids = componentPids(cluster.dir);
  const cpuBefore = cpuSnapshot(pids);
  const r = await bindAll(ep, names, o.timeoutSeconds * 1000);
  const cpu = cpuSince(cpuBefore, cpuSnapshot(pids));
  const latencies = [...r.bound].map(([name, b]) => nsToMs(r.sent.get(name)!, b.at));
  const last = [...r.bound.values()].reduce((m, b) => (b.at > m ? b.at : m), r.first);
  const firstMs = 0; // spans are measured from the first create
  return {
    pods: o.pods, nodes: o.nodes, bound: r.bound.size,
    createsPerSec: throughput(o.pods, firstMs, nsToMs(r.first, r.created)),
    boundPerSec: r.bound.size === o.pods ? throughput(o.pods, firstMs, nsToMs(r.first, last)) : NaN,
    createToBound: summarize(latencies, { elapsedMs: nsToMs(r.first, last), errors: o.pods - r.bound.size }),
    spread: spread(new Map([...r.bound].map(([name, b]) => [name, b.node]))),
    notes: [`CPU ms during the measured phase: ${Object.entries(cpu).sort().map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`],
  };
}

function render(r: SchedulerResult): string {
  const s = r.createToBound;
  const counts = r.spread.map(([, c]) => c);
  return [
    table(
      ['pods', 'nodes', 'bound', 'creates/s', 'bound/s', 'create→bound p50 ms', 'p99 ms', 'max ms', 'pods per node min–max'],
      [[String(r.pods), String(r.nodes), String(r.bound), r.createsPerSec.toFixed(0), r.boundPerSec.toFixed(0), fmtMs(s.p50), fmtMs(s.p99), fmtMs(s.max), `${Math.min(...counts)}–${Math.max(...counts)}`]],
    ),
    '', ...r.notes, '',
  ].join('\n');
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv);
  const load = (when: string) => `load average ${when}: ${loadavg().map((x) => x.toFixed(2)).join(' ')} on ${cpus().length} CPUs`;
  const before = load('before');
  progress('kubelab up --without kubelets --profile fast');
  const cluster = await startBenchCluster([], { without: ['kubelets'] });
  const onSignal = () => void cluster.stop().finally(() => process.exit(130));
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  let result: SchedulerResult;
  try {
    result = await measure(cluster, o);
    result.notes.push(before, load('after'));
  } finally {
    progress('kubelab down');
    await cluster.stop();
  }
  process.stdout.write(o.json ? `${JSON.stringify(result, null, 2)}\n` : render(result));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
