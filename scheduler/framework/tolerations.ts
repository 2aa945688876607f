/**
 * Taints and tolerations, as k8s.io/api's Toleration.ToleratesTaint and the scheduler's
 * FindMatchingUntoleratedTaint read them.
 *
 *   toleratesTaint(toleration, taint)     one toleration against one taint
 *   findUntoleratedTaint(taints, tolerations, effects)   the first taint with one of `effects` no toleration covers
 *
 * A toleration with an empty effect matches every effect; an empty key with operator Exists matches
 * every taint; operator Equal (or empty) also needs the values to be equal. Pure.
 */
import type { Pod, Taint, Toleration } from './types.js';

export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

export function tolerates(tolerations: readonly Toleration[], taint: Taint): boolean {
  return tolerations.some((t) => toleratesTaint(t, taint));
}

export function findUntoleratedTaint(taints: readonly Taint[], tolerations: readonly Toleration[], effects: readonly string[]): Taint | undefined {
  return taints.find((taint) => effects.includes(taint.effect) && !tolerates(tolerations, taint));
}

export function podTolerations(pod: Pod): Toleration[] {
  return pod.spec?.tolerations ?? [];
}
