import { describe, expect, it } from 'vitest';
import { makePod } from '../testing/builders.js';
import type { Container } from '../pods/types.js';
import { configMapNames, containerEnv, type EnvContext } from './container-env.js';
import { envName, serviceEnv, type ServiceLike } from './service-env.js';

const svc = (namespace: string, name: string, clusterIP: string, ports: NonNullable<NonNullable<ServiceLike['spec']>['ports']>): ServiceLike => ({ metadata: { name, namespace }, spec: { clusterIP, ports } });
const kubernetes = svc('default', 'kubernetes', '127.96.0.1', [{ name: 'https', port: 443, protocol: 'TCP' }]);
const hello = svc('default', 'hello', '127.96.0.10', [{ name: 'http', port: 8080, protocol: 'TCP' }]);

describe('serviceEnv', () => {
  it('gives the exact upstream variables for a service', () => {
    expect(serviceEnv([hello], 'default', true)).toEqual({
      HELLO_SERVICE_HOST: '127.96.0.10', HELLO_SERVICE_PORT: '8080', HELLO_SERVICE_PORT_HTTP: '8080',
      HELLO_PORT: 'tcp://127.96.0.10:8080', HELLO_PORT_8080_TCP: 'tcp://127.96.0.10:8080',
      HELLO_PORT_8080_TCP_PROTO: 'tcp', HELLO_PORT_8080_TCP_PORT: '8080', HELLO_PORT_8080_TCP_ADDR: '127.96.0.10',
    });
  });

  it('always includes the kubernetes service, other namespaces never, headless services never', () => {
    const other = svc('prod', 'db', '127.96.0.20', [{ port: 5432 }]);
    const headless = svc('prod', 'web', 'None', [{ port: 80 }]);
    const env = serviceEnv([kubernetes, hello, other, headless], 'prod', true);
    expect(env.KUBERNETES_SERVICE_HOST).toBe('127.96.0.1');
    expect(env.KUBERNETES_SERVICE_PORT).toBe('443');
    expect(env.KUBERNETES_SERVICE_PORT_HTTPS).toBe('443');
    expect(env.DB_PORT_5432_TCP_ADDR).toBe('127.96.0.20');
    expect(Object.keys(env).some((k) => k.startsWith('HELLO') || k.startsWith('WEB'))).toBe(false);
  });

  it('keeps only the kubernetes service without service links', () => {
    expect(Object.keys(serviceEnv([kubernetes, hello], 'default', false)).every((k) => k.startsWith('KUBERNETES_'))).toBe(true);
  });

  it.each([['my-svc', 'MY_SVC'], ['9lives', '_9LIVES']])('names %s as %s', (name, out) => {
    expect(envName(name)).toBe(out);
  });
});

describe('containerEnv', () => {
  const pod = makePod('hello').container('nginx').build();
  pod.metadata.labels = { app: 'hello' };
  const ctx = (container: Partial<Container>, extra: Partial<EnvContext> = {}): EnvContext => ({
    pod, container: { name: 'nginx', image: 'x', ...container }, podIP: '127.244.1.2', nodeIP: '127.0.1.1',
    imageEnv: { PATH: '/toolbox:/usr/bin' }, services: [kubernetes, hello], configMaps: {}, allocatable: { cpu: 4, memory: 8 * 2 ** 30 }, ...extra,
  });

  it('has the image env, HOSTNAME, service variables and the container env', () => {
    const r = containerEnv(ctx({ env: [{ name: 'GREETING', value: 'hi from $(HOSTNAME) at $(HELLO_SERVICE_HOST)' }] }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.env).toMatchObject({ PATH: '/toolbox:/usr/bin', HOSTNAME: 'hello', KUBERNETES_SERVICE_HOST: '127.96.0.1', HELLO_SERVICE_PORT: '8080' });
    // HOSTNAME is the runtime's, not the kubelet's: $(HOSTNAME) is not expanded, as on a real node.
    expect(r.env.GREETING).toBe('hi from $(HOSTNAME) at 127.96.0.10');
  });

  it('resolves the downward API', () => {
    const env = [
      ['POD', 'metadata.name'], ['NS', 'metadata.namespace'], ['UID', 'metadata.uid'], ['APP', "metadata.labels['app']"],
      ['IP', 'status.podIP'], ['NODE', 'spec.nodeName'], ['HOST', 'status.hostIP'],
    ].map(([name, fieldPath]) => ({ name: name!, valueFrom: { fieldRef: { fieldPath: fieldPath! } } }));
    env.push({ name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } as never });
    const r = containerEnv(ctx({ env }));
    expect(r).toMatchObject({ ok: true, env: { POD: 'hello', NS: 'default', UID: 'uid-hello', APP: 'hello', IP: '127.244.1.2', NODE: 'node-1', HOST: '127.0.1.1', CPU: '4' } });
  });

  it('reads ConfigMaps, and reports the kubelet\'s errors when they are missing', () => {
    const container: Partial<Container> = { env: [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'mode' } } }], envFrom: [{ configMapRef: { name: 'all' }, prefix: 'X_' }] };
    expect(configMapNames(container as Container)).toEqual(['all', 'cfg']);
    expect(containerEnv(ctx(container, { configMaps: { cfg: { data: { mode: 'fast' } }, all: { data: { a: '1', 'bad key': '2' } } } }))).toMatchObject({ ok: true, env: { MODE: 'fast', X_a: '1' } });
    expect(containerEnv(ctx(container, { configMaps: { all: {} } }))).toEqual({ ok: false, error: 'configmap "cfg" not found' });
    expect(containerEnv(ctx(container, { configMaps: { all: {}, cfg: { data: {} } } }))).toEqual({ ok: false, error: "couldn't find key mode in ConfigMap default/cfg" });
  });

  it('expands earlier variables in order, and $$ escapes', () => {
    const r = containerEnv(ctx({ env: [{ name: 'A', value: 'x' }, { name: 'B', value: '$(A)-$$(A)-$(LATER)' }, { name: 'LATER', value: 'y' }] }));
    expect(r.ok && r.env.B).toBe('x-$(A)-$(LATER)');
  });

  it('lets the container env win over service variables', () => {
    const r = containerEnv(ctx({ env: [{ name: 'HELLO_SERVICE_HOST', value: 'mine' }] }));
    expect(r.ok && r.env.HELLO_SERVICE_HOST).toBe('mine');
  });
});
