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
import { LIST_SCRIPT, WRITE_SCRIPT } from './lua-scripts.js';
import { decodeStored, encodeObject, withVersion } from './stored-value.js';

type RedisWithScripts = Redis & {
  kubelabWrite(rv: string, hash: string, history: string, ...args: string[]): Promise<unknown[]>;
  kubelabList(rv: string, hash: string): Promise<string[]>;
};

export interface StoreOptions {
  /** How many changes the watch history keeps (approximately; Redis trims whole stream nodes). */
  historyLength: number;
}

export class RedisStore {
  private readonly redis: RedisWithScripts;

  constructor(redis: Redis, readonly keys: StoreKeys, private readonly opts: StoreOptions) {
    redis.defineCommand('kubelabWrite', { numberOfKeys: 3, lua: WRITE_SCRIPT });
    redis.defineCommand('kubelabList', { numberOfKeys: 2, lua: LIST_SCRIPT });
    this.redis = redis as RedisWithScripts;
  }

  async get(info: ResourceInfo, namespace: string | undefined, name: string): Promise<KubeObject | undefined> {
    const value = await this.redis.hget(this.hashKey(info), objectField(ns(info, namespace), name));
    return value === null ? undefined : decodeStored(value);
  }

  /** All objects of a resource, optionally in one namespace, with the resourceVersion of that state. */
  async list(info: ResourceInfo, namespace?: string): Promise<{ resourceVersion: string; items: KubeObject[] }> {
    const reply = await this.redis.kubelabList(this.keys.rv, this.hashKey(info));
    const [rv, ...pairs] = reply;
    const prefix = namespace && info.namespaced ? `${namespace}/` : undefined;
    const items: KubeObject[] = [];
    for (let i = 0; i < pairs.length; i += 2) {
      if (prefix && !pairs[i]!.startsWith(prefix)) continue;
      items.push(decodeStored(pairs[i + 1]!));
    }
    items.sort(byNamespaceAndName);
    return { resourceVersion: rv ?? '0', items };
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

function byNamespaceAndName(a: KubeObject, b: KubeObject): number {
  const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name}`;
  const kb = `${b.metadata.namespace ?? ''}/${b.metadata.name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
