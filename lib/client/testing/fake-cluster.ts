/**
 * Test fixtures: a FakeBus with a started FakeApiServer and an ApiClient on its own connection, and a
 * tiny object builder. For unit tests only; see fake-bus.ts and fake-apiserver.ts for the semantics.
 */
import type { KubeObject, OwnerReference } from '../../api/types.js';
import { ApiClient } from '../api-client.js';
import { FakeApiServer, type FakeApiServerOptions } from './fake-apiserver.js';
import { FakeBus, type FakeTransport } from './fake-bus.js';

export interface FakeCluster {
  bus: FakeBus;
  server: FakeApiServer;
  transport: FakeTransport;
  api: ApiClient;
}

export function fakeCluster(opts: FakeApiServerOptions & { requestTimeoutMs?: number } = {}): FakeCluster {
  const bus = new FakeBus();
  const server = new FakeApiServer(bus, opts);
  server.start();
  const transport = bus.connect();
  const api = new ApiClient({ transport, user: 'test', subjectPrefix: opts.prefix, requestTimeoutMs: opts.requestTimeoutMs });
  return { bus, server, transport, api };
}

/** `makePod('web-1').labels({ app: 'web' }).onNode('node-1').ownedBy(rs).build()` */
export function makePod(name: string, namespace = 'default') {
  const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace }, spec: { containers: [{ name: 'c', image: 'nginxdemos/hello:plain-text' }] } };
  const builder = {
    labels(labels: Record<string, string>) {
      pod.metadata.labels = { ...pod.metadata.labels, ...labels };
      return builder;
    },
    onNode(nodeName: string) {
      pod.spec.nodeName = nodeName;
      return builder;
    },
    ownedBy(owner: KubeObject) {
      const ref: OwnerReference = { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name ?? '', uid: owner.metadata.uid ?? '', controller: true };
      pod.metadata.ownerReferences = [ref];
      return builder;
    },
    build: (): KubeObject => structuredClone(pod),
  };
  return builder;
}
