/**
 * helper.DefaultNormalizeScore: scales raw scores so the highest becomes MAX_NODE_SCORE (integer
 * arithmetic, truncating, as in Go). With `reverse`, the lowest raw score wins instead: used for "count
 * of things the pod dislikes", e.g. untolerated PreferNoSchedule taints. All zero: every node gets 0,
 * or MAX_NODE_SCORE when reversed.
 *
 * Worked example: raw [2, 1, 0], reverse → scaled [100, 50, 0] → [0, 50, 100]. Pure.
 */
import { MAX_NODE_SCORE } from './types.js';

export function defaultNormalizeScore(scores: readonly number[], reverse: boolean, max = MAX_NODE_SCORE): number[] {
  const maxCount = Math.max(0, ...scores);
  if (maxCount === 0) return scores.map(() => (reverse ? max : 0));
  return scores.map((s) => {
    const scaled = Math.trunc((max * s) / maxCount);
    return reverse ? max - scaled : scaled;
  });
}
