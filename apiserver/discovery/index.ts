/**
 * The public surface of apiserver/discovery: pure builders for everything a client reads to learn what
 * the server offers before it touches an object (`/version`, `/api`, `/apis`, `/api/v1`,
 * `/apis/{g}[/{v}]`, `/openapi/v3[...]`). The HTTP layer routes to these and writes what they return;
 * `/openapi/v2` has no builder on purpose (404, see README.md).
 */
export { aggregatedDiscovery, resourceDiscovery, type DiscoveryRoot } from './aggregated.js';
export { serveDiscoveryRoot, type DiscoveryAnswer } from './discovery-root.js';
export type * from './discovery-types.js';
export { apiResourceList, legacyAPIGroup, legacyAPIGroupList, legacyAPIVersions, storageVersionHash } from './legacy.js';
export {
  aggregatedContentType, negotiateDiscovery, parseAccept, LEGACY_CONTENT_TYPE,
  type AggregatedVersion, type DiscoveryFormat,
} from './media-types.js';
export {
  openAPIPathOf, openAPIV3Document, openAPIV3Root, serveOpenAPIV3, OPENAPI_V3_PREFIX,
  type OpenAPIV3Answer, type OpenAPIV3Document, type OpenAPIV3RootDocument,
} from './openapi-v3.js';
export {
  buildInfoOf, versionInfo, KUBELAB_GIT_VERSION, KUBERNETES_MAJOR, KUBERNETES_MINOR,
  type BuildInfo, type VersionInfo,
} from './version.js';
