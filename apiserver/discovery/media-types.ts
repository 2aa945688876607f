/**
 * Content negotiation for `/api` and `/apis`: one URL, two documents. A client that lists the aggregated
 * discovery media type in its Accept header gets the whole API surface in one `APIGroupDiscoveryList`;
 * any other client gets the legacy `APIVersions` / `APIGroupList` and walks each group-version.
 *
 * Interface: `negotiateDiscovery(accept)` → which document to send and its Content-Type.
 * Invariant: client-go decides how to parse the answer from the Content-Type alone, so the aggregated
 * Content-Type must be exactly `application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList`
 * (or its v2beta1 twin), and the legacy one plain `application/json`.
 */

export type AggregatedVersion = 'v2' | 'v2beta1';

export const DISCOVERY_GROUP = 'apidiscovery.k8s.io';
export const LEGACY_CONTENT_TYPE = 'application/json';

/** The Content-Type that marks an aggregated discovery answer of `version`. */
export function aggregatedContentType(version: AggregatedVersion): string {
  return `application/json;g=${DISCOVERY_GROUP};v=${version};as=APIGroupDiscoveryList`;
}

export type DiscoveryFormat =
  | { kind: 'aggregated'; version: AggregatedVersion; contentType: string }
  | { kind: 'legacy'; contentType: string }
  /** Nothing in Accept can be served; answer 406. */
  | { kind: 'notAcceptable' };

interface MediaRange {
  type: string; // `application/json`, `*/*`, ...
  params: Record<string, string>;
  q: number;
}

/** Splits an Accept header into media ranges, highest q first, ties in the client's order. */
export function parseAccept(accept: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of accept.split(',')) {
    const [type = '', ...rawParams] = part.split(';').map((s) => s.trim());
    if (!type) continue;
    const params: Record<string, string> = {};
    for (const p of rawParams) {
      const eq = p.indexOf('=');
      if (eq > 0) params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    }
    const q = params.q === undefined ? 1 : Number(params.q);
    delete params.q;
    ranges.push({ type: type.toLowerCase(), params, q: Number.isNaN(q) ? 0 : q });
  }
  // Array.prototype.sort is stable, so equal weights keep the client's order of preference.
  return ranges.filter((r) => r.q > 0).sort((a, b) => b.q - a.q);
}

const JSON_RANGES = new Set(['application/json', 'application/*', '*/*']);

function formatFor(range: MediaRange): DiscoveryFormat | undefined {
  if (!JSON_RANGES.has(range.type)) return undefined; // e.g. protobuf: kubelab speaks JSON only
  const { g, v, as } = range.params;
  if (g === undefined && v === undefined && as === undefined) return { kind: 'legacy', contentType: LEGACY_CONTENT_TYPE };
  if (g === DISCOVERY_GROUP && as === 'APIGroupDiscoveryList' && (v === 'v2' || v === 'v2beta1')) {
    return { kind: 'aggregated', version: v, contentType: aggregatedContentType(v) };
  }
  return undefined; // a profile we do not serve (another group, version or `as`)
}

/**
 * Picks the discovery document for an Accept header. kubectl sends
 * `application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,...v2beta1...,application/json`
 * and so gets aggregated v2. No Accept header at all means "anything", i.e. legacy JSON.
 */
export function negotiateDiscovery(accept: string | undefined): DiscoveryFormat {
  if (accept === undefined || accept.trim() === '') return { kind: 'legacy', contentType: LEGACY_CONTENT_TYPE };
  for (const range of parseAccept(accept)) {
    const format = formatFor(range);
    if (format) return format;
  }
  return { kind: 'notAcceptable' };
}
