/** Renders objects as the Table a `kubectl get` asked for, through the per-resource printers. */
import type { ResourceInfo } from '../../lib/api/resources.js';
import type { KubeObject, Table } from '../../lib/api/types.js';
import { printTable } from '../printers/index.js';
import type { TableRequest } from './negotiation.js';

export function renderTable(
  info: ResourceInfo, objects: KubeObject[], table: TableRequest, opts: { noHeaders?: boolean; resourceVersion?: string } = {},
): Table {
  return printTable(info, objects, { now: new Date(), includeObject: table.includeObject, ...opts });
}
