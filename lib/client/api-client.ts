/**
 * ApiClient: typed CRUD on the apiserver over NATS, the only way components read or write cluster state.
 *
 *   const api = new ApiClient({ transport, user: 'scheduler' });
 *   const pod = await api.get<Pod>(PODS, 'default', 'hello');
 *   const { items, resourceVersion } = await api.list(PODS, { fieldSelector: 'spec.nodeName=node-1' });
 *   await api.createSubresource(PODS, 'default', 'hello', 'binding', binding);
 *
 * Each call is one ApiRequest (lib/api/request.ts) on `subjects().apiRequest`, answered by any apiserver
 * through the same handler as the HTTP door, so validation and errors are identical.
 *
 * Errors: a reply with code >= 400 is thrown as the matching ApiError subclass (NotFoundError,
 * ConflictError, ...), rebuilt from its Status. When no apiserver answers, the call throws
 * ServiceUnavailableError or TimeoutError (from the transport): the caller may retry. A write that timed
 * out may still have been applied, exactly as with an HTTP timeout.
 */
import type { ApiRequest, ApiVerb } from '../api/request.js';
import type { KubeList, KubeObject, Status } from '../api/types.js';
import { ApiError, InternalError } from '../errors.js';
import { silentLogger, type Logger } from '../log.js';
import { subjects as buildSubjects, type Subjects } from '../nats/subjects.js';
import { LIST_PAGE_SIZE, REQUEST_TIMEOUT_MS } from './defaults.js';
import type { ResourceRef } from './resource-refs.js';
import type { Transport } from './transport.js';
import { startWatch, type WatchHandler, type Watcher, type WatchOptions } from './watch.js';

export interface ApiClientOptions {
  transport: Transport;
  /** Who is asking: the component's NATS user, sent with every request for authorization and audit. */
  user: string;
  /** The cluster's subject prefix (lib/nats/subjects.ts). */
  subjectPrefix?: string;
  requestTimeoutMs?: number;
  log?: Logger;
}

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  /** Items per request; pages are fetched until the list is complete. 0 asks for everything at once. */
  pageSize?: number;
}

export interface ListResult<T> {
  items: T[];
  /** The version the list is consistent at: watch from here to miss nothing. */
  resourceVersion: string;
}

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
}

/** The three patch formats kubectl sends, named as in client-go's types.PatchType. */
export const PatchType = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
} as const;
export type PatchType = keyof typeof PatchType;

export interface PatchOptions extends WriteOptions {
  /** e.g. "status" or "scale". */
  subresource?: string;
}

/** metav1.DeleteOptions, as sent in the body of a DELETE. */
export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

type Target = { namespace?: string; name?: string; subresource?: string };

export class ApiClient {
  readonly subjects: Subjects;
  private readonly log: Logger;

  constructor(private readonly opts: ApiClientOptions) {
    this.subjects = buildSubjects(opts.subjectPrefix);
    this.log = opts.log ?? silentLogger();
  }

  async get<T extends KubeObject = KubeObject>(ref: ResourceRef, namespace: string | undefined, name: string): Promise<T> {
    return (await this.call('get', ref, { namespace, name })) as T;
  }

  /** Lists a collection, page by page, and returns the items with the version they are consistent at. */
  async list<T extends KubeObject = KubeObject>(ref: ResourceRef, opts: ListOptions = {}): Promise<ListResult<T>> {
    const pageSize = opts.pageSize ?? LIST_PAGE_SIZE;
    const items: T[] = [];
    let resourceVersion = '';
    let cont: string | undefined;
    do {
      const query: Record<string, string | undefined> = { labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector };
      if (pageSize > 0) query.limit = String(pageSize);
      // A continue token pins the snapshot already; the API refuses resourceVersion next to it.
      if (cont) query.continue = cont;
      else query.resourceVersion = opts.resourceVersion;
      const page = (await this.call('list', ref, { namespace: opts.namespace }, { query })) as KubeList<T>;
      items.push(...(page.items ?? []));
      if (!cont) resourceVersion = page.metadata?.resourceVersion ?? '';
      cont = page.metadata?.continue || undefined;
    } while (cont);
    return { items, resourceVersion };
  }

  async create<T extends KubeObject = KubeObject>(ref: ResourceRef, namespace: string | undefined, obj: T, opts: WriteOptions = {}): Promise<T> {
    return (await this.call('create', ref, { namespace }, { body: obj, query: writeQuery(opts) })) as T;
  }

