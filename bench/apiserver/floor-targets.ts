/**
 * The client side of the floor (floor-server.ts): the benchmark's five calls made over HTTPS or NATS to
 * a responder that only runs the Redis command, plus the bare transport echoes. Bodies are the same
 * JSON the kubelab targets send, and answers are parsed the same way, so client-side costs match.
 */
import type { NatsConnection } from '@nats-io/transport-node';
import type { KubeObject } from '../../lib/api/types.js';
import { expectJson, httpsRequest, type HttpsEndpoint } from './https-client.js';
import type { BenchTarget } from './target.js';

export const FLOOR_SUBJECT = 'kubelab-bench.floor';
export const ECHO_SUBJECT = 'kubelab-bench.echo';
export const floorKey = (ns: string) => `kubelab-bench:floor:${ns}`;
const REQUEST_TIMEOUT_MS = 10_000;

export class FloorHttpsTarget implements BenchTarget {
  readonly name = 'floor/https';

  constructor(private readonly ep: HttpsEndpoint) {}

  async create(ns: string, obj: KubeObject): Promise<void> {
    await expectJson(httpsRequest(this.ep, 'POST', `/floor/${ns}/${obj.metadata.name}`, JSON.stringify(obj)), 200);
  }

  async get(ns: string, name: string): Promise<void> {
    await expectJson(httpsRequest(this.ep, 'GET', `/floor/${ns}/${name}`), 200);
  }

  async list(ns: string): Promise<number> {
    return (await expectJson<{ items: unknown[] }>(httpsRequest(this.ep, 'GET', `/floor/${ns}`), 200)).items.length;
  }

  async update(ns: string, obj: KubeObject): Promise<void> {
    await expectJson(httpsRequest(this.ep, 'PUT', `/floor/${ns}/${obj.metadata.name}`, JSON.stringify(obj)), 200);
  }

  async delete(ns: string, name: string): Promise<void> {
    await expectJson(httpsRequest(this.ep, 'DELETE', `/floor/${ns}/${name}`), 200);
  }

  /** A bare HTTPS round trip with a body, no Redis. */
  async echo(body: string): Promise<void> {
    const a = await httpsRequest(this.ep, 'POST', '/echo', body);
    if (a.status !== 200 || a.body.length !== body.length) throw new Error(`echo answered ${a.status}`);
  }
}

export class FloorNatsTarget implements BenchTarget {
  readonly name = 'floor/nats';

  constructor(private readonly nc: NatsConnection) {}

  private async call(verb: string, ns: string, name: string | undefined, body = ''): Promise<unknown> {
    const subject = [FLOOR_SUBJECT, verb, ns, ...(name ? [name] : [])].join('.');
    const reply = await this.nc.request(subject, body, { timeout: REQUEST_TIMEOUT_MS });
    if (reply.data.length === 0) throw new Error(`floor ${verb} ${ns}/${name ?? ''} failed`);
    return reply.json<unknown>();
  }

  async create(ns: string, obj: KubeObject): Promise<void> {
    await this.call('put', ns, obj.metadata.name, JSON.stringify(obj));
  }

  async get(ns: string, name: string): Promise<void> {
    await this.call('get', ns, name);
  }

  async list(ns: string): Promise<number> {
    return ((await this.call('list', ns, undefined)) as { items: unknown[] }).items.length;
  }

  async update(ns: string, obj: KubeObject): Promise<void> {
    await this.call('put', ns, obj.metadata.name, JSON.stringify(obj));
  }

  async delete(ns: string, name: string): Promise<void> {
    await this.call('delete', ns, name);
  }

  /** A bare NATS request/reply with a payload, no Redis. */
  async echo(body: string): Promise<void> {
    const reply = await this.nc.request(ECHO_SUBJECT, body, { timeout: REQUEST_TIMEOUT_MS });
    if (reply.data.length !== Buffer.byteLength(body)) throw new Error('echo answered a different payload');
  }
}
