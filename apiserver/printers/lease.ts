/**
 * `kubectl get leases`: printLease (Name, Holder = spec.holderIdentity or empty, Age). This is the
 * column that shows which scheduler or controller-manager replica currently leads.
 * Invariant: pure.
 */
import type { KubeObject } from '../../lib/api/types.js';
import { LEASE } from './descriptions.js';
import { AGE_COLUMN, NAME_COLUMN, age, column, nameOf, str, type RowPrinter } from './printer.js';

export const leasePrinter: RowPrinter = {
  columns: [NAME_COLUMN, column('Holder', 'string', LEASE.holderIdentity), AGE_COLUMN],
  printRow: (lease: KubeObject, now: Date) => ({ cells: [nameOf(lease), str(lease.spec?.holderIdentity), age(lease, now)] }),
};
