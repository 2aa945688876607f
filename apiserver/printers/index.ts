/**
 * Server-side printing, the public surface: what the apiserver's HTTP door calls when kubectl asks
 * for a Table. Everything here is pure; see table.ts for the Table contract and registry.ts for
 * which resource gets which columns.
 */
export { printTable, INCLUDE_OBJECT_POLICIES, type IncludeObjectPolicy, type PrintOptions, type ServedRow } from './table.js';
export { humanDuration, translateTimestampSince } from './duration.js';
export { printerFor, PRINTERS } from './registry.js';
export type { RowPrinter, PrintedRow, TableRowCondition } from './printer.js';
