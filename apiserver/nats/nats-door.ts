/**
 * The apiserver's internal door: the same registry as the HTTP door, reached over NATS by the other
 * components (protocol in lib/nats/protocol.ts). Requests are served in the "apiserver" queue group so
 * that, with several apiservers, each request is answered once. A watch lives on the apiserver that
 * accepted it and is dropped when its client stops sending keepalives.
 */
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import type { ApiRequest, ApiResponse } from '../../lib/api/request.js';
import { ServiceUnavailableError, toApiError } from '../../lib/errors.js';
import type { Logger } from '../../lib/log.js';
import type { WatchMessage, WatchStartReply, WatchStartRequest } from '../../lib/nats/protocol.js';
import { API_QUEUE_GROUP, type Subjects } from '../../lib/nats/subjects.js';
import type { Registry } from '../registry/registry.js';

export interface NatsDoorOptions {
  serverId: string;
  heartbeatMs: number;
  keepaliveMs: number;
}

interface LiveWatch {
  stop(): void;
  /** Tells the client the stream is over (it resumes from its last resourceVersion elsewhere). */
  end(): void;
  lastKeepalive: number;
}

export class NatsDoor {
  private subs: Subscription[] = [];
  private watches = new Map<string, LiveWatch>();
  private reaper?: NodeJS.Timeout;

  constructor(
    private readonly nc: NatsConnection,
    private readonly subjects: Subjects,
    private readonly registry: Registry,
    private readonly opts: NatsDoorOptions,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.subs.push(this.nc.subscribe(this.subjects.apiRequest, { queue: API_QUEUE_GROUP, callback: (err, msg) => { if (!err) void this.onRequest(msg); } }));
    this.subs.push(this.nc.subscribe(this.subjects.apiWatch, { queue: API_QUEUE_GROUP, callback: (err, msg) => { if (!err) void this.onWatch(msg); } }));
    this.subs.push(this.nc.subscribe(this.subjects.watchControlWildcard(this.opts.serverId), { callback: (err, msg) => { if (!err) this.onControl(msg); } }));
    this.reaper = setInterval(() => this.reap(), this.opts.keepaliveMs);
  }

  /** Ends every watch with a message telling its client to resume elsewhere. */
  stop(): void {
    clearInterval(this.reaper);
    for (const w of this.watches.values()) {
      w.stop();
      w.end();
    }
    this.watches.clear();
    for (const s of this.subs) s.unsubscribe();
  }

  private async onRequest(msg: Msg): Promise<void> {
    const start = process.hrtime.bigint();
    let answer: ApiResponse;
    let req: ApiRequest | undefined;
    try {
      req = msg.json<ApiRequest>();
      answer = await this.registry.handle(req);
    } catch (err) {
      const e = toApiError(err);
      if (e.code >= 500) this.log.error('internal request failed', { error: String(err) });
      answer = { code: e.code, body: e.toStatus() };
    }
    msg.respond(JSON.stringify(answer));
    // Components poll leases and statuses all the time: their requests are logged at debug level.
    this.log.debug('request', {
      verb: req?.verb, resource: req ? `${req.group ? req.group + '/' : ''}${req.resource}${req.subresource ? '/' + req.subresource : ''}` : undefined,
      namespace: req?.namespace, name: req?.name, code: answer.code, user: req?.user,
      latencyMs: Math.round(Number(process.hrtime.bigint() - start) / 1e4) / 100,
    });
  }

  private async onWatch(msg: Msg): Promise<void> {
    let start: WatchStartRequest;
    try {
      start = msg.json<WatchStartRequest>();
    } catch (err) {
      msg.respond(JSON.stringify({ ok: false, status: toApiError(err).toStatus() } satisfies WatchStartReply));
      return;
    }
    const id = randomUUID();
    let seq = 0;
    const send = (m: Omit<WatchMessage, 'seq'>) => this.nc.publish(start.deliverTo, JSON.stringify({ seq: ++seq, ...m }));
    const pending: Omit<WatchMessage, 'seq'>[] = [];
    let replied = false;
    try {
      const apiReq: ApiRequest = {
        verb: 'watch', group: start.group, version: start.version, resource: start.resource, namespace: start.namespace,
        query: { labelSelector: start.labelSelector, fieldSelector: start.fieldSelector, resourceVersion: start.resourceVersion },
        user: start.user,
      };
      // Events produced while the reply is on its way are held back so that the reply comes first.
      const watch = await this.registry.watch(apiReq, (event) => (replied ? send({ event }) : pending.push({ event })));
      const heartbeat = setInterval(() => send({ heartbeat: { resourceVersion: String(this.registry.latestResourceVersion()) } }), this.opts.heartbeatMs);
      this.watches.set(id, {
        lastKeepalive: Date.now(),
        stop: () => {
          watch.stop();
          clearInterval(heartbeat);
        },
        end: () => send({ end: new ServiceUnavailableError('apiserver is shutting down').toStatus() }),
      });
    } catch (err) {
      msg.respond(JSON.stringify({ ok: false, status: toApiError(err).toStatus() } satisfies WatchStartReply));
      return;
    }
    const control = this.subjects.watchControl(this.opts.serverId, id);
    msg.respond(JSON.stringify({ ok: true, control, heartbeatMs: this.opts.heartbeatMs, keepaliveMs: this.opts.keepaliveMs } satisfies WatchStartReply));
    replied = true;
    for (const m of pending) send(m);
  }

  private onControl(msg: Msg): void {
    const parts = msg.subject.split('.');
    const [id, action] = parts.slice(-2) as [string, string];
    const watch = this.watches.get(id);
    if (!watch) return;
    if (action === 'keepalive') watch.lastKeepalive = Date.now();
    if (action === 'cancel') this.drop(id);
  }

  private reap(): void {
    const deadline = Date.now() - 3 * this.opts.keepaliveMs;
    for (const [id, w] of this.watches) if (w.lastKeepalive < deadline) this.drop(id);
  }

  private drop(id: string): void {
    this.watches.get(id)?.stop();
    this.watches.delete(id);
  }
}
