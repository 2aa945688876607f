/**
 * Parses a REST path and method into what is being asked (kube-apiserver's RequestInfoFactory):
 *
 *   /api/v1/namespaces/{ns}/{resource}/{name}/{subresource}
 *   /apis/{group}/{version}/namespaces/{ns}/{resource}/{name}/{subresource}
 *   /api/v1/{resource}/{name}            cluster-scoped resources and cluster-wide lists
 *
 * `/api/v1/namespaces/{name}` is the namespace object itself; `/api/v1/namespaces/{name}/status` and
 * `/finalize` its subresources. Pure: no registry lookups happen here.
 */
import type { ApiVerb } from '../../lib/api/request.js';

export interface ResourceRequestInfo {
  group: string;
  version: string;
  namespace?: string;
  resource: string;
  name?: string;
  subresource?: string;
  verb: ApiVerb;
}

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

export function parseRequestInfo(method: string, path: string, query: Record<string, string | undefined>): ResourceRequestInfo | undefined {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 2) {
    group = '';
    rest = parts.slice(1);
  } else if (parts[0] === 'apis' && parts.length >= 3) {
    group = parts[1]!;
    rest = parts.slice(2);
  } else {
    return undefined;
  }
  const version = rest[0]!;
  let segs = rest.slice(1);
  let namespace: string | undefined;
  if (segs[0] === 'namespaces' && segs.length >= 3 && !(segs.length === 3 && NAMESPACE_SUBRESOURCES.has(segs[2]!))) {
    namespace = segs[1];
    segs = segs.slice(2);
  } else if (segs[0] === 'namespaces' && segs.length >= 2) {
    namespace = segs[1];
  }
  const [resource, name, subresource, ...extra] = segs;
  if (!resource || extra.length) return undefined;
  const verb = verbFor(method, !!name, query);
  if (!verb) return undefined;
  return { group, version, namespace, resource, name, subresource, verb };
}

function verbFor(method: string, hasName: boolean, query: Record<string, string | undefined>): ApiVerb | undefined {
  const watch = query.watch === 'true' || query.watch === '1';
  switch (method) {
    case 'GET': case 'HEAD':
      if (watch) return 'watch';
      return hasName ? 'get' : 'list';
    case 'POST': return 'create';
    case 'PUT': return 'update';
    case 'PATCH': return 'patch';
    case 'DELETE': return hasName ? 'delete' : 'deletecollection';
    default: return undefined;
  }
}
