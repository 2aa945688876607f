/**
 * One kubelab round: in a fresh namespace, open a pod watch, create `n` nginxdemos/hello:plain-text pods
 * through the REST API (as kubectl would, several in flight on a keep-alive pool), and time each pod from
 * just before its POST to the watch event that first shows it Ready. Then the RSS and CPU time of every
 * running container shim are read, with the CPU each cluster component used during the round.
 * `deletePods` removes a round's pods and waits until the watch shows them gone (the kubelet deletes
 * them once their containers stopped), so rounds do not overlap.
 *
 *   const side = await runPodRound(ep, 'bench-10', ['hello-0', ...], clusterDir, 60_000);   // RoundSide
 */
import { expectJson, httpsRequest, openWatchStream, type HttpsEndpoint } from '../apiserver/https-client.js';
import { nsToMs } from '../apiserver/stats.js';
import { componentPids } from '../apiserver/cluster-access.js';
import { cpuSince, cpuSnapshot } from '../apiserver/cpu.js';
import { containerShimPids, processCpuMs, rssKb } from './proc-memory.js';
import { podReadiness, type RoundSide } from './startup-math.js';

export const BENCH_IMAGE = 'nginxdemos/hello:plain-text';

export function benchPod(name: string, nodeName?: string): object {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: 'bench-startup' } },
    spec: {
      ...(nodeName ? { nodeName } : {}),
      terminationGracePeriodSeconds: 1,
      containers: [{ name: 'hello', image: BENCH_IMAGE, imagePullPolicy: 'IfNotPresent', ports: [{ containerPort: 80 }] }],
    },
  };
}

export async function createNamespace(ep: HttpsEndpoint, name: string): Promise<void> {
  const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
  await expectJson(httpsRequest(ep, 'POST', '/api/v1/namespaces', JSON.stringify(ns)), 201);
}

/** Resolves once `done()` holds after an event, or rejects after timeoutMs. */
function until(done: () => boolean, timeoutMs: number, what: string): { check(): void; wait: Promise<void> } {
  let settle!: () => void;
  let fail!: (e: Error) => void;
  const wait = new Promise<void>((res, rej) => ((settle = res), (fail = rej)));
  const timer = setTimeout(() => fail(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  const check = () => {
    if (done()) {
      clearTimeout(timer);
      settle();
    }
  };
  return { check, wait };
}

/** Deletes the named pods and waits until the watch has seen each one DELETED. */
export async function deletePods(ep: HttpsEndpoint, ns: string, names: string[], timeoutMs: number): Promise<void> {
  const gone = new Set<string>();
  const w = until(() => gone.size === names.length, timeoutMs, `${names.length} pods in ${ns} to be deleted`);
  const stream = await openWatchStream(ep, `/api/v1/namespaces/${ns}/pods?watch=1`, (ev) => {
    const e = ev as { type?: string; object?: { metadata?: { name?: string } } };
    if (e.type === 'DELETED' && e.object?.metadata?.name) gone.add(e.object.metadata.name);
    w.check();
  });
  try {
    const pods = await expectJson<{ items: { metadata: { name: string } }[] }>(httpsRequest(ep, 'GET', `/api/v1/namespaces/${ns}/pods`), 200);
    const present = new Set(pods.items.map((p) => p.metadata.name));
    for (const n of names) if (!present.has(n)) gone.add(n);
    await Promise.all([...present].map((n) => httpsRequest(ep, 'DELETE', `/api/v1/namespaces/${ns}/pods/${n}`)));
    w.check();
    await w.wait;
  } finally {
    stream.close();
  }
}

/** `nodeFor` binds a pod to a node directly (the warm-up); without it the scheduler places the pods. */
export async function runPodRound(
  ep: HttpsEndpoint, ns: string, names: string[], clusterDir: string, timeoutMs: number, nodeFor?: (name: string) => string,
): Promise<RoundSide> {
  const sentNs = new Map<string, bigint>();
  const readyNs = new Map<string, bigint>();
  const boundNs = new Map<string, bigint>();
  const wanted = new Set(names);
  const w = until(() => readyNs.size === names.length, timeoutMs, `${names.length} pods in ${ns} to be Ready`);
  const stream = await openWatchStream(ep, `/api/v1/namespaces/${ns}/pods?watch=1`, (ev, at) => {
    const r = podReadiness(ev);
    if (!r || !wanted.has(r.name)) return;
    if (r.bound && !boundNs.has(r.name)) boundNs.set(r.name, at);
    if (r.ready && !readyNs.has(r.name)) readyNs.set(r.name, at);
    w.check();
  });
  let failures = 0;
  try {
    const pids = componentPids(clusterDir);
    const cpuBefore = cpuSnapshot(pids);
    const first = process.hrtime.bigint();
    await Promise.all(names.map(async (name) => {
      sentNs.set(name, process.hrtime.bigint());
      await expectJson(httpsRequest(ep, 'POST', `/api/v1/namespaces/${ns}/pods`, JSON.stringify(benchPod(name, nodeFor?.(name)))), 201);
    }));
    await w.wait.catch(() => undefined); // a timeout leaves the missing pods as failures
    failures = names.length - readyNs.size;
    const latenciesMs = [...readyNs].map(([name, at]) => nsToMs(sentNs.get(name)!, at));
    const last = [...readyNs.values()].reduce((m, t) => (t > m ? t : m), first);
    const componentCpuMs = cpuSince(cpuBefore, cpuSnapshot(pids));
    const shims = containerShimPids(clusterDir);
    const defined = (x: number | undefined): x is number => x !== undefined;
    return {
      latenciesMs, allReadyMs: nsToMs(first, last), failures,
      boundMs: [...boundNs].map(([name, at]) => nsToMs(sentNs.get(name)!, at)),
      rssKb: shims.map(rssKb).filter(defined), processCpuMs: shims.map(processCpuMs).filter(defined), componentCpuMs,
    };
  } finally {
    stream.close();
  }
}
