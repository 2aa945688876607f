/**
 * Pod IPs from the node's pod CIDR, as CNI's host-local IPAM hands them out: the network address and
 * the first address (the bridge's gateway) and the broadcast address are never given; addresses go
 * round-robin from the last one allocated, so a pod that just went away does not pass its IP to the
 * next pod at once. The node's own IP is skipped if it lies in the range. Pure.
 *
 *   127.244.1.0/24: .2, .3, ... .254, then .2 again if it is free
 */
import { intToIp, ipToInt, parseCidr } from '../../lib/net/cidr.js';

export interface AllocationState {
  /** uid → IP */
  pods: Record<string, string>;
  /** The last address handed out. */
  last?: string;
}

/** The next free address after `state.last`, or undefined when the range is full. */
export function nextFreeIP(cidr: string, state: AllocationState, skip: readonly string[] = []): string | undefined {
  const range = parseCidr(cidr);
  const first = range.base + (range.size > 2 ? 2 : 0);
  const lastUsable = range.base + range.size - (range.size > 2 ? 2 : 1);
  if (lastUsable < first) return undefined;
  const taken = new Set([...Object.values(state.pods), ...skip].map((ip) => ipToInt(ip)));
  const count = lastUsable - first + 1;
  const lastInt = state.last ? ipToInt(state.last) : undefined;
  const startOffset = lastInt !== undefined && lastInt >= first && lastInt <= lastUsable ? lastInt - first + 1 : 0;
  for (let i = 0; i < count; i++) {
    const candidate = first + ((startOffset + i) % count);
    if (!taken.has(candidate)) return intToIp(candidate);
  }
  return undefined;
}

/** The state after giving `uid` an IP (the one it has, if any); undefined when the range is full. */
export function allocate(cidr: string, state: AllocationState, uid: string, skip: readonly string[] = []): AllocationState | undefined {
  if (state.pods[uid]) return state;
  const ip = nextFreeIP(cidr, state, skip);
  return ip ? { pods: { ...state.pods, [uid]: ip }, last: ip } : undefined;
}

export function release(state: AllocationState, uid: string): AllocationState {
  const { [uid]: _gone, ...pods } = state.pods;
  return { ...state, pods };
}
