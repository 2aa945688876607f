/**
 * The two watchers of the watch-delivery measurement, on the namespace the paced writes go to:
 * an `Informer` (lib/client, over NATS, as every component watches) and an HTTP watch stream (as
 * kubectl and client-go watch). Each reports the first sighting of every tagged write to the probe.
 *
 *   const w = await startWatchers({ api, rest, namespace, probe });   // resolves once both are live
 *   ...writes...
 *   await w.drain(3000);  await w.stop();
 */
import type { KubeList, KubeObject, WatchEvent } from '../../lib/api/types.js';
import { CONFIGMAPS, Informer, type ApiClient } from '../../lib/client/index.js';
import { expectJson, httpsRequest, openWatchStream, type HttpsEndpoint } from './https-client.js';
import { benchConfigMap, writeKey, writeKeyOf } from './target.js';
import { WatchProbe } from './watch-probe.js';

export const WATCHERS = ['informer', 'http-watch'] as const;

export interface Watchers {
  /** Waits until every acknowledged write was seen by both watchers, or `timeoutMs` passes. */
  drain(timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startWatchers(opts: { api: ApiClient; rest: HttpsEndpoint; namespace: string; probe: WatchProbe }): Promise<Watchers> {
  const { api, rest, namespace, probe } = opts;
  const informer = new Informer<KubeObject>(api, CONFIGMAPS, { namespace });
  // The sentinel write proves both watches are live end to end before any measured write is sent.
  const sentinel = new WatchProbe();
  const seenBy = (watcher: string) => (obj: KubeObject) => {
    const at = process.hrtime.bigint();
    probe.seen(watcher, writeKeyOf(obj), at);
    sentinel.seen(watcher, writeKeyOf(obj), at);
  };
  const onInformer = seenBy('informer');
  informer.addEventHandler({ onAdd: onInformer, onUpdate: (_old, obj) => onInformer(obj) });
  informer.start();
  if (!(await informer.waitForSync())) throw new Error('informer stopped before it synced');

  // Watch from the current state: the objects already there are not news.
  const path = `/api/v1/namespaces/${namespace}/configmaps`;
  const list = await expectJson<KubeList>(httpsRequest(rest, 'GET', path), 200);
  const rv = list.metadata.resourceVersion ?? '';
  const onStream = seenBy('http-watch');
  const stream = await openWatchStream(rest, `${path}?watch=1&resourceVersion=${rv}&timeoutSeconds=600`, (event) => {
    const e = event as WatchEvent;
    if (e.type === 'ADDED' || e.type === 'MODIFIED') onStream(e.object);
  });
  await writeSentinel(rest, path, sentinel);

  return {
    async drain(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (WATCHERS.some((w) => probe.outstanding(w) > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    },
    async stop() {
      stream.close();
      await informer.stop();
      await expectJson(httpsRequest(rest, 'DELETE', `${path}/${SENTINEL}`), 200);
    },
  };
}

const SENTINEL = 'watch-sentinel';

async function writeSentinel(rest: HttpsEndpoint, path: string, sentinel: WatchProbe): Promise<void> {
  const obj = benchConfigMap({ name: SENTINEL, seq: 0, door: 'sentinel', payloadBytes: 0 });
  sentinel.sent(writeKey(SENTINEL, 0), process.hrtime.bigint());
  await expectJson(httpsRequest(rest, 'POST', path, JSON.stringify(obj)), 201);
  sentinel.acked(writeKey(SENTINEL, 0), process.hrtime.bigint());
  const deadline = Date.now() + 10_000;
  while (WATCHERS.some((w) => sentinel.outstanding(w) > 0)) {
    if (Date.now() > deadline) throw new Error('the watchers did not see the sentinel write within 10 s');
    await new Promise((r) => setTimeout(r, 10));
  }
}
