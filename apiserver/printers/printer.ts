/**
 * The contract every resource printer fulfils, and the small helpers they share.
 *
 * A RowPrinter is the TypeScript twin of one `h.TableHandler(columns, printX)` pair in kube-apiserver's
 * printers.go: a fixed list of column definitions and a pure function from one object to one row.
 * The server always prints the wide form (its TableConvertor passes Wide: true), so every row carries
 * a cell for every column, priority-1 columns included; kubectl hides those unless `-o wide`.
 *
 * Invariants: printers are pure (no clock: `now` is a parameter, no I/O), never throw on a malformed
 * object (a missing field prints as its Go zero value), and return exactly `columns.length` cells.
 */
import type { KubeObject, TableColumnDefinition } from '../../lib/api/types.js';
import { OBJECT_META } from './descriptions.js';
import { translateTimestampSince } from './duration.js';

/** metav1.TableRowCondition; only pods use it (Completed rows). */
export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface PrintedRow {
  cells: unknown[];
  conditions?: TableRowCondition[];
}

export interface RowPrinter {
  readonly columns: readonly TableColumnDefinition[];
  printRow(obj: KubeObject, now: Date): PrintedRow;
}

export interface ColumnOptions {
  format?: string;
  priority?: number;
}

/** One column definition, with Go's zero values for the fields printers.go leaves out. */
export function column(name: string, type: string, description: string, opts: ColumnOptions = {}): TableColumnDefinition {
  return Object.freeze({ name, type, format: opts.format ?? '', description, priority: opts.priority ?? 0 });
}

export const WIDE = { priority: 1 } as const;

export const NAME_COLUMN = column('Name', 'string', OBJECT_META.name, { format: 'name' });
export const AGE_COLUMN = column('Age', 'string', OBJECT_META.creationTimestamp);

/** The Age cell every printer ends its narrow columns with. */
export function age(obj: KubeObject, now: Date): string {
  return translateTimestampSince(obj.metadata?.creationTimestamp, now);
}

export function nameOf(obj: KubeObject): string {
  return obj.metadata?.name ?? '';
}

interface ContainerLike {
  name?: string;
  image?: string;
}

/** layoutContainerCells: container names and images, each comma-joined in spec order. */
export function layoutContainerCells(containers: ContainerLike[] | undefined): [names: string, images: string] {
  const list = containers ?? [];
  return [list.map((c) => c.name ?? '').join(','), list.map((c) => c.image ?? '').join(',')];
}

/**
 * `a,b,c + 2 more...`: the first `max` items and a count of the rest; `<unset>` for an empty list.
 * printers.go calls this listWithMoreString (EndpointSlice ports and endpoints use it).
 */
export function listWithMore(list: string[], max: number): string {
  const shown = list.slice(0, max).join(',');
  if (list.length > max) return `${shown} + ${list.length - max} more...`;
  return shown === '' ? '<unset>' : shown;
}

/** Go's int64 cell from a JSON number that may be absent. */
export function int(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
