/**
 * FakeApiServer: an in-memory apiserver answering the internal NATS API on a FakeBus, for unit tests of
 * the client library and of components (scheduler, controllers, kubelet) without Redis or NATS.
 *
 *   const bus = new FakeBus();
 *   const server = new FakeApiServer(bus, { heartbeatMs: 1000 }); server.start();
 *   const api = new ApiClient({ transport: bus.connect(), user: 'test' });
 *
 * It keeps the semantics the clients rely on: one cluster-wide resourceVersion counter bumped by every
 * write, 409 on a stale resourceVersion, 404/409 AlreadyExists, a bounded watch history (410 when a
 * watch asks for a version older than it), and the watch protocol (fake-watch-server.ts).
 * Supported: get, list (selectors, limit/continue), create (generateName, pods/binding, pods/eviction),
 * update (and status), patch (merge and strategic as JSON merge patch, JSON patch), delete.
 *
 * Fault injection: `crash()` (stops answering, streams vanish), `start()` again (a restart: the state
 * survives, as it lives in Redis), `shutdown(status)` (streams get `end`), `compact()` (history lost),
 * `watches.silence()`. `write(...)` and `remove(...)` change state directly, as another client would.
 */
import fastJsonPatch from 'fast-json-patch';
import type { ApiRequest, ApiResponse } from '../../api/request.js';
import { findResource, groupVersion, type ResourceInfo } from '../../api/resources.js';
import type { KubeObject } from '../../api/types.js';
import { AlreadyExistsError, BadRequestError, ConflictError, MethodNotAllowedError, NotFoundError, RouteNotFoundError, toApiError } from '../../errors.js';
import { subjects as buildSubjects, type Subjects } from '../../nats/subjects.js';
import type { WatchStartRequest } from '../../nats/protocol.js';
import type { ResourceRef } from '../resource-refs.js';
import type { FakeBus } from './fake-bus.js';
import { matchesFields, matchesLabels } from './fake-selectors.js';
import { FakeWatchServer, type Change } from './fake-watch-server.js';

export interface FakeApiServerOptions {
  prefix?: string;
  serverId?: string;
  heartbeatMs?: number;
  keepaliveMs?: number;
  /** Changes kept for watches to resume from. */
  historyLimit?: number;
}

const key = (info: ResourceInfo, ns: string | undefined, name: string) => `${info.group}/${info.resource}/${ns ?? ''}/${name}`;
const clone = <T>(v: T): T => structuredClone(v);

export class FakeApiServer {
  readonly subjects: Subjects;
  readonly watches: FakeWatchServer;
  /** Every request answered, for assertions. */
  readonly requests: ApiRequest[] = [];
  private readonly objects = new Map<string, KubeObject>();
  private history: Change[] = [];
  private rv = 0;
  private compacted = 0;
  private uids = 0;
  private unsubscribe: (() => void)[] = [];

  constructor(private readonly bus: FakeBus, private readonly opts: FakeApiServerOptions = {}) {
    this.subjects = buildSubjects(opts.prefix);
    const serverId = opts.serverId ?? 'fake';
    const source = {
      latestRv: () => this.rv,
      compactedRv: () => this.compacted,
      since: (rv: number) => (rv < this.compacted ? undefined : this.history.filter((c) => c.rv > rv)),
      current: (info: ResourceInfo) => this.listOf(info).map(clone),
    };
    const timing = { heartbeatMs: opts.heartbeatMs ?? 1000, keepaliveMs: opts.keepaliveMs ?? 5000 };
    this.watches = new FakeWatchServer(bus, this.subjects, serverId, source, timing);
  }

  get resourceVersion(): string {
    return String(this.rv);
  }

  start(): void {
    if (this.unsubscribe.length) return;
    this.unsubscribe = [
      this.bus.respond(this.subjects.apiRequest, (body) => this.handle(body as ApiRequest)),
      this.bus.respond(this.subjects.apiWatch, (body) => this.watches.start(body as WatchStartRequest)),
      this.bus.subscribeRaw(this.subjects.watchControlWildcard(this.opts.serverId ?? 'fake'), (_b, _r, subject) => this.watches.control(subject)),
    ];
  }

