/**
 * Content negotiation for responses: kubectl's human-readable `get` asks for a meta.k8s.io/v1 Table
 * (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io,...`); everything else gets plain JSON
 * (protobuf is offered by some kubectl commands with a JSON fallback, and JSON is what we answer).
 */

export interface TableRequest {
  includeObject: 'None' | 'Metadata' | 'Object';
}

export const TABLE_CONTENT_TYPE = 'application/json;as=Table;v=v1;g=meta.k8s.io';

/** A Table request, or undefined when the client wants the objects themselves. */
export function wantsTable(accept: string | undefined, includeObject: string | undefined): TableRequest | undefined {
  if (!accept) return undefined;
  for (const part of accept.split(',')) {
    const [type, ...params] = part.split(';').map((s) => s.trim());
    if (type !== 'application/json') continue;
    const p = Object.fromEntries(params.map((kv) => kv.split('=') as [string, string]));
    if (p.as === 'Table' && p.g === 'meta.k8s.io' && (p.v === 'v1' || p.v === 'v1beta1')) {
      const inc = includeObject === 'None' || includeObject === 'Object' ? includeObject : 'Metadata';
      return { includeObject: inc };
    }
    // A plain application/json entry ahead of any Table entry means the client prefers objects.
    if (!p.as) return undefined;
  }
  return undefined;
}
