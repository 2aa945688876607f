/**
 * The generic Table every resource without its own printer gets: kube-apiserver's
 * defaultTableConvertor (apiserver `pkg/registry/rest/table.go`). Name and Created At, the latter an
 * RFC 3339 UTC timestamp with whole seconds (type `date`, so kubectl renders it as an age itself).
 * Invariant: pure; an unset creationTimestamp prints Go's zero time, as the real server does.
 */
import type { KubeObject } from '../../lib/api/types.js';
import { OBJECT_META } from './descriptions.js';
import { parseTime } from './duration.js';
import { NAME_COLUMN, column, nameOf, type RowPrinter } from './printer.js';

const GO_ZERO_TIME = '0001-01-01T00:00:00Z';

/** time.Time.UTC().Format(time.RFC3339): no fractional seconds. */
export function formatRFC3339(ts: unknown): string {
  const ms = parseTime(ts);
  if (ms === undefined) return GO_ZERO_TIME;
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export const defaultPrinter: RowPrinter = {
  columns: [NAME_COLUMN, column('Created At', 'date', OBJECT_META.creationTimestamp)],
  printRow: (obj: KubeObject) => ({ cells: [nameOf(obj), formatRFC3339(obj.metadata?.creationTimestamp)] }),
};
