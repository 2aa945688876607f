import { describe, expect, it } from 'vitest';
import { parseRequestInfo } from './request-info.js';

describe('parseRequestInfo', () => {
  const cases: [string, string, Record<string, string>, object | undefined][] = [
    ['GET', '/api/v1/namespaces/default/pods', {}, { group: '', version: 'v1', namespace: 'default', resource: 'pods', verb: 'list' }],
    ['GET', '/api/v1/namespaces/default/pods/hello', {}, { namespace: 'default', resource: 'pods', name: 'hello', verb: 'get' }],
    ['GET', '/api/v1/namespaces/default/pods/hello/log', {}, { resource: 'pods', name: 'hello', subresource: 'log', verb: 'get' }],
    ['GET', '/api/v1/pods', { watch: 'true' }, { resource: 'pods', namespace: undefined, verb: 'watch' }],
    ['GET', '/api/v1/pods', { watch: '1' }, { verb: 'watch' }],
    ['GET', '/api/v1/namespaces', {}, { resource: 'namespaces', verb: 'list' }],
    ['GET', '/api/v1/namespaces/kube-system', {}, { resource: 'namespaces', name: 'kube-system', namespace: 'kube-system', verb: 'get' }],
    ['PUT', '/api/v1/namespaces/demo/finalize', {}, { resource: 'namespaces', name: 'demo', subresource: 'finalize', verb: 'update' }],
    ['PUT', '/api/v1/namespaces/demo/status', {}, { resource: 'namespaces', name: 'demo', subresource: 'status', verb: 'update' }],
    ['PATCH', '/apis/apps/v1/namespaces/default/deployments/rolling/scale', {}, { group: 'apps', resource: 'deployments', name: 'rolling', subresource: 'scale', verb: 'patch' }],
    ['DELETE', '/apis/apps/v1/namespaces/default/replicasets', {}, { verb: 'deletecollection' }],
    ['DELETE', '/api/v1/nodes/node-1', {}, { resource: 'nodes', name: 'node-1', verb: 'delete' }],
    ['POST', '/api/v1/namespaces/default/pods/hello/binding', {}, { subresource: 'binding', verb: 'create' }],
    ['GET', '/apis/apps', {}, undefined],
    ['GET', '/api/v1/namespaces/default/pods/hello/log/extra', {}, undefined],
    ['OPTIONS', '/api/v1/pods', {}, undefined],
  ];
  it.each(cases)('%s %s', (method, path, query, expected) => {
    const got = parseRequestInfo(method, path, query);
    if (expected === undefined) expect(got).toBeUndefined();
    else expect(got).toMatchObject(expected);
  });
});
