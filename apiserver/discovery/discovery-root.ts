/**
 * `/api` and `/apis`: negotiate aggregated or legacy discovery from the Accept header and build the
 * matching document, so the HTTP layer only copies headers and body onto the response.
 *
 * Interface: `serveDiscoveryRoot(root, accept, addresses)` → headers and body, or throws
 * NotAcceptableError (406) when the client accepts nothing kubelab can send.
 * Invariant: `Vary: Accept` is always set; one URL has two representations, and an HTTP cache (kubectl
 * keeps one in ~/.kube/cache/http) must not hand the legacy one to a client that asked for aggregated.
 */
import { NotAcceptableError } from '../../lib/errors.js';
import { aggregatedDiscovery, type DiscoveryRoot } from './aggregated.js';
import type { ServerAddressByClientCIDR } from './discovery-types.js';
import { legacyAPIGroupList, legacyAPIVersions } from './legacy.js';
import { aggregatedContentType, negotiateDiscovery, LEGACY_CONTENT_TYPE } from './media-types.js';

export interface DiscoveryAnswer {
  headers: { 'Content-Type': string; Vary: 'Accept' };
  body: unknown;
}

const ACCEPTED = [LEGACY_CONTENT_TYPE, aggregatedContentType('v2'), aggregatedContentType('v2beta1')];

export function serveDiscoveryRoot(
  root: DiscoveryRoot,
  accept: string | undefined,
  serverAddressByClientCIDRs: ServerAddressByClientCIDR[],
): DiscoveryAnswer {
  const format = negotiateDiscovery(accept);
  if (format.kind === 'notAcceptable') {
    throw new NotAcceptableError(`only the following media types are accepted: ${ACCEPTED.join(', ')}`);
  }
  const headers = { 'Content-Type': format.contentType, Vary: 'Accept' } as const;
  if (format.kind === 'aggregated') return { headers, body: aggregatedDiscovery(root, format.version) };
  return { headers, body: root === '/api' ? legacyAPIVersions(serverAddressByClientCIDRs) : legacyAPIGroupList() };
}
