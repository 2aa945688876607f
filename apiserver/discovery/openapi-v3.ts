/**
 * OpenAPI v3, as kube-apiserver serves it: a root document `/openapi/v3` listing one document per
 * group-version (`api/v1`, `apis/apps/v1`, ...) by a server-relative URL that embeds the document's hash,
 * and the documents themselves (paths from openapi-paths.ts, schemas from openapi-schemas.ts).
 *
 * Interface: `openAPIV3Root()`, `openAPIV3Document(gvPath)` (objects, shared and read-only) and
 * `serveOpenAPIV3(pathname, hash)` (the serialized answer, or a redirect when the hash is stale).
 * Invariants: documents are built once per process (the registry is static) and the hash is the
 * uppercase hex SHA-512 of the exact bytes served, so `?hash=` URLs can be cached forever by clients.
 *
 * `/openapi/v2` is deliberately not served (404): kubectl asks for it as protobuf only, which kubelab
 * does not encode, and it treats 404 as "no v2" — validation already succeeded through v3, and apply
 * then builds strategic-merge patches from its compiled-in types. See README.md.
 */
import { createHash } from 'node:crypto';
import { RESOURCES, groupVersion, type ResourceInfo } from '../../lib/api/resources.js';
import { fieldsOf, typeNameOf } from '../schema/type-map.js';
import { resourcePaths, type PathItem } from './openapi-paths.js';
import { schemasFor, type Schema, type SchemaRoot } from './openapi-schemas.js';
import { KUBELAB_GIT_VERSION } from './version.js';

export interface OpenAPIV3Document {
  openapi: '3.0.0';
  info: { title: string; version: string };
  paths: Record<string, PathItem>;
  components: { schemas: Record<string, Schema> };
}

export interface OpenAPIV3RootDocument {
  paths: Record<string, { serverRelativeURL: string }>;
}

export const OPENAPI_V3_PREFIX = '/openapi/v3';

/** `api/v1` for the core group, `apis/{group}/{version}` otherwise: the root document's keys. */
export function openAPIPathOf(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

function groupVersionsServed(): Map<string, ResourceInfo[]> {
  const gvs = new Map<string, ResourceInfo[]>();
  for (const r of RESOURCES) {
    const key = openAPIPathOf(r.group, r.version);
    gvs.set(key, [...(gvs.get(key) ?? []), r]);
  }
  return gvs;
}

/** The kinds a group-version's operations read or write, with their list kinds and DeleteOptions. */
function schemaRoots(resources: ResourceInfo[]): SchemaRoot[] {
  const roots: SchemaRoot[] = [];
  const add = (group: string, version: string, kind: string) => {
    const typeName = typeNameOf(groupVersion({ group, version }), kind);
    if (!typeName || roots.some((r) => r.typeName === typeName)) return;
    roots.push({ typeName, gvk: { group, version, kind } });
    if (fieldsOf(`${typeName}List`)) roots.push({ typeName: `${typeName}List`, gvk: { group, version, kind: `${kind}List` } });
  };
  for (const r of resources) {
    add(r.group, r.version, r.kind);
    for (const s of r.subresources) add(s.group, s.version, s.kind);
  }
  return [...roots, { typeName: 'V1DeleteOptions' }];
}

function buildDocument(resources: ResourceInfo[]): OpenAPIV3Document {
  const base = `/${openAPIPathOf(resources[0]!.group, resources[0]!.version)}`;
  const paths: Record<string, PathItem> = {};
  for (const r of resources) Object.assign(paths, resourcePaths(base, r));
  const sorted = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => (a < b ? -1 : 1)));
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: KUBELAB_GIT_VERSION },
    paths: sorted,
    components: { schemas: schemasFor(schemaRoots(resources)) },
  };
}

interface Built<T> {
  doc: T;
  body: string;
  hash: string;
}

function built<T>(doc: T): Built<T> {
  const body = JSON.stringify(doc);
  return { doc, body, hash: createHash('sha512').update(body).digest('hex').toUpperCase() };
}

let documents: Map<string, Built<OpenAPIV3Document>> | undefined;
let root: Built<OpenAPIV3RootDocument> | undefined;

function allDocuments(): Map<string, Built<OpenAPIV3Document>> {
  documents ??= new Map([...groupVersionsServed()].map(([path, rs]) => [path, built(buildDocument(rs))]));
  return documents;
}

function rootBuilt(): Built<OpenAPIV3RootDocument> {
  if (!root) {
    const paths: OpenAPIV3RootDocument['paths'] = {};
    for (const [path, d] of allDocuments()) paths[path] = { serverRelativeURL: `${OPENAPI_V3_PREFIX}/${path}?hash=${d.hash}` };
    root = built({ paths });
  }
  return root;
}

export function openAPIV3Root(): OpenAPIV3RootDocument {
  return rootBuilt().doc;
}

/** The document for `api/v1`, `apis/apps/v1`, ...; undefined for a group-version kubelab does not serve. */
export function openAPIV3Document(gvPath: string): OpenAPIV3Document | undefined {
  return allDocuments().get(gvPath)?.doc;
}

export type OpenAPIV3Answer =
  /** Send `body` as application/json with `ETag: "<etag>"`; `immutable` when the URL named the current hash. */
  | { kind: 'document'; body: string; etag: string; immutable: boolean }
  /** The URL named an older hash: 301 to the current URL, as kube-apiserver does. */
  | { kind: 'redirect'; location: string };

/**
 * Answers `GET /openapi/v3[/<gv path>][?hash=...]`; `undefined` means 404.
 * `pathname` excludes the query string.
 */
export function serveOpenAPIV3(pathname: string, hash?: string): OpenAPIV3Answer | undefined {
  const trimmed = pathname.replace(/\/+$/, '');
  if (trimmed === OPENAPI_V3_PREFIX) {
    const r = rootBuilt();
    return { kind: 'document', body: r.body, etag: r.hash, immutable: false };
  }
  if (!trimmed.startsWith(`${OPENAPI_V3_PREFIX}/`)) return undefined;
  const gvPath = trimmed.slice(OPENAPI_V3_PREFIX.length + 1);
  const d = allDocuments().get(gvPath);
  if (!d) return undefined;
  if (hash && hash !== d.hash) return { kind: 'redirect', location: `${OPENAPI_V3_PREFIX}/${gvPath}?hash=${d.hash}` };
  return { kind: 'document', body: d.body, etag: d.hash, immutable: Boolean(hash) };
}
