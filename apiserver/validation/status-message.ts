/**
 * The message of a 422 Invalid Status, exactly as apimachinery's `errors.NewInvalid` writes it:
 *
 *   Pod "x" is invalid: spec.containers[0].image: Required value
 *   Deployment.apps "x" is invalid: [spec.replicas: ..., spec.selector: ...]
 *
 * The kind is qualified by its group (GroupKind.String()), the name is Go-quoted, the causes are
 * `field: message` lines de-duplicated in order, bracketed only when more than one remains, and with
 * no causes at all the message stops after "is invalid". (The causes themselves are not de-duplicated.)
 */
import type { StatusCause } from '../../lib/api/types.js';
import { errorText } from './field-errors.js';
import { goQuote } from './go-format.js';

export function invalidStatusMessage(group: string, kind: string, name: string, causes: StatusCause[]): string {
  const groupKind = group ? `${kind}.${group}` : kind;
  const head = `${groupKind} ${goQuote(name)} is invalid`;
  const lines = [...new Set(causes.map(errorText))];
  if (lines.length === 0) return head;
  return `${head}: ${lines.length === 1 ? lines[0] : `[${lines.join(', ')}]`}`;
}
