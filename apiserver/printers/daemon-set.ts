/**
 * `kubectl get daemonsets`: printDaemonSet.
 * Columns: Name, Desired, Current, Ready, Up-to-date, Available, Node Selector, Age, Containers(w),
 * Images(w), Selector(w). Node Selector is the pod template's nodeSelector map (`<none>` when empty).
 * Invariant: pure.
 */
import type { KubeObject } from '../../lib/api/types.js';
import { DAEMON_SET as DS, POD, TEMPLATE } from './descriptions.js';
import { formatLabelSelector, formatLabels } from './labels.js';
import { AGE_COLUMN, NAME_COLUMN, WIDE, age, column, int, layoutContainerCells, nameOf, type RowPrinter } from './printer.js';

export const daemonSetPrinter: RowPrinter = {
  columns: [
    NAME_COLUMN,
    column('Desired', 'integer', DS.desiredNumberScheduled),
    column('Current', 'integer', DS.currentNumberScheduled),
    column('Ready', 'integer', DS.numberReady),
    column('Up-to-date', 'integer', DS.updatedNumberScheduled),
    column('Available', 'integer', DS.numberAvailable),
    column('Node Selector', 'string', POD.nodeSelector),
    AGE_COLUMN,
    column('Containers', 'string', TEMPLATE.containers, WIDE),
    column('Images', 'string', TEMPLATE.images, WIDE),
    column('Selector', 'string', DS.selector, WIDE),
  ],
  printRow(ds: KubeObject, now: Date) {
    const status = ds.status ?? {};
    const podSpec = ds.spec?.template?.spec ?? {};
    const [names, images] = layoutContainerCells(podSpec.containers);
    return {
      cells: [
        nameOf(ds), int(status.desiredNumberScheduled), int(status.currentNumberScheduled), int(status.numberReady),
        int(status.updatedNumberScheduled), int(status.numberAvailable), formatLabels(podSpec.nodeSelector), age(ds, now),
        names, images, formatLabelSelector(ds.spec?.selector),
      ],
    };
  },
};
