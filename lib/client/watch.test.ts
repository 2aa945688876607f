import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Status, WatchEvent } from '../api/types.js';
import { GoneError } from '../errors.js';
import type { WatchStartRequest } from '../nats/protocol.js';
import { subjects } from '../nats/subjects.js';
import { ApiClient } from './api-client.js';
import { PODS } from './resource-refs.js';
import { FakeBus } from './testing/fake-bus.js';
import { fakeCluster, makePod, type FakeCluster } from './testing/fake-cluster.js';
import type { Watcher } from './watch.js';

const HEARTBEAT = 1000;

/** Records what a watch delivers, as "TYPE name@rv" strings and ERROR codes. */
function recorder() {
  const seen: string[] = [];
  const onEvent = (e: WatchEvent) => {
    if (e.type === 'ERROR') seen.push(`ERROR ${(e.object as unknown as Status).code}`);
    else seen.push(`${e.type} ${e.object.metadata.name}@${e.object.metadata.resourceVersion}`);
  };
  return { seen, onEvent };
}

const isEventFor = (name: string) => (subject: string, body: unknown) =>
  subject.startsWith('_INBOX') && (body as { event?: WatchEvent }).event?.object.metadata.name === name;

const watchStarts = (c: FakeCluster) => c.bus.published.filter((m) => m.subject === c.server.subjects.apiWatch);

