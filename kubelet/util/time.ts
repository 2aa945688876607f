/**
 * metav1.Time as the API serialises it: RFC 3339 in UTC with whole seconds ("2024-05-01T10:00:00Z").
 * The kubelet's clock is milliseconds since the epoch; these helpers convert at the API boundary. Pure.
 */

export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Milliseconds since the epoch of an API time; undefined when absent or unparsable. */
export function parseTime(text: string | undefined | null): number | undefined {
  if (!text) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}
