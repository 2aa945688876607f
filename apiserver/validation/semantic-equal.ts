/**
 * `apiequality.Semantic.DeepEqual` on JSON: the equality update rules use to decide whether an
 * immutable field changed. Like the Go one it treats nil and empty lists and maps as equal and
 * compares resource quantities by value ("1" equals "1000m"). JSON also loses the difference between
 * an absent string and "", which Go never sees either (both decode to ""), so absent, null, "", [] and
 * {} are all one "zero" here. Numbers and booleans keep their identity: 0 and false differ from absent.
 */
import { canonicalQuantity } from './quantity.js';

function isZero(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v as object).length === 0;
  return false;
}

/** Resource lists (`resources.limits`, `requests`, node capacity...) compare quantities by value. */
const QUANTITY_MAPS = new Set(['limits', 'requests', 'capacity', 'allocatable']);

function equalQuantity(a: unknown, b: unknown): boolean {
  const ca = canonicalQuantity(a);
  return ca !== undefined && ca === canonicalQuantity(b);
}

export function semanticEqual(a: unknown, b: unknown, parentKey = ''): boolean {
  if (isZero(a) && isZero(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => semanticEqual(x, b[i]));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
    for (const k of keys) {
      if (QUANTITY_MAPS.has(parentKey) && !isZero(ao[k]) && !isZero(bo[k])) {
        if (!equalQuantity(ao[k], bo[k])) return false;
      } else if (!semanticEqual(ao[k], bo[k], k)) {
        return false;
      }
    }
    return true;
  }
  return a === b;
}
