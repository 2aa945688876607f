/**
 * NodePorts (Filter): a pod asking for a hostPort cannot go where another pod already holds the same
 * port and protocol on a conflicting address; 0.0.0.0 conflicts with every address
 * (HostPortInfo.CheckConflict). Evicting the holder would free the port, so the rejection is plain
 * Unschedulable and preemption may consider the node.
 */
import { hostPorts } from '../framework/node-info.js';
import type { FilterPlugin, FilterStatus, HostPort, NodeInfo, Pod } from '../framework/types.js';

export const NAME = 'NodePorts';
export const ERR_REASON = "node(s) didn't have free ports for the requested pod ports";

const ANY = '0.0.0.0';

export function portsConflict(want: HostPort, used: HostPort): boolean {
  if (want.port !== used.port || want.protocol !== used.protocol) return false;
  return want.ip === ANY || used.ip === ANY || want.ip === used.ip;
}

export const nodePorts: FilterPlugin = {
  name: NAME,
  filter(pod: Pod, node: NodeInfo): FilterStatus {
    const conflict = hostPorts(pod).some((want) => node.usedPorts.some((used) => portsConflict(want, used)));
    return conflict ? { code: 'Unschedulable', reasons: [ERR_REASON], plugin: NAME } : undefined;
  },
};
