/**
 * What the scheduler tells observers (design.md §1), as plain JSON on NATS:
 *
 *   <prefix>.observe.decision.scheduler    one DecisionRecord per scheduling attempt: the verdict and,
 *                                          per node, the filter that rejected it or its weighted scores
 *   <prefix>.observe.heartbeat.scheduler   every replica, every heartbeat period: alive, leader or standby
 *
 * The records are built from what the decision already computed (no extra work per node) and published
 * fire-and-forget: with no subscriber, the NATS server drops them. Pure builders; the process publishes.
 */
import type { ScheduleResult } from './core/schedule-pod.js';
import type { Pod } from './framework/types.js';
import type { QueueStats } from './queue/scheduling-queue.js';

export interface NodeVerdict {
  node: string;
  /** "passed", or the plugin that rejected the node, with its reasons. */
  filter: 'passed' | { plugin: string; code: string; reasons: string[] };
  /** Weighted score per Score plugin, and their sum (absent when the node was not scored). */
  scores?: Record<string, number>;
  total?: number;
}

export interface DecisionRecord {
  kind: 'SchedulingDecision';
  time: string;
  scheduler: string;
  pod: string;
  uid?: string;
  /** How many earlier attempts failed. */
  attempt: number;
  result: 'scheduled' | 'unschedulable' | 'no-nodes';
  node?: string;
  message?: string;
  nodes: NodeVerdict[];
  durationMs: number;
}

export function decisionRecord(pod: Pod, result: ScheduleResult, info: { scheduler: string; attempt: number; now: Date; durationMs: number }): DecisionRecord {
  const nodes: NodeVerdict[] = result.kind === 'no-nodes' ? [] : result.nodes.map((n) => ({
    node: n.node,
    filter: n.rejection ? { plugin: n.rejection.plugin, code: n.rejection.code, reasons: n.rejection.reasons } : 'passed',
    ...(n.scores ? { scores: n.scores, total: n.total } : {}),
  }));
  return {
    kind: 'SchedulingDecision', time: info.now.toISOString(), scheduler: info.scheduler,
    pod: `${pod.metadata.namespace}/${pod.metadata.name}`, uid: pod.metadata.uid, attempt: info.attempt,
    result: result.kind, ...(result.kind === 'scheduled' ? { node: result.node } : { message: result.message }),
    nodes, durationMs: info.durationMs,
  };
}

export interface Heartbeat {
  kind: 'Heartbeat';
  component: 'scheduler';
  id: string;
  role: 'leader' | 'standby';
  /** The lease holder this replica last saw ("" when none). */
  leader: string;
  time: string;
  queue: QueueStats;
  nodes: number;
  pods: number;
}

export function heartbeat(h: Omit<Heartbeat, 'kind' | 'component' | 'time'>, now: Date): Heartbeat {
  return { kind: 'Heartbeat', component: 'scheduler', time: now.toISOString(), ...h };
}
