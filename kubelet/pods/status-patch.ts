/**
 * Writing pod status only when it changed (the status manager's needsUpdate), and the patch that
 * writes it: a strategic merge patch of pods/status, as the kubelet sends it (statusutil.PatchPodStatus).
 * Conditions merge by `type` (so conditions other components own survive) and keep the kubelet's order
 * through `$setElementOrder/conditions`; containerStatuses are replaced whole.
 *
 * Comparison ignores what serialisation may drop: null, undefined, "", {} and [] values, and key order,
 * so a status read back from the apiserver equals the one written. Pure.
 */
import type { PodStatus } from './types.js';

/** The status fields the kubelet writes. */
const OWNED = ['phase', 'conditions', 'reason', 'message', 'hostIP', 'hostIPs', 'podIP', 'podIPs', 'startTime', 'initContainerStatuses', 'containerStatuses', 'qosClass'] as const;

export function podStatusChanged(current: PodStatus | undefined, next: PodStatus): boolean {
  return canonical(pick(current ?? {})) !== canonical(pick(next));
}

export function podStatusPatch(next: PodStatus): { status: Record<string, unknown> } {
  const status: Record<string, unknown> = { ...pick(next) };
  if (next.conditions) status['$setElementOrder/conditions'] = next.conditions.map((c) => ({ type: c.type }));
  return { status };
}

function pick(status: PodStatus): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of OWNED) if (status[key] !== undefined) out[key] = status[key];
  return out;
}

/** JSON with sorted keys and empty values dropped: two statuses that mean the same compare equal. */
export function canonical(value: unknown): string {
  return JSON.stringify(prune(value)) ?? '';
}

function prune(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(prune).filter((v) => v !== undefined);
    return items.length ? items : undefined;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value).sort().map((k) => [k, prune((value as Record<string, unknown>)[k])] as const).filter(([, v]) => v !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  return value === null || value === '' ? undefined : value;
}
