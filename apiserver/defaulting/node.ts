/**
 * v1 Node defaults (SetDefaults_NodeStatus and SetDefaults_ResourceList): allocatable is a copy of
 * capacity when a node reports only capacity, and both are rounded up to milli units.
 *
 * Interface: setDefaultsNode(obj) mutates `obj`.
 */
import { maybe, type Obj } from './object-util.js';
import { roundUpResourceList } from './resource-list.js';

export function setDefaultsNode(obj: Obj): void {
  const status = maybe(obj, 'status');
  if (!status) return;
  const capacity = maybe(status, 'capacity');
  if (capacity) status.capacity = roundUpResourceList(capacity);
  const allocatable = maybe(status, 'allocatable');
  if (allocatable) status.allocatable = roundUpResourceList(allocatable);
  else if (capacity) status.allocatable = { ...status.capacity };
}
