/**
 * The registry of resource printers: one entry per served resource that kube-apiserver prints with
 * its own columns, keyed by qualified resource (`pods`, `deployments.apps`), like the TableConvertor
 * each upstream REST storage is built with. Anything not listed gets the generic Name/Created At table.
 *
 * Adding a printer: write `<resource>.ts` exporting a RowPrinter, then add one line here.
 * Invariant: data only; lookups are pure.
 */
import { qualifiedResource, type ResourceInfo } from '../../lib/api/resources.js';
import { configMapPrinter } from './config-map.js';
import { daemonSetPrinter } from './daemon-set.js';
import { defaultPrinter } from './default.js';
import { deploymentPrinter } from './deployment.js';
import { endpointSlicePrinter } from './endpoint-slice.js';
import { endpointsPrinter } from './endpoints.js';
import { eventPrinter } from './event.js';
import { leasePrinter } from './lease.js';
import { namespacePrinter } from './namespace.js';
import { nodePrinter } from './node.js';
import { podPrinter } from './pod.js';
import type { RowPrinter } from './printer.js';
import { replicaSetPrinter } from './replica-set.js';
import { replicationControllerPrinter } from './replication-controller.js';
import { servicePrinter } from './service.js';

export const PRINTERS: ReadonlyMap<string, RowPrinter> = new Map([
  ['namespaces', namespacePrinter],
  ['pods', podPrinter],
  ['nodes', nodePrinter],
  ['services', servicePrinter],
  ['endpoints', endpointsPrinter],
  ['events', eventPrinter],
  ['configmaps', configMapPrinter],
  ['replicationcontrollers', replicationControllerPrinter],
  ['replicasets.apps', replicaSetPrinter],
  ['deployments.apps', deploymentPrinter],
  ['daemonsets.apps', daemonSetPrinter],
  ['endpointslices.discovery.k8s.io', endpointSlicePrinter],
  ['leases.coordination.k8s.io', leasePrinter],
]);

export function printerFor(info: Pick<ResourceInfo, 'group' | 'resource'>): RowPrinter {
  return PRINTERS.get(qualifiedResource(info)) ?? defaultPrinter;
}
