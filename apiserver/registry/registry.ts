/**
 * Registry: the generic REST storage logic every resource shares (kube-apiserver's
 * `registry/generic/registry.Store`). One ApiRequest in, one ApiResponse out; the HTTP and NATS doors
 * both call `handle`, and `watch` for streams.
 *
 * Write path, for every resource: decode → server-owned metadata → defaults → validation → admission
 * (namespace lifecycle, allocations) → one atomic store write. Updates retry internally on a storage
 * conflict unless the client sent its own resourceVersion (then the 409 is the client's to handle).
 */
import { isDeepStrictEqual } from 'node:util';
import { findResource, type ResourceInfo } from '../../lib/api/resources.js';
import type { ApiRequest, ApiResponse } from '../../lib/api/request.js';
import type { KubeObject } from '../../lib/api/types.js';
import { BadRequestError, ConflictError, MethodNotAllowedError, NotFoundError, RouteNotFoundError } from '../../lib/errors.js';
import type { Logger } from '../../lib/log.js';
import type { RedisStore } from '../storage/redis-store.js';
import type { ActiveWatch, WatchHub, WatchSink } from '../watch/watch-hub.js';
import type { Admission, AdmittedUpdate } from './admission.js';
import { deletedResponse, planDeletion, readyToRemove, type DeleteOptions } from './deletion-plan.js';
import { nextGeneration, preserveMetaOnUpdate, prepareMetaForCreate } from './object-meta.js';
import * as pipeline from './pipeline.js';
import { strategyFor } from './strategies.js';

export interface RegistryDeps {
  store: RedisStore;
  hub: WatchHub;
  admission: Admission;
  now: () => Date;
  uid: () => string;
  random: () => number;
  log: Logger;
}

const MAX_UPDATE_ATTEMPTS = 8;

/** main: PUT/PATCH of the object; status: of its status subresource; internal: a subresource's own write. */
type UpdatePart = 'main' | 'status' | 'internal';

export class Registry {
  constructor(private readonly deps: RegistryDeps) {}

  async handle(req: ApiRequest): Promise<ApiResponse> {
    const info = resolve(req);
    if (req.subresource) return this.subresource(req, info);
    switch (req.verb) {
      case 'get': return { code: 200, body: await this.getObject(info, req.namespace, req.name!) };
      case 'list': return { code: 200, body: await this.list(req, info) };
      case 'create': return this.create(req, info);
      case 'update': return this.update(req, info, 'main');
      case 'patch': return this.patch(req, info, 'main');
      case 'delete': return this.delete(req, info);
      case 'deletecollection': return this.deleteCollection(req, info);
      default: throw new MethodNotAllowedError();
    }
  }

  async watch(req: ApiRequest, sink: WatchSink): Promise<ActiveWatch> {
    const info = resolve(req);
    return this.deps.hub.start(
      { info, namespace: req.namespace, matches: pipeline.objectFilter(info, req.query), resourceVersion: req.query.resourceVersion },
      sink,
    );
  }

  latestResourceVersion(): number {
    return this.deps.hub.latestResourceVersion();
  }

  async getObject(info: ResourceInfo, namespace: string | undefined, name: string): Promise<KubeObject> {
    const obj = await this.deps.store.get(info, namespace, name);
    if (!obj) throw new NotFoundError(info, name);
    return obj;
  }

  private async list(req: ApiRequest, info: ResourceInfo) {
    const matches = pipeline.objectFilter(info, req.query);
    const { resourceVersion, items } = await this.deps.store.list(info, req.namespace);
    return {
      kind: info.listKind,
      apiVersion: info.group ? `${info.group}/${info.version}` : info.version,
      metadata: { resourceVersion },
      items: items.filter(matches),
    };
  }

  private async create(req: ApiRequest, info: ResourceInfo): Promise<ApiResponse> {
    if (req.name) throw new MethodNotAllowedError();
    const { object, warnings } = pipeline.decode(req, info);
    const obj = await this.prepareCreate(req, info, object);
    return { code: 201, body: await this.store(req, info, obj), warnings };
  }

  /** The create write itself; allocations made by admission are given back if it fails. */
  private async store(req: ApiRequest, info: ResourceInfo, obj: KubeObject): Promise<KubeObject> {
    if (isDryRun(req)) {
      await this.deps.admission.rollbackCreate(info, obj);
      return obj;
    }
    try {
      return await this.deps.store.create(info, obj);
    } catch (err) {
      await this.deps.admission.rollbackCreate(info, obj);
      throw err;
    }
  }

  /** Everything a create does before the store write; also used by create-on-update. */
  private async prepareCreate(req: ApiRequest, info: ResourceInfo, object: KubeObject): Promise<KubeObject> {
    checkNamespace(req, info, object);
    const strategy = strategyFor(info);
    let obj = prepareMetaForCreate(object, { now: this.deps.now(), uid: this.deps.uid(), random: this.deps.random, tracksGeneration: strategy.tracksGeneration });
    if (strategy.initialStatus) obj.status = strategy.initialStatus(obj);
    obj = pipeline.defaults(info, obj, 'create');
    pipeline.validateCreate(info, obj);
    return this.deps.admission.admitCreate(info, obj, isDryRun(req));
  }

