/**
 * Resource arithmetic in scheduler units (framework.Resource): CPU in millicores, memory and
 * ephemeral-storage in bytes, the pod count, other resources (extended, hugepages) by name.
 *
 *   podRequests(pod)                 what the pod needs on a node (resourcehelper.PodRequests)
 *   podRequests(pod, { nonZero })    the same, with 100m / 200Mi for containers that request no CPU / memory
 *   resourceList(status.allocatable) a ResourceList read into a Resource
 *
 * Quantities are parsed with the apiserver's exact parser; values round up, as Quantity.MilliValue and
 * Quantity.Value do. A quantity that does not parse counts as 0 (the apiserver never stores one).
 * Pure.
 */
import { parseQuantity } from '../../apiserver/decoding/quantity.js';
import type { Pod, Resource } from './types.js';

/** schedutil.DefaultMilliCPURequest and DefaultMemoryRequest: what a container without requests "uses" for scoring. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

type ResourceList = Record<string, unknown> | undefined | null;

export function emptyResource(): Resource {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalar: {} };
}

/** The quantity's value × 10^exp10, rounded up; 0 when it does not parse. */
function scaled(raw: unknown, exp10: number): number {
  const parsed = parseQuantity(String(raw ?? ''));
  if (!parsed.ok) return 0;
  const { unscaled, scale, negative } = parsed.q;
  const shift = scale + exp10;
  let v = unscaled;
  if (shift >= 0) v *= 10n ** BigInt(shift);
  else {
    const div = 10n ** BigInt(-shift);
    v = (v + div - 1n) / div;
  }
  return Number(negative ? -v : v);
}

export const milliValue = (q: unknown): number => scaled(q, 3);
export const value = (q: unknown): number => scaled(q, 0);

/** Reads a ResourceList (`{cpu: "500m", memory: "1Gi", pods: "110"}`) into a Resource. */
export function resourceList(list: ResourceList): Resource {
  const r = emptyResource();
  for (const [name, q] of Object.entries(list ?? {})) {
    if (name === 'cpu') r.milliCPU = milliValue(q);
    else if (name === 'memory') r.memory = value(q);
    else if (name === 'ephemeral-storage') r.ephemeralStorage = value(q);
    else if (name === 'pods') r.allowedPodNumber = value(q);
    else r.scalar[name] = value(q);
  }
  return r;
}

export function addResource(a: Resource, b: Resource): Resource {
  const scalar = { ...a.scalar };
  for (const [k, v] of Object.entries(b.scalar)) scalar[k] = (scalar[k] ?? 0) + v;
  return {
    milliCPU: a.milliCPU + b.milliCPU, memory: a.memory + b.memory, ephemeralStorage: a.ephemeralStorage + b.ephemeralStorage,
    allowedPodNumber: a.allowedPodNumber + b.allowedPodNumber, scalar,
  };
}

function maxResource(a: Resource, b: Resource): Resource {
  const scalar = { ...a.scalar };
  for (const [k, v] of Object.entries(b.scalar)) scalar[k] = Math.max(scalar[k] ?? 0, v);
  return {
    milliCPU: Math.max(a.milliCPU, b.milliCPU), memory: Math.max(a.memory, b.memory),
    ephemeralStorage: Math.max(a.ephemeralStorage, b.ephemeralStorage),
    allowedPodNumber: Math.max(a.allowedPodNumber, b.allowedPodNumber), scalar,
  };
}

interface ContainerLike {
  resources?: { requests?: Record<string, unknown> };
  restartPolicy?: string;
}

function containerRequests(c: ContainerLike, nonZero: boolean): Resource {
  const requests = c.resources?.requests ?? {};
  const r = resourceList(requests);
  // Only a request that is missing gets the default, not one explicitly set to 0 (GetNonzeroRequests).
  if (nonZero && !('cpu' in requests)) r.milliCPU = DEFAULT_MILLI_CPU_REQUEST;
  if (nonZero && !('memory' in requests)) r.memory = DEFAULT_MEMORY_REQUEST;
  return r;
}

/**
 * What a pod needs on a node. Regular containers run together, so they add up; init containers run one
 * at a time before them, so the pod needs the largest of them. Sidecars (init containers with
 * restartPolicy Always) keep running: they add to the regular containers and to every later init
 * container. Pod overhead is added last.
 *
 * Worked example: containers 2 CPU + 1 CPU, init containers 2 CPU and 4 CPU → max(3, 4) = 4 CPU.
 */
export function podRequests(pod: Pod, opts: { nonZero?: boolean } = {}): Resource {
  const nonZero = opts.nonZero ?? false;
  let sum = emptyResource();
  for (const c of (pod.spec?.containers ?? []) as ContainerLike[]) sum = addResource(sum, containerRequests(c, nonZero));
  let sidecars = emptyResource();
  let initMax = emptyResource();
  for (const c of (pod.spec?.initContainers ?? []) as ContainerLike[]) {
    const req = containerRequests(c, nonZero);
    let during: Resource;
    if (c.restartPolicy === 'Always') {
      sum = addResource(sum, req);
      sidecars = addResource(sidecars, req);
      during = sidecars;
    } else {
      during = addResource(req, sidecars);
    }
    initMax = maxResource(initMax, during);
  }
  const total = maxResource(sum, initMax);
  return pod.spec?.overhead ? addResource(total, resourceList(pod.spec.overhead)) : total;
}
