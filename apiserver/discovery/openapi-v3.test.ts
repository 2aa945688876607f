import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RESOURCES, type ResourceInfo } from '../../lib/api/resources.js';
import type { GroupVersionKind } from './discovery-types.js';
import type { Operation } from './openapi-paths.js';
import { openAPIPathOf, openAPIV3Document, openAPIV3Root, serveOpenAPIV3, type OpenAPIV3Document } from './openapi-v3.js';

const GVK = 'x-kubernetes-group-version-kind';
const gvkOf = (r: { group: string; version: string; kind: string }): GroupVersionKind => ({ group: r.group, version: r.version, kind: r.kind });
const sameGVK = (a: GroupVersionKind | undefined, b: GroupVersionKind) => a?.group === b.group && a.version === b.version && a.kind === b.kind;
const docFor = (r: ResourceInfo) => openAPIV3Document(openAPIPathOf(r.group, r.version))!;
const patchOps = (doc: OpenAPIV3Document) => Object.values(doc.paths).flatMap((p) => (p.patch ? [p.patch] : []));

/**
 * cli-runtime's supportsQueryParamV3, as kubectl runs it before apply/create/replace/edit. Go walks the
 * paths map in random order and decides on the first PATCH with the GVK, so every such PATCH must pass.
 */
function kubectlValidatesServerSide(doc: OpenAPIV3Document, gvk: GroupVersionKind): boolean {
  const ops = patchOps(doc).filter((op) => sameGVK(op[GVK], gvk));
  return ops.length > 0 && ops.every((op) => op.parameters.some((p) => p.name === 'fieldValidation' && p.in === 'query'));
}

/** kubectl apply's gvkSupportsPatchOpenAPIV3: true would make it build the patch from our schemas. */
function kubectlBuildsPatchFromOpenAPI(doc: OpenAPIV3Document, gvk: GroupVersionKind): boolean {
  return patchOps(doc).some((op) => sameGVK(op[GVK], gvk) && op.requestBody?.content?.['application/strategic-merge-patch+json'] !== undefined);
}

describe('OpenAPI v3 root', () => {
  it('lists one document per served group-version, by a URL carrying the SHA-512 of its bytes', () => {
    const root = openAPIV3Root();
    expect(Object.keys(root.paths).sort()).toEqual(['api/v1', 'apis/apps/v1', 'apis/coordination.k8s.io/v1', 'apis/discovery.k8s.io/v1']);
    for (const [path, { serverRelativeURL }] of Object.entries(root.paths)) {
      const hash = createHash('sha512').update(JSON.stringify(openAPIV3Document(path))).digest('hex').toUpperCase();
      expect(serverRelativeURL).toBe(`/openapi/v3/${path}?hash=${hash}`);
    }
  });
});

describe('PATCH operations make kubectl validate on the server, and apply keep its builtin patch', () => {
  it.each(RESOURCES.map((r) => [`${r.group || 'core'}/${r.version} ${r.kind}`, r] as const))('%s', (_name, r) => {
    const doc = docFor(r);
    const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
    const item = r.namespaced ? `${base}/namespaces/{namespace}/${r.resource}/{name}` : `${base}/${r.resource}/{name}`;
    const patch = doc.paths[item]!.patch as Operation;
    expect(patch[GVK]).toEqual(gvkOf(r));
    expect(patch['x-kubernetes-action']).toBe('patch');
    expect(patch.parameters.map((p) => p.name)).toContain('fieldValidation');
    expect(patch).not.toHaveProperty('requestBody');
    expect(kubectlValidatesServerSide(doc, gvkOf(r))).toBe(true);
    expect(kubectlBuildsPatchFromOpenAPI(doc, gvkOf(r))).toBe(false);
  });

  it('gives subresource PATCHes the same treatment (pods/status is a Pod PATCH too)', () => {
    const doc = openAPIV3Document('api/v1')!;
    const status = doc.paths['/api/v1/namespaces/{namespace}/pods/{name}/status']!.patch!;
    expect(status[GVK]).toEqual({ group: '', version: 'v1', kind: 'Pod' });
    expect(status.parameters.map((p) => p.name)).toContain('fieldValidation');
    const scale = openAPIV3Document('apis/apps/v1')!.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale']!.patch!;
    expect(scale[GVK]).toEqual({ group: 'autoscaling', version: 'v1', kind: 'Scale' });
    for (const doc2 of [doc, openAPIV3Document('apis/apps/v1')!]) for (const op of patchOps(doc2)) expect(op.requestBody).toBeUndefined();
  });
});

