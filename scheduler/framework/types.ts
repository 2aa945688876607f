/**
 * The scheduling framework's vocabulary, after kube-scheduler's `framework/interface.go` and `types.go`:
 * the pod and node shapes the plugins read, the per-node Status a Filter returns, NodeInfo (a node with
 * the pods bound to it and what they request), and one small interface per extension point:
 *
 *   PreFilter   may narrow the nodes worth filtering (NodeAffinity with matchFields metadata.name),
 *               or reject the pod outright
 *   Filter      can the pod run on this node?                  → Status
 *   Score       how good is this feasible node? (raw number)    → normalised 0..MAX_NODE_SCORE, × weight
 *   PostFilter  runs when no node fits (DefaultPreemption)      → a message for the FitError
 *
 * Invariant: every plugin is pure. It reads the pod and the NodeInfos it is given and returns a value;
 * no I/O, no clock, no randomness. Objects handed to plugins are shared and must not be modified.
 */
import type { KubeObject } from '../../lib/api/types.js';

export type Pod = KubeObject;
export type Node = KubeObject;

/** The highest score a Score plugin may give after normalisation (framework.MaxNodeScore). */
export const MAX_NODE_SCORE = 100;

export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' | string;
}

export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal' | string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export interface NodeSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt' | string;
  values?: string[];
}

export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

/** Compute resources in scheduler units: milli-CPU, bytes, a pod count, and any other resource by name. */
export interface Resource {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  allowedPodNumber: number;
  scalar: Record<string, number>;
}

/** A host port a pod holds on its node: the same port and protocol conflict when either IP is 0.0.0.0. */
export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

/** A node as the plugins see it: the node object plus the pods bound to it, aggregated. */
export interface NodeInfo {
  node: Node;
  name: string;
  /** Non-terminated pods bound (or assumed bound) to the node. */
  pods: Pod[];
  /** What those pods request (framework.NodeInfo.Requested). */
  requested: Resource;
  /** The same with 100m CPU / 200Mi memory for containers that request none (NonZeroRequested). */
  nonZeroRequested: Resource;
  /** status.allocatable. */
  allocatable: Resource;
  usedPorts: HostPort[];
}

/**
 * Unschedulable: the node does not fit now, but evicting lower-priority pods might help.
 * UnschedulableAndUnresolvable: preemption cannot help (taints, affinity, a cordoned node).
 */
export type RejectCode = 'Unschedulable' | 'UnschedulableAndUnresolvable';

export interface Rejection {
  code: RejectCode;
  /** What the node is missing, in the exact words kube-scheduler uses (they end up in the event). */
  reasons: string[];
  plugin: string;
}

/** A Filter's answer: undefined means the node passes. */
export type FilterStatus = Rejection | undefined;

export interface Plugin {
  readonly name: string;
}

export type PreFilterResult =
  | { kind: 'all' }
  /** Only these nodes can pass; the others are reported as not satisfying this plugin. */
  | { kind: 'nodes'; names: Set<string> }
  | { kind: 'reject'; code: RejectCode; reason: string };

export interface PreFilterPlugin extends Plugin {
  preFilter(pod: Pod): PreFilterResult;
}

export interface FilterPlugin extends Plugin {
  filter(pod: Pod, node: NodeInfo): FilterStatus;
}

/** What a Score plugin may look at besides the node it scores (kube-scheduler's PreScore input). */
export interface ScoreContext {
  /** Every node that passed the filters, in the order being scored. */
  feasible: readonly NodeInfo[];
  /** Every node of the snapshot. */
  all: readonly NodeInfo[];
}

export interface ScorePlugin extends Plugin {
  /** Raw score of one feasible node. */
  score(pod: Pod, node: NodeInfo, ctx: ScoreContext): number;
  /** Maps the raw scores (in `ctx.feasible` order) onto 0..MAX_NODE_SCORE; absent: already in range. */
  normalizeScore?(pod: Pod, scores: readonly number[], ctx: ScoreContext): number[];
}

export interface PostFilterPlugin extends Plugin {
  /**
   * Called when no node passed. Returns the message kube-scheduler appends to the FitError ("" for none).
   * `rejections` holds every node's failure, by node name.
   */
  postFilter(pod: Pod, nodes: readonly NodeInfo[], rejections: ReadonlyMap<string, Rejection>, filters: readonly FilterPlugin[]): string;
}
