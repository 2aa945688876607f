/**
 * printTable: the metav1.Table answer to `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`,
 * assembled as kube-apiserver's TableConvertor plus `asTable` (endpoints/handlers/response.go) do.
 *
 *   printTable(info, objects, { now, includeObject?, noHeaders?, resourceVersion? }): Table
 *
 * - Every column is sent, priority 1 included (the server prints wide; kubectl filters for `-o wide`).
 * - noHeaders: `columnDefinitions: []`. Watches send headers with the first event only.
 * - includeObject: absent or `Metadata` puts a PartialObjectMetadata (the object's full metadata) in
 *   each row, which kubectl needs for `-A` (NAMESPACE), `--show-labels` and `-L`; `Object` embeds the
 *   whole object (`--sort-by`); `None` leaves `object` out.
 * - metadata.resourceVersion is the list's (or, for a single object, the object's) resourceVersion;
 *   `get -w` starts watching from it.
 * - Rows keep the order of `objects`. Succeeded/Failed pods also carry row `conditions`.
 *
 * Invariant: pure: the caller supplies `now` and validates includeObject (upstream answers anything
 * else with 400 `unrecognized includeObject value: "<v>"`).
 */
import type { ResourceInfo } from '../../lib/api/resources.js';
import type { KubeObject, Table, TableRow } from '../../lib/api/types.js';
import type { PrintedRow, RowPrinter, TableRowCondition } from './printer.js';
import { printerFor } from './registry.js';

export type IncludeObjectPolicy = 'None' | 'Metadata' | 'Object';

export const INCLUDE_OBJECT_POLICIES: readonly IncludeObjectPolicy[] = ['None', 'Metadata', 'Object'];

export interface PrintOptions {
  now: Date;
  includeObject?: IncludeObjectPolicy;
  noHeaders?: boolean;
  resourceVersion?: string;
}

/** A row as served: metav1.TableRow field order is cells, conditions, object. */
export type ServedRow = TableRow & { conditions?: TableRowCondition[] };

function rowObject(obj: KubeObject, policy: IncludeObjectPolicy): unknown {
  if (policy === 'Object') return obj;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { ...obj.metadata } };
}

/** Pads or trims to the column count, so a printer bug can never shift kubectl's columns. */
function fitCells(printed: PrintedRow, width: number): unknown[] {
  const cells = printed.cells.slice(0, width);
  while (cells.length < width) cells.push('');
  return cells;
}

function serveRow(printer: RowPrinter, obj: KubeObject, opts: PrintOptions): ServedRow {
  const printed = printer.printRow(obj, opts.now);
  const row: ServedRow = { cells: fitCells(printed, printer.columns.length) };
  if (printed.conditions) row.conditions = printed.conditions.map((c) => ({ ...c }));
  const policy = opts.includeObject ?? 'Metadata';
  if (policy !== 'None') row.object = rowObject(obj, policy);
  return row;
}

export function printTable(info: ResourceInfo, objects: KubeObject[], opts: PrintOptions): Table {
  const printer = printerFor(info);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: opts.resourceVersion ? { resourceVersion: opts.resourceVersion } : {},
    columnDefinitions: opts.noHeaders ? [] : printer.columns.map((c) => ({ ...c })),
    rows: objects.map((obj) => serveRow(printer, obj, opts)),
  };
}
