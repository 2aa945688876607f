/**
 * `kubectl get configmaps`: printConfigMap. Data counts the keys of `data` and `binaryData` together.
 * Invariant: pure.
 */
import type { KubeObject } from '../../lib/api/types.js';
import { CONFIG_MAP } from './descriptions.js';
import { AGE_COLUMN, NAME_COLUMN, age, column, nameOf, type RowPrinter } from './printer.js';

function keyCount(map: unknown): number {
  return map && typeof map === 'object' ? Object.keys(map).length : 0;
}

export const configMapPrinter: RowPrinter = {
  columns: [NAME_COLUMN, column('Data', 'string', CONFIG_MAP.data), AGE_COLUMN],
  printRow: (cm: KubeObject, now: Date) => ({ cells: [nameOf(cm), keyCount(cm.data) + keyCount(cm.binaryData), age(cm, now)] }),
};