  /** The process dies: no more answers, and open streams stop without an `end`. */
  crash(): void {
    for (const u of this.unsubscribe.splice(0)) u();
    this.watches.drop();
  }

  /** A graceful stop: every stream is told with an `end` message. */
  shutdown(): void {
    this.watches.end({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'apiserver shutting down', reason: 'ServiceUnavailable', code: 503 });
    this.crash();
  }

  /** Forgets the watch history, so a resume from any earlier version gets 410 Expired. */
  compact(): void {
    this.history = [];
    this.compacted = this.rv;
  }

  /** Creates or replaces an object directly, bumping the resourceVersion and notifying watches. */
  write(ref: ResourceRef, obj: KubeObject): KubeObject {
    const info = this.info(ref);
    const k = key(info, obj.metadata.namespace, obj.metadata.name ?? '');
    const prev = this.objects.get(k);
    const stored = clone(obj);
    stored.apiVersion = groupVersion(info);
    stored.kind = info.kind;
    stored.metadata.uid ??= prev?.metadata.uid ?? `uid-${++this.uids}`;
    stored.metadata.creationTimestamp ??= prev?.metadata.creationTimestamp ?? new Date().toISOString();
    this.commit(prev ? 'MODIFIED' : 'ADDED', info, k, stored, prev);
    return clone(stored);
  }

  remove(ref: ResourceRef, namespace: string | undefined, name: string): KubeObject | undefined {
    const info = this.info(ref);
    const k = key(info, namespace, name);
    const prev = this.objects.get(k);
    if (prev) this.commit('DELETED', info, k, clone(prev), prev);
    return prev && clone(prev);
  }

  read(ref: ResourceRef, namespace: string | undefined, name: string): KubeObject | undefined {
    const obj = this.objects.get(key(this.info(ref), namespace, name));
    return obj && clone(obj);
  }

  handle(req: ApiRequest): ApiResponse {
    this.requests.push(req);
    try {
      const info = findResource(req.group, req.version, req.resource);
      if (!info) throw new RouteNotFoundError();
      return this.dispatch(info, req);
    } catch (err) {
      const e = toApiError(err);
      return { code: e.code, body: e.toStatus() };
    }
  }

  private dispatch(info: ResourceInfo, req: ApiRequest): ApiResponse {
    const ns = info.namespaced ? req.namespace : undefined;
    const name = req.name ?? '';
    switch (req.verb) {
      case 'get': return { code: 200, body: this.mustGet(info, ns, name) };
      case 'list': return { code: 200, body: this.list(info, ns, req.query) };
      case 'create': return req.subresource ? this.createSubresource(info, ns, name, req) : { code: 201, body: this.create(info, ns, parseBody(req)) };
      case 'update': return { code: 200, body: this.update(info, ns, parseBody(req), req.subresource) };
      case 'patch': return { code: 200, body: this.patch(info, ns, name, req) };
      case 'delete': return { code: 200, body: this.delete(info, ns, name) };
      default: throw new MethodNotAllowedError();
    }
  }

  private mustGet(info: ResourceInfo, ns: string | undefined, name: string): KubeObject {
    const obj = this.objects.get(key(info, ns, name));
    if (!obj) throw new NotFoundError(info, name);
    return clone(obj);
  }

  private list(info: ResourceInfo, ns: string | undefined, q: Record<string, string | undefined>) {
    const all = this.listOf(info).filter((o) => (!ns || o.metadata.namespace === ns) && matchesLabels(o, q.labelSelector) && matchesFields(o, q.fieldSelector));
    const from = Number(q.continue ?? 0);
    const limit = Number(q.limit ?? 0) || all.length;
    const items = all.slice(from, from + limit).map(clone);
    const more = from + limit < all.length;
    const metadata = { resourceVersion: String(this.rv), ...(more ? { continue: String(from + limit) } : {}) };
    return { apiVersion: groupVersion(info), kind: info.listKind, metadata, items };
  }

