/**
 * What a benchmark phase drives: one way of doing the five ConfigMap calls. The kubelab targets go
 * through the apiserver (REST over HTTPS, or the internal API over NATS); the floor targets make the
 * same trips to a bare responder that does only the Redis command (floor-server.ts), which is what
 * the kubelab numbers are divided by.
 *
 * Every method resolves once the answer is complete (and parsed, as a real client would) and rejects
 * on any answer other than success, so an error is never counted as a latency sample.
 */
import type { KubeObject } from '../../lib/api/types.js';

export interface BenchTarget {
  /** e.g. "rest", "nats", "floor/https", "floor/nats" */
  readonly name: string;
  create(namespace: string, obj: KubeObject): Promise<void>;
  get(namespace: string, name: string): Promise<void>;
  /** Resolves to the number of items listed. */
  list(namespace: string): Promise<number>;
  /** An unconditional replace (no resourceVersion), as `kubectl replace` sends. */
  update(namespace: string, obj: KubeObject): Promise<void>;
  delete(namespace: string, name: string): Promise<void>;
}

export interface ConfigMapSpec {
  name: string;
  /** Unique per write across the run: the watch probe recognises each write by it. */
  seq: number;
  door: string;
  payloadBytes: number;
}

/** The object every write sends: a small, realistic ConfigMap (a label, a sequence number, a payload). */
export function benchConfigMap(spec: ConfigMapSpec): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: spec.name, labels: { app: 'kubelab-bench', door: spec.door } },
    data: { seq: String(spec.seq), payload: 'x'.repeat(spec.payloadBytes) },
  };
}

/** The key the watch probe matches on: which object, at which write. */
export function writeKey(name: string, seq: string | number): string {
  return `${name}@${seq}`;
}

/** The write key of an object seen on a watch, or undefined for objects the benchmark did not tag. */
export function writeKeyOf(obj: KubeObject | undefined): string | undefined {
  const seq = (obj?.data as Record<string, string> | undefined)?.seq;
  const name = obj?.metadata?.name;
  return seq !== undefined && name ? writeKey(name, seq) : undefined;
}
