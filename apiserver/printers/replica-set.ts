/**
 * `kubectl get replicasets`: printReplicaSet.
 * Columns: Name, Desired, Current, Ready, Age, Containers(w), Images(w), Selector(w).
 *
 * Desired reads spec.replicas as v1 defaulting leaves it (1 when unset). The Selector cell is
 * metav1.FormatLabelSelector: `app=web,pod-template-hash=5d9c`, `<none>` when empty, `<error>` when
 * the selector cannot be converted.
 * Invariant: pure.
 */
import type { KubeObject } from '../../lib/api/types.js';
import { REPLICA_SET as RS, TEMPLATE } from './descriptions.js';
import { formatLabelSelector } from './labels.js';
import { AGE_COLUMN, NAME_COLUMN, WIDE, age, column, int, layoutContainerCells, nameOf, type RowPrinter } from './printer.js';

export const replicaSetPrinter: RowPrinter = {
  columns: [
    NAME_COLUMN,
    column('Desired', 'integer', RS.specReplicas),
    column('Current', 'integer', RS.statusReplicas),
    column('Ready', 'integer', RS.readyReplicas),
    AGE_COLUMN,
    column('Containers', 'string', TEMPLATE.containers, WIDE),
    column('Images', 'string', TEMPLATE.images, WIDE),
    column('Selector', 'string', RS.selector, WIDE),
  ],
  printRow(rs: KubeObject, now: Date) {
    const [names, images] = layoutContainerCells(rs.spec?.template?.spec?.containers);
    return {
      cells: [
        nameOf(rs), int(rs.spec?.replicas ?? 1), int(rs.status?.replicas), int(rs.status?.readyReplicas), age(rs, now),
        names, images, formatLabelSelector(rs.spec?.selector),
      ],
    };
  },
};
