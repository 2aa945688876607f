/**
 * NodeResourcesFit (Filter, Score with the LeastAllocated strategy).
 *
 * Filter (fitsRequest): the node must have room for one more pod (`Too many pods` against allocatable
 * pods), and for every resource the pod requests, what the node's pods already request plus the pod's
 * request must fit in allocatable (`Insufficient cpu`, `Insufficient memory`, `Insufficient
 * ephemeral-storage`, `Insufficient <name>`). Every shortage is reported, so one node can add to several
 * reasons. Evicting pods frees resources: the rejection is Unschedulable (preemption may help).
 *
 * Score (LeastAllocated, cpu and memory weighing 1 each): per resource
 * (allocatable - requested) × 100 / allocatable, where requested counts 100m / 200Mi for containers
 * that ask for nothing, so that empty-request pods still spread; the node's score is the weighted mean,
 * truncated as Go's integer division does.
 *
 * Worked example: allocatable 4 CPU / 8Gi, already requested 1 CPU / 2Gi, pod 1 CPU / 2Gi:
 * cpu (4000-2000)×100/4000 = 50, memory (8-4)×100/8 = 50 → score 50.
 */
import { podRequests } from '../framework/resources.js';
import type { FilterPlugin, FilterStatus, NodeInfo, Pod, Resource, ScorePlugin } from '../framework/types.js';
import { MAX_NODE_SCORE } from '../framework/types.js';

export const NAME = 'NodeResourcesFit';

interface Shortage {
  reason: string;
  requested: number;
  free: number;
}

function shortage(reason: string, want: number, allocatable: number, used: number): Shortage[] {
  const free = allocatable - used;
  return want > 0 && want > free ? [{ reason, requested: want, free }] : [];
}

/** Every resource the node lacks for the pod (fitsRequest). */
export function insufficientResources(req: Resource, node: NodeInfo): Shortage[] {
  const out: Shortage[] = [];
  if (node.pods.length + 1 > node.allocatable.allowedPodNumber) {
    out.push({ reason: 'Too many pods', requested: 1, free: node.allocatable.allowedPodNumber - node.pods.length });
  }
  const scalars = Object.keys(req.scalar).filter((k) => req.scalar[k]! > 0).sort();
  if (req.milliCPU === 0 && req.memory === 0 && req.ephemeralStorage === 0 && scalars.length === 0) return out;
  const { allocatable: a, requested: u } = node;
  out.push(...shortage('Insufficient cpu', req.milliCPU, a.milliCPU, u.milliCPU));
  out.push(...shortage('Insufficient memory', req.memory, a.memory, u.memory));
  out.push(...shortage('Insufficient ephemeral-storage', req.ephemeralStorage, a.ephemeralStorage, u.ephemeralStorage));
  for (const name of scalars) out.push(...shortage(`Insufficient ${name}`, req.scalar[name]!, a.scalar[name] ?? 0, u.scalar[name] ?? 0));
  return out;
}

/** leastRequestedScore: the free share of a resource after placing the pod, 0..100. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

export function leastAllocatedScore(pod: Pod, node: NodeInfo): number {
  const req = podRequests(pod, { nonZero: true });
  const resources: [number, number][] = [
    [node.nonZeroRequested.milliCPU + req.milliCPU, node.allocatable.milliCPU],
    [node.nonZeroRequested.memory + req.memory, node.allocatable.memory],
  ];
  let score = 0;
  let weights = 0;
  for (const [requested, allocatable] of resources) {
    // A resource the node does not report is left out rather than scored 0.
    if (allocatable === 0) continue;
    score += leastRequestedScore(requested, allocatable);
    weights += 1;
  }
  return weights === 0 ? 0 : Math.trunc(score / weights);
}

export const nodeResourcesFit: FilterPlugin & ScorePlugin = {
  name: NAME,
  filter(pod: Pod, node: NodeInfo): FilterStatus {
    const missing = insufficientResources(podRequests(pod), node);
    return missing.length ? { code: 'Unschedulable', reasons: missing.map((m) => m.reason), plugin: NAME } : undefined;
  },
  score: leastAllocatedScore,
};
