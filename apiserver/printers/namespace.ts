/**
 * `kubectl get namespaces`: printNamespace (Name, Status = status.phase, Age).
 * Invariant: pure; an unset phase prints as the empty string, as Go's zero value does.
 */
import type { KubeObject } from '../../lib/api/types.js';
import { NAMESPACE } from './descriptions.js';
import { AGE_COLUMN, NAME_COLUMN, age, column, nameOf, str, type RowPrinter } from './printer.js';

export const namespacePrinter: RowPrinter = {
  columns: [NAME_COLUMN, column('Status', 'string', NAMESPACE.status), AGE_COLUMN],
  printRow: (ns: KubeObject, now: Date) => ({ cells: [nameOf(ns), str(ns.status?.phase), age(ns, now)] }),
};
