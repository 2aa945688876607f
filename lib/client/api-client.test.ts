import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiRequest } from '../api/request.js';
import {
  AlreadyExistsError, ApiError, ConflictError, GoneError, InternalError, InvalidError, NotFoundError,
  ServiceUnavailableError, TimeoutError,
} from '../errors.js';
import { subjects } from '../nats/subjects.js';
import { ApiClient, unwrapResponse } from './api-client.js';
import { DEPLOYMENTS, LEASES, NODES, PODS } from './resource-refs.js';
import { FakeBus } from './testing/fake-bus.js';
import { fakeCluster, makePod } from './testing/fake-cluster.js';

/** A client whose every request is answered by `answer`, with the requests recorded. */
function scripted(answer: (req: ApiRequest) => unknown = () => ({ code: 200, body: {} })) {
  const bus = new FakeBus();
  const requests: ApiRequest[] = [];
  bus.respond(subjects().apiRequest, (body) => {
    requests.push(body as ApiRequest);
    return answer(body as ApiRequest);
  });
  return { api: new ApiClient({ transport: bus.connect(), user: 'scheduler' }), requests };
}

describe('ApiClient requests', () => {
  const pod = makePod('web', 'prod').build();
  const cases: { name: string; call: (api: ApiClient) => Promise<unknown>; expected: Partial<ApiRequest> }[] = [
    { name: 'get', call: (api) => api.get(PODS, 'prod', 'web'), expected: { verb: 'get', group: '', version: 'v1', resource: 'pods', namespace: 'prod', name: 'web', query: {} } },
    { name: 'get cluster-scoped', call: (api) => api.get(NODES, undefined, 'n1'), expected: { verb: 'get', resource: 'nodes', name: 'n1' } },
    { name: 'list', call: (api) => api.list(DEPLOYMENTS, { namespace: 'prod', labelSelector: 'app=web' }), expected: { verb: 'list', group: 'apps', resource: 'deployments', namespace: 'prod', query: { labelSelector: 'app=web', limit: '500' } } },
    { name: 'create', call: (api) => api.create(PODS, 'prod', pod, { dryRun: true }), expected: { verb: 'create', namespace: 'prod', body: JSON.stringify(pod), contentType: 'application/json', query: { dryRun: 'All' } } },
    { name: 'update', call: (api) => api.update(PODS, pod), expected: { verb: 'update', namespace: 'prod', name: 'web', body: JSON.stringify(pod) } },
    { name: 'updateStatus', call: (api) => api.updateStatus(PODS, pod), expected: { verb: 'update', name: 'web', subresource: 'status' } },
    { name: 'patch', call: (api) => api.patch(PODS, 'prod', 'web', 'strategic', { spec: { x: 1 } }), expected: { verb: 'patch', name: 'web', body: '{"spec":{"x":1}}', contentType: 'application/strategic-merge-patch+json' } },
    { name: 'patch status', call: (api) => api.patch(PODS, 'prod', 'web', 'merge', {}, { subresource: 'status' }), expected: { subresource: 'status', contentType: 'application/merge-patch+json' } },
    { name: 'delete', call: (api) => api.delete(PODS, 'prod', 'web', { propagationPolicy: 'Background' }), expected: { verb: 'delete', name: 'web', body: '{"propagationPolicy":"Background"}' } },
    { name: 'binding', call: (api) => api.createSubresource(PODS, 'prod', 'web', 'binding', { target: { name: 'n1' } }), expected: { verb: 'create', name: 'web', subresource: 'binding', body: '{"target":{"name":"n1"}}' } },
    { name: 'lease', call: (api) => api.get(LEASES, 'kube-system', 'sched'), expected: { group: 'coordination.k8s.io', resource: 'leases' } },
  ];
  it.each(cases)('$name sends the matching ApiRequest, with the user', async ({ call, expected }) => {
    const { api, requests } = scripted();
    await call(api);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ ...expected, user: 'scheduler' });
  });
});

