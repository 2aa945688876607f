/**
 * `kubectl get nodes`: printNode from kube-apiserver v1.32 printers.go.
 *
 * Interface:
 *   nodePrinter        RowPrinter: Name, Status, Roles, Age, Version, Internal-IP(w), External-IP(w),
 *                      OS-Image(w), Kernel-Version(w), Container-Runtime(w)
 *   nodeStatus(node)   `Ready`, `NotReady`, `Unknown`, each with `,SchedulingDisabled` when cordoned
 *   findNodeRoles(node) sorted roles from `node-role.kubernetes.io/<role>` and `kubernetes.io/role`
 *
 * Only the Ready condition feeds Status: a node with no Ready condition at all (not yet reported)
 * is `Unknown`; a Ready condition whose status is False or Unknown is `NotReady`.
 * Invariant: pure.
 */
import type { KubeObject } from '../../lib/api/types.js';
import { NODE } from './descriptions.js';
import { AGE_COLUMN, NAME_COLUMN, WIDE, age, column, nameOf, str, type PrintedRow, type RowPrinter } from './printer.js';

const LABEL_NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';
const NODE_LABEL_ROLE = 'kubernetes.io/role';

interface NodeAddress {
  type?: string;
  address?: string;
}

export function nodeStatus(node: KubeObject): string {
  const conditions: { type?: string; status?: string }[] = node.status?.conditions ?? [];
  // Go keys conditions by type in a map, so a repeated type means the last one wins.
  const ready = conditions.filter((c) => c.type === 'Ready').at(-1);
  const status = [ready === undefined ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady'];
  if (node.spec?.unschedulable === true) status.push('SchedulingDisabled');
  return status.join(',');
}

export function findNodeRoles(node: KubeObject): string[] {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata?.labels ?? {})) {
    if (key.startsWith(LABEL_NODE_ROLE_PREFIX)) {
      const role = key.slice(LABEL_NODE_ROLE_PREFIX.length);
      if (role.length > 0) roles.add(role);
    } else if (key === NODE_LABEL_ROLE && value !== '') {
      roles.add(value);
    }
  }
  return [...roles].sort();
}

/** The first address of that type, `<none>` without one. */
function nodeAddress(node: KubeObject, type: string): string {
  const addresses: NodeAddress[] = node.status?.addresses ?? [];
  return addresses.find((a) => a.type === type)?.address ?? '<none>';
}

function printNode(node: KubeObject, now: Date): PrintedRow {
  const info = node.status?.nodeInfo ?? {};
  const roles = findNodeRoles(node).join(',') || '<none>';
  return {
    cells: [
      nameOf(node), nodeStatus(node), roles, age(node, now), str(info.kubeletVersion),
      nodeAddress(node, 'InternalIP'), nodeAddress(node, 'ExternalIP'),
      str(info.osImage) || '<unknown>', str(info.kernelVersion) || '<unknown>', str(info.containerRuntimeVersion) || '<unknown>',
    ],
  };
}

export const nodePrinter: RowPrinter = {
  columns: [
    NAME_COLUMN,
    column('Status', 'string', NODE.status),
    column('Roles', 'string', NODE.roles),
    AGE_COLUMN,
    column('Version', 'string', NODE.kubeletVersion),
    column('Internal-IP', 'string', NODE.addresses, WIDE),
    column('External-IP', 'string', NODE.addresses, WIDE),
    column('OS-Image', 'string', NODE.osImage, WIDE),
    column('Kernel-Version', 'string', NODE.kernelVersion, WIDE),
    column('Container-Runtime', 'string', NODE.containerRuntimeVersion, WIDE),
  ],
  printRow: printNode,
};