describe('watch over the fake apiserver', () => {
  let c: FakeCluster;
  let w: Watcher | undefined;
  const tick = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

  beforeEach(() => {
    vi.useFakeTimers();
    c = fakeCluster({ heartbeatMs: HEARTBEAT, keepaliveMs: 2000 });
  });
  afterEach(() => {
    w?.stop();
    c.server.crash();
    vi.useRealTimers();
  });

  it('delivers the changes after the given resourceVersion, in order', async () => {
    c.server.write(PODS, makePod('a').build()); // rv 1
    c.server.write(PODS, makePod('b').build()); // rv 2
    const r = recorder();
    w = c.api.watch(PODS, { resourceVersion: '1' }, r.onEvent);
    await tick();
    c.server.write(PODS, { ...makePod('b').build(), spec: { nodeName: 'n1' } }); // rv 3
    c.server.remove(PODS, 'default', 'a'); // rv 4
    await tick();
    expect(r.seen).toEqual(['ADDED b@2', 'MODIFIED b@3', 'DELETED a@4']);
    expect(w.resourceVersion).toBe('4');
  });

  it('starts with the current state when resourceVersion is "0", whatever the order of its versions', async () => {
    c.server.write(PODS, makePod('a').build()); // rv 1
    c.server.write(PODS, makePod('b').build()); // rv 2
    c.server.write(PODS, makePod('a').labels({ x: 'y' }).build()); // rv 3: a sorts before b but is newer
    const r = recorder();
    w = c.api.watch(PODS, { resourceVersion: '0' }, r.onEvent);
    await tick();
    c.server.write(PODS, makePod('c').build());
    await tick();
    expect(r.seen).toEqual(['ADDED a@3', 'ADDED b@2', 'ADDED c@4']);
  });

  it('restarts from the current state when a heartbeat of an empty cluster said "0"', async () => {
    const r = recorder();
    w = c.api.watch(PODS, {}, r.onEvent);
    await tick(HEARTBEAT); // heartbeat: resourceVersion "0"
    c.transport.disconnect();
    c.server.write(PODS, makePod('a').build()); // rv 1
    c.server.write(PODS, makePod('b').build()); // rv 2
    c.server.write(PODS, makePod('a').labels({ x: 'y' }).build()); // rv 3
    c.transport.reconnect();
    await tick();
    expect(r.seen).toEqual(['ADDED a@3', 'ADDED b@2']);
  });

  it('applies namespace and selectors', async () => {
    const r = recorder();
    w = c.api.watch(PODS, { resourceVersion: '0', namespace: 'prod', labelSelector: 'app=web' }, r.onEvent);
    await tick();
    c.server.write(PODS, makePod('x', 'prod').labels({ app: 'web' }).build());
    c.server.write(PODS, makePod('y', 'prod').labels({ app: 'db' }).build());
    c.server.write(PODS, makePod('z', 'dev').labels({ app: 'web' }).build());
    await tick();
    expect(r.seen).toEqual(['ADDED x@1']);
  });

  it('resumes after a lost message with no gap and no duplicate', async () => {
    const r = recorder();
    w = c.api.watch(PODS, { resourceVersion: '0' }, r.onEvent);
    await tick(HEARTBEAT); // a heartbeat confirms the (empty) initial state
    let dropped = false;
    c.bus.filter = (subject, body) => (!dropped && isEventFor('b')(subject, body) ? ((dropped = true), 0) : 1);
    for (const name of ['a', 'b', 'c']) c.server.write(PODS, makePod(name).build());
    await tick();
    expect(dropped).toBe(true);
    expect(r.seen).toEqual(['ADDED a@1', 'ADDED b@2', 'ADDED c@3']);
    expect(watchStarts(c)).toHaveLength(2);
    expect((watchStarts(c)[1]!.body as { resourceVersion: string }).resourceVersion).toBe('1');
  });

  it('delivers a repeated message once', async () => {
    const r = recorder();
    w = c.api.watch(PODS, { resourceVersion: '0' }, r.onEvent);
    await tick();
    c.bus.filter = (subject) => (subject.startsWith('_INBOX') ? 2 : 1);
    c.server.write(PODS, makePod('a').build());
    c.server.write(PODS, makePod('b').build());
    await tick(HEARTBEAT * 2);
    expect(r.seen).toEqual(['ADDED a@1', 'ADDED b@2']);
    expect(watchStarts(c)).toHaveLength(1);
  });

  it('re-watches a silent stream after three heartbeat periods', async () => {
    const r = recorder();
    w = c.api.watch(PODS, { resourceVersion: '0' }, r.onEvent);
    await tick(HEARTBEAT);
    c.server.write(PODS, makePod('a').build());
    await tick();
    c.server.watches.silence();
    c.server.write(PODS, makePod('b').build()); // lost with the silent stream
    await tick(3 * HEARTBEAT - 1);
    expect(watchStarts(c)).toHaveLength(1);
    await tick(2);
    expect(watchStarts(c)).toHaveLength(2);
    c.server.watches.silence(false);
    await tick(3 * HEARTBEAT + 1);
    c.server.write(PODS, makePod('c').build());
    await tick();
    expect(r.seen).toEqual(['ADDED a@1', 'ADDED b@2', 'ADDED c@3']);
  });

  it('resumes from the last version after the NATS connection comes back', async () => {
    const r = recorder();
    c.server.write(PODS, makePod('a').build());
    w = c.api.watch(PODS, { resourceVersion: '1' }, r.onEvent);
    await tick();
    c.transport.disconnect();
    c.server.write(PODS, makePod('b').build()); // published while we are away
    await tick();
    c.transport.reconnect();
    await tick();
    c.server.write(PODS, makePod('c').build());
    await tick();
    expect(r.seen).toEqual(['ADDED b@2', 'ADDED c@3']);
    expect(watchStarts(c)).toHaveLength(2);
  });

  it('survives an apiserver crash: retries with backoff, then resumes', async () => {
    const r = recorder();
    w = c.api.watch(PODS, { resourceVersion: '0' }, r.onEvent);
    await tick(HEARTBEAT);
    c.server.write(PODS, makePod('a').build());
    await tick();
    c.server.crash();
    c.server.write(PODS, makePod('b').build()); // another apiserver took this write
    await tick(10 * HEARTBEAT); // dead stream, then start requests fail (no responders) and back off
    expect(r.seen).toEqual(['ADDED a@1']);
    c.server.start();
    await tick(6000);
    c.server.write(PODS, makePod('c').build());
    await tick();
    expect(r.seen).toEqual(['ADDED a@1', 'ADDED b@2', 'ADDED c@3']);
  });

  it('resumes at once after an `end` that is not a 410', async () => {
    const r = recorder();
    w = c.api.watch(PODS, { resourceVersion: '0' }, r.onEvent);
    await tick(HEARTBEAT);
    c.server.watches.end({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 503, reason: 'ServiceUnavailable' });
    c.server.write(PODS, makePod('a').build());
    await tick();
    expect(r.seen).toEqual(['ADDED a@1']);
    expect(watchStarts(c)).toHaveLength(2);
  });

  it('follows a graceful apiserver restart', async () => {
    const r = recorder();
    w = c.api.watch(PODS, { resourceVersion: '0' }, r.onEvent);
    await tick(HEARTBEAT);
    c.server.shutdown();
    c.server.write(PODS, makePod('a').build());
    await tick(500);
    c.server.start();
    await tick(1000);
    c.server.write(PODS, makePod('b').build());
    await tick();
    expect(r.seen).toEqual(['ADDED a@1', 'ADDED b@2']);
  });

  it('surfaces a 410 in the start reply as an ERROR event and ends', async () => {
    c.server.write(PODS, makePod('a').build());
    c.server.write(PODS, makePod('b').build());
    c.server.compact();
    const r = recorder();
    w = c.api.watch(PODS, { resourceVersion: '1' }, r.onEvent);
    await tick();
    await w.done;
    c.server.write(PODS, makePod('c').build());
    await tick();
    expect(r.seen).toEqual(['ERROR 410']);
  });

  it('surfaces a 410 when a resume finds the history compacted', async () => {
    const r = recorder();
    w = c.api.watch(PODS, { resourceVersion: '0' }, r.onEvent);
    await tick(HEARTBEAT);
    c.server.write(PODS, makePod('a').build());
    await tick();
    c.server.crash();
    c.server.write(PODS, makePod('b').build());
    c.server.compact();
    c.server.start();
    await tick(5 * HEARTBEAT);
    expect(r.seen).toEqual(['ADDED a@1', 'ERROR 410']);
  });

  it('surfaces a 410 `end` message', async () => {
    const r = recorder();
    w = c.api.watch(PODS, { resourceVersion: '0' }, r.onEvent);
    await tick();
    c.server.watches.end(new GoneError('too old resource version: 1 (5)').toStatus());
    await tick();
    await w.done;
    expect(r.seen).toEqual(['ERROR 410']);
  });

  it('surfaces a refusal of the watch (unknown resource) without retrying', async () => {
    const r = recorder();
    w = c.api.watch({ group: '', version: 'v1', resource: 'widgets' }, {}, r.onEvent);
    await tick(10_000);
    expect(r.seen).toEqual(['ERROR 404']);
    expect(watchStarts(c)).toHaveLength(1);
  });

  it('turns a break during the initial state into a 410, as no resume point exists yet', async () => {
    c.server.write(PODS, makePod('a').build());
    c.server.write(PODS, makePod('b').build());
    c.bus.filter = (subject, body) => (isEventFor('b')(subject, body) ? 0 : 1);
    const r = recorder();
    w = c.api.watch(PODS, { resourceVersion: '0' }, r.onEvent);
    await tick(HEARTBEAT); // the heartbeat reveals the gap
    expect(r.seen).toEqual(['ADDED a@1', 'ERROR 410']);
  });

  it('publishes keepalives so that the apiserver keeps the stream', async () => {
    w = c.api.watch(PODS, {}, () => undefined);
    await tick(10_000);
    expect(c.server.watches.active).toBe(1);
    expect(watchStarts(c)).toHaveLength(1); // the apiserver never dropped the stream
    expect(c.bus.published.filter((m) => m.subject.endsWith('.keepalive')).length).toBeGreaterThanOrEqual(4);
  });

  it('stop cancels the stream on the apiserver and delivers nothing more', async () => {
    const r = recorder();
    w = c.api.watch(PODS, {}, r.onEvent);
    await tick();
    w.stop();
    await w.done;
    await tick();
    c.server.write(PODS, makePod('a').build());
    await tick(10_000);
    expect(c.server.watches.active).toBe(0);
    expect(c.bus.published.some((m) => m.subject.endsWith('.cancel'))).toBe(true);
    expect(r.seen).toEqual([]);
  });

  it('keeps going when the handler throws', async () => {
    const seen: string[] = [];
    w = c.api.watch(PODS, {}, (e) => {
      seen.push(e.object.metadata.name!);
      throw new Error('handler bug');
    });
    await tick();
    c.server.write(PODS, makePod('a').build());
    c.server.write(PODS, makePod('b').build());
    await tick();
    expect(seen).toEqual(['a', 'b']);
  });
});

