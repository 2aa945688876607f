/**
 * RedisStore: the apiserver's storage layer, the role etcd plays for kube-apiserver.
 * Only the apiserver holds a connection with access to these keys (the Redis ACL enforces it).
 *
 * Contract:
 * - every write is one Lua step (lua-scripts.ts): counter, object and history move together;
 * - `create` fails with AlreadyExistsError, `update`/`delete` with NotFoundError, or ConflictError when
 *   `expectRv` is given and the stored version differs (optimistic concurrency);
 * - `list` returns the items and the resourceVersion of exactly that state.
 */
import type { Redis } from 'ioredis';
import type { KubeObject } from '../../lib/api/types.js';
import type { ResourceInfo } from '../../lib/api/resources.js';
import { AlreadyExistsError, ConflictError, NotFoundError } from '../../lib/errors.js';
import { objectField, type StoreKeys } from './keys.js';
import { WRITE_SCRIPT } from './lua-scripts.js';
import { decodeStored, encodeObject, withVersion } from './stored-value.js';

type RedisWithScripts = Redis & {
  kubelabWrite(rv: string, hash: string, history: string, ...args: string[]): Promise<unknown[]>;
};

export interface StoreOptions {
  /** How many changes the watch history keeps (approximately; Redis trims whole stream nodes). */
  historyLength: number;
}

export class RedisStore {
  private readonly redis: RedisWithScripts;

  constructor(redis: Redis, readonly keys: StoreKeys, private readonly opts: StoreOptions) {
    redis.defineCommand('kubelabWrite', { numberOfKeys: 3, lua: WRITE_SCRIPT });
    this.redis = redis as RedisWithScripts;
  }

  async get(info: ResourceInfo, namespace: string | undefined, name: string): Promise<KubeObject | undefined> {
    const value = await this.redis.hget(this.hashKey(info), objectField(ns(info, namespace), name));
    return value === null ? undefined : decodeStored(value);
  }

  /** All objects of a resource, optionally in one namespace, with the resourceVersion of that state. */
  async list(info: ResourceInfo, namespace?: string): Promise<{ resourceVersion: string; items: KubeObject[] }> {
    // One MULTI is as atomic as a script (nothing runs between the GET and the HGETALL), so the version
    // is exactly that of the items; a Lua script would also copy every object into Lua and back, which
    // cost Redis 6× the time of the MULTI for 500 ConfigMaps (docs/performance.md), all of it time in
    // which Redis serves no write.
    const replies = await this.redis.multi().get(this.keys.rv).hgetall(this.hashKey(info)).exec();
    const [[rvErr, rv], [hashErr, hash]] = replies as [[Error | null, string | null], [Error | null, Record<string, string>]];
    if (rvErr || hashErr) throw rvErr ?? hashErr;
    const prefix = namespace && info.namespaced ? `${namespace}/` : undefined;
    const entries: [field: string, value: string][] = [];
    for (const [field, value] of Object.entries(hash)) if (!prefix || field.startsWith(prefix)) entries.push([field, value]);
    // The hash field is "<namespace>/<name>", the order kube-apiserver lists in: sorting by it before
    // decoding avoids rebuilding that key from both objects in every comparison (a third of a list's
    // CPU for 500 objects, measured by bench/apiserver).
    entries.sort(byField);
    return { resourceVersion: rv ?? '0', items: entries.map(([, value]) => decodeStored(value)) };
  }

  async currentResourceVersion(): Promise<string> {
    return (await this.redis.get(this.keys.rv)) ?? '0';
  }

  async create(info: ResourceInfo, obj: KubeObject): Promise<KubeObject> {
    const json = encodeObject(obj);
    const reply = await this.write(info, 'create', obj, json, '');
    if (reply[0] === 'exists') throw new AlreadyExistsError(info, obj.metadata.name!);
    return withVersion(json, String(reply[1]));
  }

  /** Replaces the stored object. `expectRv` ('' for none) guards against lost updates. */
  async update(info: ResourceInfo, obj: KubeObject, expectRv: string): Promise<KubeObject> {
    const json = encodeObject(obj);
    const reply = await this.write(info, 'update', obj, json, expectRv);
    return withVersion(json, String(reply[1]));
  }

  /** Removes the object and returns its final state, at the resourceVersion of the deletion. */
  async delete(info: ResourceInfo, obj: KubeObject, expectRv: string): Promise<KubeObject> {
    const reply = await this.write(info, 'delete', obj, '', expectRv);
    const previous = String(reply[2]);
    return withVersion(previous.slice(previous.indexOf('\n') + 1), String(reply[1]));
  }

  private async write(info: ResourceInfo, op: string, obj: KubeObject, json: string, expectRv: string): Promise<unknown[]> {
    const name = obj.metadata.name!;
    const field = objectField(ns(info, obj.metadata.namespace), name);
    const reply = await this.redis.kubelabWrite(
      this.keys.rv, this.hashKey(info), this.keys.history,
      op, field, json, expectRv, String(this.opts.historyLength), `${info.group}/${info.resource}`,
    );
    if (reply[0] === 'notfound') throw new NotFoundError(info, name);
    if (reply[0] === 'conflict') throw new ConflictError(info, name);
    return reply;
  }

  private hashKey(info: ResourceInfo): string {
    return this.keys.objects(info.group, info.resource);
  }
}

function ns(info: ResourceInfo, namespace: string | undefined): string {
  return info.namespaced ? namespace ?? '' : '';
}

function byField(a: [string, string], b: [string, string]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}