  private async update(req: ApiRequest, info: ResourceInfo, part: 'main' | 'status'): Promise<ApiResponse> {
    const { object: incoming, warnings } = pipeline.decode(req, info);
    checkNamespace(req, info, incoming);
    if (incoming.metadata.name !== req.name) {
      throw new BadRequestError(`the name of the object (${incoming.metadata.name ?? ''}) does not match the name on the URL (${req.name})`);
    }
    const userRv = incoming.metadata.resourceVersion;
    return this.guaranteedUpdate(req, info, part, userRv, warnings, async (old) => {
      if (!old) return undefined;
      return incoming;
    });
  }

  private async patch(req: ApiRequest, info: ResourceInfo, part: 'main' | 'status'): Promise<ApiResponse> {
    return this.guaranteedUpdate(req, info, part, undefined, [], async (old) => {
      if (!old) throw new NotFoundError(info, req.name!);
      const patched = pipeline.patch(req, info, old);
      // A resourceVersion inside the patch is a precondition, as on an update.
      const rv = patched.metadata.resourceVersion;
      if (rv && rv !== old.metadata.resourceVersion) throw new ConflictError(info, req.name!);
      return patched;
    });
  }

  /**
   * Reads the current object, lets `mutate` produce the desired one, and writes it guarded by the read
   * version; a concurrent write in between makes it try again, like kube-apiserver's GuaranteedUpdate.
   */
  private async guaranteedUpdate(
    req: ApiRequest, info: ResourceInfo, part: UpdatePart, userRv: string | undefined, warnings: string[],
    mutate: (old: KubeObject | undefined) => Promise<KubeObject | undefined>,
  ): Promise<ApiResponse> {
    const strategy = strategyFor(info);
    for (let attempt = 1; ; attempt++) {
      const old = await this.deps.store.get(info, req.namespace, req.name!);
      const incoming = await mutate(old);
      if (!old) {
        if (!strategy.allowCreateOnUpdate || !incoming) throw new NotFoundError(info, req.name!);
        const obj = await this.prepareCreate(req, info, incoming);
        return { code: 201, body: await this.store(req, info, obj), warnings };
      }
      if (userRv && userRv !== old.metadata.resourceVersion) throw new ConflictError(info, req.name!);
      const admitted = await this.prepareUpdate(info, part, incoming!, old);
      const next = admitted.object;
      if (sameObject(next, old) || isDryRun(req)) {
        await admitted.undo();
        return { code: 200, body: isDryRun(req) ? next : old, warnings };
      }
      try {
        const body = readyToRemove(next)
          ? await this.deps.store.delete(info, next, old.metadata.resourceVersion!)
          : await this.deps.store.update(info, next, old.metadata.resourceVersion!);
        await admitted.done();
        if (readyToRemove(next)) await this.deps.admission.afterDelete(info, body);
        return { code: 200, body, warnings };
      } catch (err) {
        await admitted.undo();
        if (!(err instanceof ConflictError) || userRv || attempt >= MAX_UPDATE_ATTEMPTS) throw err;
      }
    }
  }

  /** The object an update will store: server-owned fields kept, defaults, admission, then validation. */
  private async prepareUpdate(info: ResourceInfo, part: UpdatePart, incoming: KubeObject, old: KubeObject): Promise<AdmittedUpdate> {
    const next = this.mergeUpdate(info, part, incoming, old);
    if (part === 'internal') return { object: next, undo: async () => {}, done: async () => {} };
    const admitted = await this.deps.admission.admitUpdate(info, next, old);
    try {
      pipeline.validateUpdate(info, admitted.object, old);
    } catch (err) {
      await admitted.undo();
      throw err;
    }
    return admitted;
  }

  private mergeUpdate(info: ResourceInfo, part: UpdatePart, incoming: KubeObject, old: KubeObject): KubeObject {
    const strategy = strategyFor(info);
    let next: KubeObject;
    if (part === 'internal') {
      // A subresource (binding, scale) computed this object itself from the stored one.
      next = preserveMetaOnUpdate(incoming, old);
      const generation = nextGeneration(next, old, { annotationsCount: strategy.generationCountsAnnotations });
      if (generation !== undefined) next.metadata.generation = generation;
      next.metadata = { ...next.metadata, resourceVersion: old.metadata.resourceVersion };
      return pipeline.defaults(info, next, 'update');
    }
    if (part === 'status') {
      next = { ...old, status: incoming.status };
    } else {
      next = preserveMetaOnUpdate(incoming, old);
      if (strategy.hasStatusSubresource) {
        if (old.status === undefined) delete next.status;
        else next.status = old.status;
      }
      const generation = nextGeneration(next, old, { annotationsCount: strategy.generationCountsAnnotations });
      if (generation !== undefined) next.metadata.generation = generation;
    }
    next.metadata = { ...next.metadata, resourceVersion: old.metadata.resourceVersion };
    return pipeline.defaults(info, next, 'update');
  }

