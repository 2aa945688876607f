/**
 * SetDefaults_ResourceList: every quantity in a resource list is rounded up to milli units, so
 * `cpu: 100u` is stored as `1m` (kube-apiserver keeps API compatibility this way rather than rejecting
 * sub-milli values). Quantities already at milli precision or coarser keep their written form.
 *
 * Interface: roundUpResourceList(list) → a new list. Values that do not parse are left for validation.
 */
import { formatQuantity, parseQuantity, roundUpQuantity } from '../decoding/quantity.js';

const MILLI = -3;

export function roundUpResourceList(list: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(list)) {
    const parsed = typeof value === 'string' ? parseQuantity(value) : undefined;
    out[name] = parsed?.ok && parsed.q.scale < MILLI ? formatQuantity(roundUpQuantity(parsed.q, MILLI)) : value;
  }
  return out;
}
