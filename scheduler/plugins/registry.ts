/**
 * Every plugin kubelab's scheduler has, by name (kube-scheduler's `plugins/registry.go`), and the default
 * profile: which plugins run at each extension point, in kube-scheduler v1.32's order, with its score
 * weights (`apis/config/v1/default_plugins.go`: TaintToleration 3, NodeAffinity 2, PodTopologySpread 2,
 * NodeResourcesFit 1).
 *
 * Filter order matters: a node reports only its first failing filter, so a cordoned node shows
 * `were unschedulable` even when it is also tainted and full.
 */
import type { FilterPlugin, PostFilterPlugin, PreFilterPlugin, ScorePlugin } from '../framework/types.js';
import { defaultPreemption } from './default-preemption.js';
import { nodeAffinity } from './node-affinity.js';
import { nodePorts } from './node-ports.js';
import { nodeResourcesFit } from './node-resources-fit.js';
import { nodeUnschedulable } from './node-unschedulable.js';
import { podTopologySpread } from './pod-topology-spread.js';
import { taintToleration } from './taint-toleration.js';

export const REGISTRY = {
  NodeUnschedulable: nodeUnschedulable,
  TaintToleration: taintToleration,
  NodeAffinity: nodeAffinity,
  NodePorts: nodePorts,
  NodeResourcesFit: nodeResourcesFit,
  PodTopologySpread: podTopologySpread,
  DefaultPreemption: defaultPreemption,
} as const;

export interface WeightedScorePlugin {
  plugin: ScorePlugin;
  weight: number;
}

export interface Profile {
  schedulerName: string;
  preFilter: readonly PreFilterPlugin[];
  filter: readonly FilterPlugin[];
  score: readonly WeightedScorePlugin[];
  postFilter: readonly PostFilterPlugin[];
}

export const DEFAULT_PROFILE: Profile = Object.freeze({
  schedulerName: 'default-scheduler',
  preFilter: [REGISTRY.NodeAffinity],
  filter: [REGISTRY.NodeUnschedulable, REGISTRY.TaintToleration, REGISTRY.NodeAffinity, REGISTRY.NodePorts, REGISTRY.NodeResourcesFit],
  score: [
    { plugin: REGISTRY.TaintToleration, weight: 3 },
    { plugin: REGISTRY.NodeAffinity, weight: 2 },
    { plugin: REGISTRY.NodeResourcesFit, weight: 1 },
    { plugin: REGISTRY.PodTopologySpread, weight: 2 },
  ],
  postFilter: [REGISTRY.DefaultPreemption],
});
