/**
 * `kubectl get replicationcontrollers`: printReplicationController.
 * Columns: Name, Desired, Current, Ready, Age, Containers(w), Images(w), Selector(w).
 *
 * Desired reads spec.replicas as v1 defaulting leaves it (1 when unset). The selector of an RC is a
 * plain label map, so it prints like labels (`app=web`, `<none>`).
 * Invariant: pure.
 */
import type { KubeObject } from '../../lib/api/types.js';
import { REPLICATION_CONTROLLER as RC, TEMPLATE } from './descriptions.js';
import { formatLabels } from './labels.js';
import { AGE_COLUMN, NAME_COLUMN, WIDE, age, column, int, layoutContainerCells, nameOf, type RowPrinter } from './printer.js';

export const replicationControllerPrinter: RowPrinter = {
  columns: [
    NAME_COLUMN,
    column('Desired', 'integer', RC.specReplicas),
    column('Current', 'integer', RC.statusReplicas),
    column('Ready', 'integer', RC.readyReplicas),
    AGE_COLUMN,
    column('Containers', 'string', TEMPLATE.containers, WIDE),
    column('Images', 'string', TEMPLATE.images, WIDE),
    column('Selector', 'string', RC.selector, WIDE),
  ],
  printRow(rc: KubeObject, now: Date) {
    const [names, images] = layoutContainerCells(rc.spec?.template?.spec?.containers);
    return {
      cells: [
        nameOf(rc), int(rc.spec?.replicas ?? 1), int(rc.status?.replicas), int(rc.status?.readyReplicas), age(rc, now),
        names, images, formatLabels(rc.spec?.selector),
      ],
    };
  },
};
