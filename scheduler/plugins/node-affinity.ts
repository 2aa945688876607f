/**
 * NodeAffinity (PreFilter, Filter, Score): spec.nodeSelector and spec.affinity.nodeAffinity.
 *
 * PreFilter: when every required term pins `metadata.name` with In (as DaemonSet pods do), only those
 * nodes are worth filtering; the others are reported as `node(s) didn't satisfy plugin(s) [NodeAffinity]`.
 * Terms whose name lists do not intersect can match no node: the pod is rejected with
 * `pod affinity terms conflict`.
 *
 * Filter: the node must carry every nodeSelector label and match one of the required terms
 * (node-selector.ts), else `node(s) didn't match Pod's node affinity/selector`, which preemption cannot
 * change (UnschedulableAndUnresolvable).
 *
 * Score: the sum of the weights of the preferred terms the node matches, normalised so the best node
 * gets 100.
 */
import { matchesNodeSelector, matchesTerm, matchesTerms } from '../framework/node-selector.js';
import { defaultNormalizeScore } from '../framework/normalize.js';
import type { FilterPlugin, FilterStatus, NodeInfo, NodeSelectorTerm, Pod, PreFilterPlugin, PreFilterResult, ScorePlugin } from '../framework/types.js';

export const NAME = 'NodeAffinity';
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';

function requiredTerms(pod: Pod): NodeSelectorTerm[] | undefined {
  return pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
}

/** The node names one term allows by `metadata.name In`, intersected; undefined when it pins none. */
function termNodeNames(term: NodeSelectorTerm): Set<string> | undefined {
  let names: Set<string> | undefined;
  for (const r of term.matchFields ?? []) {
    if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
    const these = new Set(r.values ?? []);
    names = names ? new Set([...names].filter((n) => these.has(n))) : these;
  }
  return names;
}

export function preFilterNodeNames(pod: Pod): PreFilterResult {
  const terms = requiredTerms(pod);
  if (!terms || terms.length === 0) return { kind: 'all' };
  const union = new Set<string>();
  for (const term of terms) {
    const names = termNodeNames(term);
    // Terms are ORed: one term that pins no name lets every node through.
    if (!names) return { kind: 'all' };
    for (const n of names) union.add(n);
  }
  if (union.size === 0) return { kind: 'reject', code: 'UnschedulableAndUnresolvable', reason: ERR_REASON_CONFLICT };
  return { kind: 'nodes', names: union };
}

export function matchesRequiredAffinity(pod: Pod, node: NodeInfo): boolean {
  if (!matchesNodeSelector(pod.spec?.nodeSelector, node.node.metadata.labels)) return false;
  const terms = requiredTerms(pod);
  return terms === undefined || matchesTerms(terms, node.node);
}

interface PreferredTerm {
  weight: number;
  preference: NodeSelectorTerm;
}

export const nodeAffinity: PreFilterPlugin & FilterPlugin & ScorePlugin = {
  name: NAME,
  preFilter: preFilterNodeNames,
  filter(pod: Pod, node: NodeInfo): FilterStatus {
    if (matchesRequiredAffinity(pod, node)) return undefined;
    return { code: 'UnschedulableAndUnresolvable', reasons: [ERR_REASON_POD], plugin: NAME };
  },
  score(pod: Pod, node: NodeInfo): number {
    const preferred: PreferredTerm[] = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    return preferred.reduce((sum, t) => (t.weight !== 0 && matchesTerm(t.preference, node.node) ? sum + t.weight : sum), 0);
  },
  normalizeScore: (_pod, scores) => defaultNormalizeScore(scores, false),
};