  /** Replaces an object; `obj.metadata.resourceVersion` makes it conditional (409 Conflict when stale). */
  async update<T extends KubeObject = KubeObject>(ref: ResourceRef, obj: T, opts: WriteOptions = {}): Promise<T> {
    return (await this.call('update', ref, targetOf(obj), { body: obj, query: writeQuery(opts) })) as T;
  }

  /** Replaces the status of an object (the `status` subresource); the spec in `obj` is ignored. */
  async updateStatus<T extends KubeObject = KubeObject>(ref: ResourceRef, obj: T, opts: WriteOptions = {}): Promise<T> {
    const target = { ...targetOf(obj), subresource: 'status' };
    return (await this.call('update', ref, target, { body: obj, query: writeQuery(opts) })) as T;
  }

  async patch<T extends KubeObject = KubeObject>(
    ref: ResourceRef, namespace: string | undefined, name: string, type: PatchType, patch: unknown, opts: PatchOptions = {},
  ): Promise<T> {
    const target = { namespace, name, subresource: opts.subresource };
    return (await this.call('patch', ref, target, { body: patch, contentType: PatchType[type], query: writeQuery(opts) })) as T;
  }

  /** Deletes an object. The apiserver answers with the object (possibly still terminating) or a Status. */
  async delete(ref: ResourceRef, namespace: string | undefined, name: string, opts: DeleteOptions = {}): Promise<KubeObject | Status> {
    const { dryRun, ...rest } = opts;
    const body = { ...rest, ...(dryRun ? { dryRun: ['All'] } : {}) };
    return (await this.call('delete', ref, { namespace, name }, { body })) as KubeObject | Status;
  }

  /** POSTs to a subresource such as pods/binding or pods/eviction. */
  async createSubresource<T = KubeObject>(
    ref: ResourceRef, namespace: string | undefined, name: string, subresource: string, body: unknown,
  ): Promise<T> {
    return (await this.call('create', ref, { namespace, name, subresource }, { body })) as T;
  }

  /** A watch that resumes by itself across lost messages and reconnects (watch.ts). */
  watch(ref: ResourceRef, opts: WatchOptions, onEvent: WatchHandler): Watcher {
    const { transport, user } = this.opts;
    return startWatch({ transport, user, subjects: this.subjects, log: this.log }, ref, opts, onEvent);
  }

  private async call(
    verb: ApiVerb, ref: ResourceRef, target: Target,
    extra: { body?: unknown; contentType?: string; query?: Record<string, string | undefined> } = {},
  ): Promise<unknown> {
    const req: ApiRequest = {
      verb, group: ref.group, version: ref.version, resource: ref.resource, ...definedOnly(target),
      query: definedOnly(extra.query ?? {}), user: this.opts.user,
    };
    if (extra.body !== undefined) {
      req.body = typeof extra.body === 'string' ? extra.body : JSON.stringify(extra.body);
      req.contentType = extra.contentType ?? 'application/json';
    }
    const reply = await this.opts.transport.request(this.subjects.apiRequest, req, this.opts.requestTimeoutMs ?? REQUEST_TIMEOUT_MS);
    return unwrapResponse(reply);
  }
}

/** The body of a successful ApiResponse; the ApiError it describes otherwise. */
export function unwrapResponse(reply: unknown): unknown {
  const r = reply as { code?: unknown; body?: unknown } | null;
  if (!r || typeof r.code !== 'number') throw new InternalError('malformed reply from the apiserver');
  if (r.code < 400) return r.body;
  const status = r.body as Partial<Status> | null;
  if (status && status.kind === 'Status') throw ApiError.fromStatus({ ...(status as Status), code: r.code });
  throw new ApiError(`the server answered ${r.code}`, r.code, 'Unknown');
}

function targetOf(obj: KubeObject): Target {
  const name = obj.metadata?.name;
  // A caller bug, not an API answer: fail before sending anything.
  if (!name) throw new TypeError('update needs an object with metadata.name');
  return { namespace: obj.metadata.namespace, name };
}

function writeQuery(opts: WriteOptions): Record<string, string | undefined> {
  return { dryRun: opts.dryRun ? 'All' : undefined, fieldManager: opts.fieldManager };
}

function definedOnly<V>(o: Record<string, V | undefined>): Record<string, V> {
  const out: Record<string, V> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}
