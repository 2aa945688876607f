/**
 * `kubectl get deployments`: printDeployment.
 * Columns: Name, Ready (`ready/desired`), Up-to-date, Available, Age, Containers(w), Images(w),
 * Selector(w).
 *
 * Desired reads spec.replicas as v1 defaulting leaves it (1 when unset). Unlike ReplicaSets, the
 * Selector cell is the bare selector string: empty (not `<none>`) for an empty selector and
 * `<invalid>` when it cannot be converted.
 * Invariant: pure.
 */
import type { KubeObject } from '../../lib/api/types.js';
import { DEPLOYMENT, TEMPLATE } from './descriptions.js';
import { labelSelectorString } from './labels.js';
import { AGE_COLUMN, NAME_COLUMN, WIDE, age, column, int, layoutContainerCells, nameOf, type RowPrinter } from './printer.js';

function selectorString(deploy: KubeObject): string {
  try {
    return labelSelectorString(deploy.spec?.selector);
  } catch {
    return '<invalid>';
  }
}

export const deploymentPrinter: RowPrinter = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'string', DEPLOYMENT.ready),
    column('Up-to-date', 'string', DEPLOYMENT.updatedReplicas),
    column('Available', 'string', DEPLOYMENT.availableReplicas),
    AGE_COLUMN,
    column('Containers', 'string', TEMPLATE.containers, WIDE),
    column('Images', 'string', TEMPLATE.images, WIDE),
    column('Selector', 'string', DEPLOYMENT.selector, WIDE),
  ],
  printRow(deploy: KubeObject, now: Date) {
    const status = deploy.status ?? {};
    const [names, images] = layoutContainerCells(deploy.spec?.template?.spec?.containers);
    return {
      cells: [
        nameOf(deploy), `${int(status.readyReplicas)}/${int(deploy.spec?.replicas ?? 1)}`, int(status.updatedReplicas),
        int(status.availableReplicas), age(deploy, now), names, images, selectorString(deploy),
      ],
    };
  },
};
