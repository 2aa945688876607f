/**
 * A pod's quality-of-service class, as kube-apiserver computes it on create (kubernetes
 * pkg/apis/core/helper/qos ComputePodQOS), from the CPU and memory of all containers and init containers:
 * - BestEffort: no container requests or limits any CPU or memory (zero values do not count);
 * - Guaranteed: every container has CPU and memory limits, and summed requests equal summed limits;
 * - Burstable: anything else.
 * Run it after requests were defaulted from limits (pod.ts), as the real server does.
 *
 * Interface: podQOSClass(spec). Pure.
 */
import { addQuantity, cmpQuantity, parseQuantity, type Quantity } from '../decoding/quantity.js';
import { items, maybe, type Obj } from './object-util.js';

export type PodQOSClass = 'BestEffort' | 'Burstable' | 'Guaranteed';

const QOS_RESOURCES = ['cpu', 'memory'];
const ZERO = parseQuantity('0');

/** Adds the positive CPU/memory quantities of `list` into `sums`; returns the names that were positive. */
function accumulate(list: Obj | undefined, sums: Map<string, Quantity>): Set<string> {
  const found = new Set<string>();
  for (const name of QOS_RESOURCES) {
    const parsed = typeof list?.[name] === 'string' ? parseQuantity(list[name]) : undefined;
    if (!parsed?.ok || !ZERO.ok || cmpQuantity(parsed.q, ZERO.q) <= 0) continue;
    found.add(name);
    const prev = sums.get(name);
    sums.set(name, prev ? addQuantity(prev, parsed.q) : parsed.q);
  }
  return found;
}

export function podQOSClass(spec: Obj): PodQOSClass {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  for (const c of [...items(spec, 'containers'), ...items(spec, 'initContainers')]) {
    const resources = maybe(c, 'resources');
    accumulate(maybe(resources, 'requests'), requests);
    const limited = accumulate(maybe(resources, 'limits'), limits);
    if (!QOS_RESOURCES.every((r) => limited.has(r))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || cmpQuantity(lim, req) !== 0) guaranteed = false;
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