  private async delete(req: ApiRequest, info: ResourceInfo): Promise<ApiResponse> {
    const { object, removed } = await this.deleteObject(req, info);
    return { code: 200, body: removed ? deletedResponse(info, object) : object };
  }

  /** The object as the DELETE left it, and whether it is gone (rather than marked or unchanged). */
  private async deleteObject(req: ApiRequest, info: ResourceInfo): Promise<{ object: KubeObject; removed: boolean }> {
    const opts = pipeline.deleteOptions(req);
    this.deps.admission.admitDelete(info, req.namespace, req.name!);
    for (let attempt = 1; ; attempt++) {
      const old = await this.getObject(info, req.namespace, req.name!);
      checkPreconditions(info, old, opts);
      const plan = planDeletion(info, old, opts, this.deps.now());
      // dryRun may come in the query or in the DeleteOptions body (an Eviction's, client-go's Delete).
      if (plan.action === 'unchanged' || isDryRun(req) || opts.dryRun?.includes('All')) {
        return { object: plan.action === 'mark' ? plan.object : old, removed: plan.action === 'remove' };
      }
      try {
        if (plan.action === 'mark') return { object: await this.deps.store.update(info, plan.object, old.metadata.resourceVersion!), removed: false };
        const removed = await this.deps.store.delete(info, old, old.metadata.resourceVersion!);
        await this.deps.admission.afterDelete(info, removed);
        return { object: removed, removed: true };
      } catch (err) {
        if (!(err instanceof ConflictError) || attempt >= MAX_UPDATE_ATTEMPTS) throw err;
      }
    }
  }

  private async deleteCollection(req: ApiRequest, info: ResourceInfo): Promise<ApiResponse> {
    const list = await this.list(req, info);
    const deleted: KubeObject[] = [];
    for (const item of list.items) {
      try {
        const res = await this.deleteObject({ ...req, verb: 'delete', name: item.metadata.name, namespace: item.metadata.namespace }, info);
        deleted.push(res.object);
      } catch (err) {
        if (!(err instanceof NotFoundError)) throw err; // deleted meanwhile: that is what was asked
      }
    }
    return { code: 200, body: { ...list, items: deleted } };
  }

  private async subresource(req: ApiRequest, info: ResourceInfo): Promise<ApiResponse> {
    const sub = req.subresource!;
    if (sub === 'status') {
      if (req.verb === 'get') return { code: 200, body: await this.getObject(info, req.namespace, req.name!) };
      if (req.verb === 'update') return this.update(req, info, 'status');
      if (req.verb === 'patch') return this.patch(req, info, 'status');
      throw new MethodNotAllowedError();
    }
    const handler = this.deps.admission.subresources[`${info.resource}/${sub}`];
    if (!handler) throw new RouteNotFoundError();
    return handler(req, info, this);
  }

  /** For subresource handlers: a read-modify-write of the main object with the registry's guarantees. */
  async updateWith(req: ApiRequest, info: ResourceInfo, mutate: (old: KubeObject) => KubeObject, userRv?: string): Promise<KubeObject> {
    const res = await this.guaranteedUpdate({ ...req, subresource: undefined }, info, 'internal', userRv, [], async (old) => {
      if (!old) throw new NotFoundError(info, req.name!);
      return mutate(structuredClone(old));
    });
    return res.body as KubeObject;
  }
}

function resolve(req: ApiRequest): ResourceInfo {
  const info = findResource(req.group, req.version, req.resource);
  if (!info) throw new RouteNotFoundError();
  if (info.namespaced && req.name && !req.namespace && req.verb !== 'list' && req.verb !== 'watch') throw new RouteNotFoundError();
  return info;
}

function checkNamespace(req: ApiRequest, info: ResourceInfo, obj: KubeObject): void {
  if (!info.namespaced) {
    delete obj.metadata.namespace;
    return;
  }
  const ns = obj.metadata.namespace;
  if (ns && req.namespace && ns !== req.namespace) {
    throw new BadRequestError('the namespace of the provided object does not match the namespace sent on the request');
  }
  obj.metadata.namespace = req.namespace ?? ns;
}

function checkPreconditions(info: ResourceInfo, obj: KubeObject, opts: DeleteOptions): void {
  const p = opts.preconditions;
  const name = obj.metadata.name!;
  if (p?.uid && p.uid !== obj.metadata.uid) {
    throw new ConflictError(info, name, `Precondition failed: UID in precondition: ${p.uid}, UID in object meta: ${obj.metadata.uid}`);
  }
  if (p?.resourceVersion && p.resourceVersion !== obj.metadata.resourceVersion) {
    throw new ConflictError(info, name, `Precondition failed: ResourceVersion in precondition: ${p.resourceVersion}, ResourceVersion in object meta: ${obj.metadata.resourceVersion}`);
  }
}

function isDryRun(req: ApiRequest): boolean {
  return req.query.dryRun === 'All';
}

/** A write that changes nothing is not stored (no new resourceVersion), as kube-apiserver does. */
function sameObject(a: KubeObject, b: KubeObject): boolean {
  return isDeepStrictEqual(a, b);
}
