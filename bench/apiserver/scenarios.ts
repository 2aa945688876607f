/**
 * The phases run against each target, in this order, in a namespace of its own:
 *
 *   warm-up  (not measured) `warmup` creates, gets, replaces and deletes, and some lists: opens the
 *            pooled connections (the apiserver closes idle keep-alive sockets after 5 s) and lets V8
 *            optimise the hot paths of every process involved; a fresh process runs its first
 *            thousand calls several times slower, which is not what a long-running server does
 *   create   `objects` ConfigMaps obj-0..N-1, closed loop at `concurrency`
 *   get      random obj-i, closed loop, for `readSeconds`
 *   list     the whole namespace (N items), closed loop, for `readSeconds`
 *   paced    open loop at `rate` writes/s for `pacedSeconds`: even calls create paced-i, odd calls
 *            replace an existing obj-i; each write is tagged (data.seq) for the watch probe
 *   delete   every object created above, closed loop, so the next target starts from an empty hash
 *
 * Deleting matters: the apiserver keeps all ConfigMaps of the cluster in one Redis hash and a namespaced
 * list reads the whole hash, so objects left behind would make the next target's list slower.
 */
import type { KubeObject } from '../../lib/api/types.js';
import { closedLoop, openLoop } from './load.js';
import type { Meter, Phase } from './meter.js';
import { benchConfigMap, writeKey, type BenchTarget } from './target.js';
import type { WatchProbe } from './watch-probe.js';

export interface ScenarioOptions {
  concurrency: number;
  /** Unmeasured calls of each kind before the first measured phase. */
  warmup: number;
  objects: number;
  readSeconds: number;
  rate: number;
  pacedSeconds: number;
  payloadBytes: number;
}

export interface ScenarioHooks {
  /** Called before the paced phase (start watchers), and after it (drain and stop them). */
  beforePaced?: () => Promise<void>;
  afterPaced?: () => Promise<void>;
  probe?: WatchProbe;
}

/** Runs every call a few times, unmeasured; any failure stops the benchmark before it measures nonsense. */
export async function warmUp(
  target: BenchTarget, ns: string, opts: Pick<ScenarioOptions, 'concurrency' | 'warmup'>, cm: (name: string) => KubeObject,
): Promise<void> {
  const concurrency = opts.concurrency;
  const names = Array.from({ length: opts.warmup }, (_, i) => `warm-${i}`);
  const each = (op: (name: string) => Promise<unknown>) => closedLoop({ concurrency, count: names.length }, (i) => op(names[i]!));
  const steps = [
    () => each((n) => target.create(ns, cm(n))),
    () => each((n) => target.get(ns, n)),
    () => closedLoop({ concurrency, count: concurrency }, () => target.list(ns)),
    () => each((n) => target.update(ns, cm(n))),
    () => each((n) => target.delete(ns, n)),
  ];
  for (const step of steps) {
    const r = await step();
    if (r.errors) throw new Error(`warm-up against ${target.name} failed: ${r.firstError}`);
  }
}

/** Sequence numbers are unique across the whole run, so a watch event always names one write. */
let nextSeq = 1;

export async function runScenario(
  target: BenchTarget, ns: string, opts: ScenarioOptions, meter: Meter, hooks: ScenarioHooks = {},
): Promise<Phase[]> {
  const phases: Phase[] = [];
  const names = Array.from({ length: opts.objects }, (_, i) => `obj-${i}`);
  const cm = (name: string) => benchConfigMap({ name, seq: nextSeq++, door: target.name, payloadBytes: opts.payloadBytes });
  const closed = (count?: number, seconds?: number) => ({
    concurrency: opts.concurrency, ...(count !== undefined ? { count } : { durationMs: seconds! * 1000 }),
  });

  await warmUp(target, ns, opts, cm);
  phases.push(await meter.measure(target.name, 'create', () => closedLoop(closed(names.length), (i) => target.create(ns, cm(names[i]!)))));
  const pick = () => names[Math.floor(Math.random() * names.length)]!;
  phases.push(await meter.measure(target.name, 'get', () => closedLoop(closed(undefined, opts.readSeconds), () => target.get(ns, pick()))));
  phases.push(await meter.measure(target.name, 'list', () => closedLoop(closed(undefined, opts.readSeconds), async () => {
    const n = await target.list(ns);
    if (n !== names.length) throw new Error(`list returned ${n} items, expected ${names.length}`);
  })));

  await hooks.beforePaced?.();
  const created: string[] = [];
  const paced = await meter.measure(target.name, `write@${opts.rate}/s`, () =>
    openLoop({ ratePerSec: opts.rate, durationMs: opts.pacedSeconds * 1000 }, async (i, dueNs) => {
      const isCreate = i % 2 === 0;
      const name = isCreate ? `paced-${i}` : names[(i >> 1) % names.length]!;
      const obj = cm(name);
      const key = writeKey(name, obj.data.seq as string);
      hooks.probe?.sent(key, dueNs);
      await (isCreate ? target.create(ns, obj) : target.update(ns, obj));
      hooks.probe?.acked(key, process.hrtime.bigint());
      if (isCreate) created.push(name);
    }));
  phases.push(paced);
  await hooks.afterPaced?.();

  const all = [...names, ...created];
  phases.push(await meter.measure(target.name, 'delete', () => closedLoop(closed(all.length), (i) => target.delete(ns, all[i]!))));
  return phases;
}