describe('watch against a scripted apiserver', () => {
  /** Answers each watch start with the next script: messages published to the inbox before the reply. */
  function scripted(scripts: ((seq: number) => object)[][]) {
    const bus = new FakeBus();
    const starts: WatchStartRequest[] = [];
    bus.respond(subjects().apiWatch, (body) => {
      const req = body as WatchStartRequest;
      starts.push(req);
      const script = scripts[starts.length - 1] ?? [];
      script.forEach((msg, i) => bus.publish(req.deliverTo, msg(i + 1)));
      return { ok: true, control: `ctl.${starts.length}`, heartbeatMs: 1000, keepaliveMs: 1000 };
    });
    const api = new ApiClient({ transport: bus.connect(), user: 'test' });
    return { bus, api, starts };
  }
  const ev = (name: string, rv: string, type = 'ADDED') => (seq: number) => ({ seq, event: { type, object: { ...makePod(name).build(), metadata: { name, namespace: 'default', resourceVersion: rv } } } });
  const hb = (rv: string) => (seq: number) => ({ seq, heartbeat: { resourceVersion: rv } });
  const skip = () => (seq: number) => ({ seq: seq + 1, heartbeat: { resourceVersion: '0' } });

  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('drops replayed events whose resourceVersion is not newer than the last delivered', async () => {
    const s = scripted([
      [ev('a', '5'), ev('b', '6'), skip()],
      [ev('b', '6', 'MODIFIED'), ev('a', '4', 'MODIFIED'), ev('c', '7')],
    ]);
    const r = recorder();
    const w = s.api.watch(PODS, { resourceVersion: '4' }, r.onEvent);
    await vi.advanceTimersByTimeAsync(0);
    w.stop();
    expect(r.seen).toEqual(['ADDED a@5', 'ADDED b@6', 'ADDED c@7']);
    expect(s.starts.map((x) => x.resourceVersion)).toEqual(['4', '6']);
  });

  it('resumes from the version of the last heartbeat', async () => {
    const s = scripted([[ev('a', '5'), hb('9'), skip()], [ev('b', '10')]]);
    const r = recorder();
    const w = s.api.watch(PODS, { resourceVersion: '4' }, r.onEvent);
    await vi.advanceTimersByTimeAsync(0);
    w.stop();
    expect(s.starts.map((x) => x.resourceVersion)).toEqual(['4', '9']);
    expect(r.seen).toEqual(['ADDED a@5', 'ADDED b@10']);
    expect(w.resourceVersion).toBe('10');
  });

  it('sends what the protocol asks in the start request', async () => {
    const s = scripted([[]]);
    const w = s.api.watch(PODS, { namespace: 'ns', labelSelector: 'a=b', fieldSelector: 'spec.nodeName=n', resourceVersion: '3' }, () => undefined);
    await vi.advanceTimersByTimeAsync(0);
    w.stop();
    expect(s.starts[0]).toMatchObject({ group: '', version: 'v1', resource: 'pods', namespace: 'ns', labelSelector: 'a=b', fieldSelector: 'spec.nodeName=n', resourceVersion: '3', user: 'test' });
    expect(s.starts[0]!.deliverTo).toMatch(/^_INBOX\./);
    expect(s.bus.published.map((m) => m.subject)).toContain('ctl.1.cancel');
  });
});