describe('ApiClient errors', () => {
  const status = (code: number, reason: string, message: string) => ({ code, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code, reason, message } });
  const cases = [
    { code: 404, reason: 'NotFound', type: NotFoundError },
    { code: 409, reason: 'AlreadyExists', type: AlreadyExistsError },
    { code: 409, reason: 'Conflict', type: ConflictError },
    { code: 422, reason: 'Invalid', type: InvalidError },
    { code: 410, reason: 'Expired', type: GoneError },
    { code: 503, reason: 'ServiceUnavailable', type: ServiceUnavailableError },
  ];
  it.each(cases)('a $code $reason reply is thrown as $type.name', async ({ code, reason, type }) => {
    const { api } = scripted(() => status(code, reason, 'the message'));
    const err = await api.get(PODS, 'default', 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(type);
    expect(err).toMatchObject({ code, reason, message: 'the message' });
  });

  it('unwrapResponse: passes bodies below 400, rejects malformed replies', () => {
    expect(unwrapResponse({ code: 201, body: { a: 1 } })).toEqual({ a: 1 });
    expect(() => unwrapResponse({ body: {} })).toThrow(InternalError);
    expect(() => unwrapResponse({ code: 500, body: 'boom' })).toThrow(ApiError);
  });

  it('no apiserver listening: ServiceUnavailableError', async () => {
    const api = new ApiClient({ transport: new FakeBus().connect(), user: 'u' });
    await expect(api.get(PODS, 'default', 'x')).rejects.toBeInstanceOf(ServiceUnavailableError);
  });

  it('an apiserver that never answers: TimeoutError after requestTimeoutMs', async () => {
    vi.useFakeTimers();
    try {
      const bus = new FakeBus();
      bus.respond(subjects().apiRequest, () => new Promise(() => undefined));
      const api = new ApiClient({ transport: bus.connect(), user: 'u', requestTimeoutMs: 3000 });
      const result = api.get(PODS, 'default', 'x').catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(3000);
      expect(await result).toBeInstanceOf(TimeoutError);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('ApiClient against the fake apiserver', () => {
  let c = fakeCluster();
  afterEach(() => {
    c.server.crash();
    c = fakeCluster();
  });

  it('lists page by page and returns the version of the first page', async () => {
    for (const name of ['a', 'b', 'c', 'd', 'e']) c.server.write(PODS, makePod(name).build());
    const { items, resourceVersion } = await c.api.list(PODS, { pageSize: 2 });
    expect(items.map((p) => p.metadata.name)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(resourceVersion).toBe('5');
    const lists = c.server.requests.filter((r) => r.verb === 'list');
    expect(lists.map((r) => r.query.continue)).toEqual([undefined, '2', '4']);
  });

  it('create, get, update with optimistic concurrency, delete', async () => {
    const created = await c.api.create(PODS, 'default', makePod('a').build());
    expect(created.metadata).toMatchObject({ name: 'a', namespace: 'default', resourceVersion: '1' });
    const updated = await c.api.update(PODS, { ...created, metadata: { ...created.metadata, labels: { v: '2' } } });
    expect(updated.metadata.resourceVersion).toBe('2');
    await expect(c.api.update(PODS, created)).rejects.toBeInstanceOf(ConflictError);
    await expect(c.api.create(PODS, 'default', makePod('a').build())).rejects.toBeInstanceOf(AlreadyExistsError);
    await c.api.delete(PODS, 'default', 'a');
    await expect(c.api.get(PODS, 'default', 'a')).rejects.toThrow('pods "a" not found');
  });

  it('binds a pod through pods/binding and patches its status', async () => {
    await c.api.create(PODS, 'default', makePod('a').build());
    await c.api.createSubresource(PODS, 'default', 'a', 'binding', { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'a' }, target: { kind: 'Node', name: 'n1' } });
    const patched = await c.api.patch(PODS, 'default', 'a', 'merge', { status: { phase: 'Running' } }, { subresource: 'status' });
    expect(patched.spec.nodeName).toBe('n1');
    expect(patched.status).toEqual({ phase: 'Running' });
  });
});