  private create(info: ResourceInfo, ns: string | undefined, obj: KubeObject): KubeObject {
    const meta = obj.metadata ?? {};
    const name = meta.name || (meta.generateName ? `${meta.generateName}${(++this.uids).toString(36).padStart(5, 'x')}` : '');
    if (!name) throw new BadRequestError('name or generateName is required');
    if (this.objects.has(key(info, ns, name))) throw new AlreadyExistsError(info, name);
    return this.write(info, { ...obj, metadata: { ...meta, name, namespace: ns, resourceVersion: undefined } });
  }

  private update(info: ResourceInfo, ns: string | undefined, obj: KubeObject, subresource?: string): KubeObject {
    const name = obj.metadata?.name ?? '';
    const current = this.mustGet(info, ns, name);
    const rv = obj.metadata.resourceVersion;
    if (rv && rv !== current.metadata.resourceVersion) throw new ConflictError(info, name);
    // With a status subresource, the main resource ignores status and /status ignores everything else.
    const hasStatus = info.subresources.some((s) => s.name === 'status');
    const next = subresource === 'status' ? { ...current, status: obj.status } : hasStatus ? { ...obj, status: current.status } : obj;
    return this.write(info, { ...next, metadata: { ...next.metadata, namespace: ns, uid: current.metadata.uid } });
  }

  private patch(info: ResourceInfo, ns: string | undefined, name: string, req: ApiRequest): KubeObject {
    const current = this.mustGet(info, ns, name);
    const doc = JSON.parse(req.body ?? 'null') as unknown;
    const next = req.contentType === 'application/json-patch+json'
      ? fastJsonPatch.applyPatch(current, doc as fastJsonPatch.Operation[], false, false).newDocument
      : (mergePatch(current, doc) as KubeObject);
    return this.write(info, { ...next, metadata: { ...next.metadata, name, namespace: ns } });
  }

  private delete(info: ResourceInfo, ns: string | undefined, name: string): KubeObject {
    this.mustGet(info, ns, name);
    return this.remove(info, ns, name)!;
  }

  private createSubresource(info: ResourceInfo, ns: string | undefined, name: string, req: ApiRequest): ApiResponse {
    const pod = this.mustGet(info, ns, name);
    if (info.resource === 'pods' && req.subresource === 'binding') {
      const target = (parseBody(req) as { target?: { name?: string } }).target?.name ?? '';
      if (pod.spec?.nodeName) throw new ConflictError(info, name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
      this.write(info, { ...pod, spec: { ...pod.spec, nodeName: target } });
      return { code: 201, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } };
    }
    if (info.resource === 'pods' && req.subresource === 'eviction') {
      this.remove(info, ns, name);
      return { code: 201, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } };
    }
    throw new MethodNotAllowedError();
  }

  private commit(type: Change['type'], info: ResourceInfo, k: string, obj: KubeObject, prev?: KubeObject): void {
    obj.metadata.resourceVersion = String(++this.rv);
    if (type === 'DELETED') this.objects.delete(k);
    else this.objects.set(k, obj);
    const change: Change = { rv: this.rv, type, info, object: clone(obj), prev: prev && clone(prev) };
    this.history.push(change);
    const limit = this.opts.historyLimit ?? 1000;
    if (this.history.length > limit) this.compacted = this.history.splice(0, this.history.length - limit).at(-1)!.rv;
    this.watches.publish(change);
  }

  private listOf(info: ResourceInfo): KubeObject[] {
    const prefix = `${info.group}/${info.resource}/`;
    return [...this.objects.entries()].filter(([k]) => k.startsWith(prefix)).sort(([a], [b]) => a.localeCompare(b)).map(([, o]) => o);
  }

  private info(ref: ResourceRef): ResourceInfo {
    const info = findResource(ref.group, ref.version, ref.resource);
    if (!info) throw new RouteNotFoundError();
    return info;
  }
}

function parseBody(req: ApiRequest): KubeObject {
  try {
    return JSON.parse(req.body ?? '') as KubeObject;
  } catch {
    throw new BadRequestError('the request body is not JSON');
  }
}

/** RFC 7386 JSON merge patch. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as object) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}