describe('OpenAPI v3 group-version documents', () => {
  it.each([
    ['/api/v1/namespaces/{namespace}/pods', ['get', 'post', 'delete'], 'listCoreV1NamespacedPod'],
    ['/api/v1/pods', ['get'], 'listCoreV1PodForAllNamespaces'],
    ['/api/v1/nodes/{name}', ['get', 'put', 'patch', 'delete'], 'readCoreV1Node'],
    ['/api/v1/namespaces', ['get', 'post'], 'listCoreV1Namespace'],
    ['/api/v1/namespaces/{namespace}/pods/{name}/log', ['get'], 'readCoreV1NamespacedPodLog'],
    ['/api/v1/namespaces/{namespace}/pods/{name}/binding', ['post'], undefined],
    ['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale', ['get', 'put', 'patch'], 'readAppsV1NamespacedDeploymentScale'],
  ])('%s serves %j', (path, methods, getId) => {
    const doc = openAPIV3Document(path.startsWith('/api/') ? 'api/v1' : 'apis/apps/v1')!;
    const item = doc.paths[path]!;
    expect(['get', 'post', 'put', 'patch', 'delete'].filter((m) => m in item)).toEqual(methods);
    if (getId) expect(item.get!.operationId).toBe(getId);
  });

  it('declares the path parameters of every templated path', () => {
    for (const path of Object.keys(openAPIV3Root().paths)) {
      for (const [url, item] of Object.entries(openAPIV3Document(path)!.paths)) {
        const declared = item.parameters.filter((p) => p.in === 'path').map((p) => p.name);
        expect(declared).toEqual([...url.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
      }
    }
  });

  it('resolves every $ref inside the same document', () => {
    for (const path of Object.keys(openAPIV3Root().paths)) {
      const doc = openAPIV3Document(path)!;
      const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) expect(doc.components.schemas, ref).toHaveProperty([ref]);
    }
  });

  it('tags each served kind and its list with x-kubernetes-group-version-kind', () => {
    for (const r of RESOURCES) {
      const tagged = Object.values(docFor(r).components.schemas).flatMap((s) => (s[GVK] as GroupVersionKind[] | undefined) ?? []);
      expect(tagged).toContainEqual(gvkOf(r));
      expect(tagged).toContainEqual({ ...gvkOf(r), kind: r.listKind });
    }
    const apps = openAPIV3Document('apis/apps/v1')!.components.schemas;
    expect(apps['io.k8s.api.autoscaling.v1.Scale']![GVK]).toEqual([{ group: 'autoscaling', kind: 'Scale', version: 'v1' }]);
  });

  it('answers unknown group-versions with undefined and builds each document once', () => {
    expect(openAPIV3Document('apis/batch/v1')).toBeUndefined();
    expect(openAPIV3Document('api/v1')).toBe(openAPIV3Document('api/v1'));
  });
});

describe('serveOpenAPIV3', () => {
  const current = openAPIV3Root().paths['apis/apps/v1']!.serverRelativeURL;
  const hash = current.split('hash=')[1]!;

  it('serves the root and the documents as the exact bytes the hash covers', () => {
    const root = serveOpenAPIV3('/openapi/v3')!;
    expect(root.kind === 'document' && JSON.parse(root.body)).toEqual(openAPIV3Root());
    const doc = serveOpenAPIV3('/openapi/v3/apis/apps/v1', hash)!;
    expect(doc).toMatchObject({ kind: 'document', etag: hash, immutable: true });
    expect(doc.kind === 'document' && createHash('sha512').update(doc.body).digest('hex').toUpperCase()).toBe(hash);
  });

  it('is cacheable for ever only when the URL names the current hash', () => {
    expect(serveOpenAPIV3('/openapi/v3/apis/apps/v1')).toMatchObject({ kind: 'document', immutable: false });
    expect(serveOpenAPIV3('/openapi/v3/apis/apps/v1', 'STALE')).toEqual({ kind: 'redirect', location: current });
  });

  it.each(['/openapi/v3/apis/batch/v1', '/openapi/v3/apis', '/openapi/v2', '/openapi/v3x'])('404s %s', (p) => {
    expect(serveOpenAPIV3(p)).toBeUndefined();
  });
});
