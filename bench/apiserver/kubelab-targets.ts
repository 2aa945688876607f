/**
 * The two doors of the kubelab apiserver as benchmark targets: the REST API over HTTPS (what kubectl and
 * client libraries use) and the internal API over NATS through lib/client's ApiClient (what every
 * component uses). Both end in the same Registry, so the difference between them is the door.
 */
import type { KubeList, KubeObject } from '../../lib/api/types.js';
import { ApiClient, CONFIGMAPS } from '../../lib/client/index.js';
import { expectJson, httpsRequest, type HttpsEndpoint } from './https-client.js';
import type { BenchTarget } from './target.js';

const cmPath = (ns: string, name?: string) => `/api/v1/namespaces/${ns}/configmaps${name ? `/${name}` : ''}`;

export class RestTarget implements BenchTarget {
  readonly name = 'rest';

  constructor(private readonly ep: HttpsEndpoint) {}

  async create(ns: string, obj: KubeObject): Promise<void> {
    await expectJson(httpsRequest(this.ep, 'POST', cmPath(ns), JSON.stringify(obj)), 201);
  }

  async get(ns: string, name: string): Promise<void> {
    await expectJson(httpsRequest(this.ep, 'GET', cmPath(ns, name)), 200);
  }

  async list(ns: string): Promise<number> {
    const list = await expectJson<KubeList>(httpsRequest(this.ep, 'GET', cmPath(ns)), 200);
    return list.items.length;
  }

  async update(ns: string, obj: KubeObject): Promise<void> {
    await expectJson(httpsRequest(this.ep, 'PUT', cmPath(ns, obj.metadata.name), JSON.stringify(obj)), 200);
  }

  async delete(ns: string, name: string): Promise<void> {
    await expectJson(httpsRequest(this.ep, 'DELETE', cmPath(ns, name)), 200);
  }
}

export class NatsTarget implements BenchTarget {
  readonly name = 'nats';

  constructor(private readonly api: ApiClient) {}

  async create(ns: string, obj: KubeObject): Promise<void> {
    await this.api.create(CONFIGMAPS, ns, obj);
  }

  async get(ns: string, name: string): Promise<void> {
    await this.api.get(CONFIGMAPS, ns, name);
  }

  async list(ns: string): Promise<number> {
    return (await this.api.list(CONFIGMAPS, { namespace: ns })).items.length;
  }

  async update(ns: string, obj: KubeObject): Promise<void> {
    await this.api.update(CONFIGMAPS, { ...obj, metadata: { ...obj.metadata, namespace: ns } });
  }

  async delete(ns: string, name: string): Promise<void> {
    await this.api.delete(CONFIGMAPS, ns, name);
  }
}
