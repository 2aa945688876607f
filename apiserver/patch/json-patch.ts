/**
 * JSON patch (RFC 6902, `application/json-patch+json`), used by `kubectl rollout undo` and
 * `kubectl patch --type json`. The operations themselves are applied by the fast-json-patch library;
 * this module checks each operation first against the document as it stands, with the semantics of
 * the library kube-apiserver uses (gopkg.in/evanphx/json-patch.v4), which differs from a strict
 * RFC 6902 reading in one way users notice:
 *
 *   - `replace` of a member an existing object lacks behaves as `add` (v4 does not check existence).
 *
 * and where the pre-check is also a safety net: paths are resolved through *own* properties only, so
 * "/metadata/constructor/x" can never reach Object (fast-json-patch alone would follow it).
 * Unsupported here, supported by v4: negative array indices ("/spec/containers/-1").
 *
 * Any operation that cannot be applied (failed test, missing path, unknown op, bad index) throws
 * UnprocessablePatchError, the 422 kube-apiserver answers; its `detail` says which and why.
 *
 * Interface: jsonPatch(original, operations) → new document.
 * Invariants: neither input is mutated; the result shares no structure with them; operations nested
 * deeper than MAX_NESTING_DEPTH are refused (400) before fast-json-patch's recursive checks run.
 */
import fjp from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import { BadRequestError } from '../../lib/errors.js';
import { deepClone, exceedsDepth, getOwn, hasOwn, isJsonObject, MAX_NESTING_DEPTH } from './json-value.js';
import { UnprocessablePatchError } from './patch-errors.js';

const KINDS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

export function jsonPatch(original: unknown, operations: readonly unknown[]): unknown {
  if (exceedsDepth(operations, MAX_NESTING_DEPTH)) throw new BadRequestError('exceeded max depth');
  let doc = deepClone(original);
  operations.forEach((raw, index) => {
    const op = prepare(doc, raw);
    try {
      doc = fjp.applyOperation(doc, op, true, true, true, index).newDocument;
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new UnprocessablePatchError(`operation ${index} (${op.op} ${op.path}): ${why}`, { cause: err });
    }
  });
  return doc;
}

function reject(detail: string): never {
  throw new UnprocessablePatchError(detail);
}

/** Validates one raw operation against `doc` and returns the operation to hand to fast-json-patch. */
function prepare(doc: unknown, raw: unknown): Operation {
  if (!isJsonObject(raw)) reject('operation is not an object');
  const kind = getOwn(raw, 'op');
  const path = getOwn(raw, 'path');
  if (typeof kind !== 'string' || !KINDS.has(kind)) reject(`Unexpected kind: ${typeof kind === 'string' ? kind : 'unknown'}`);
  if (typeof path !== 'string') reject(`${kind} operation failed to decode path: missing value`);
  const value = deepClone(getOwn(raw, 'value'));
  switch (kind) {
    case 'add':
      requireParent(doc, path, kind);
      return { op: 'add', path, value };
    case 'remove':
      requireExisting(doc, path, kind);
      return { op: 'remove', path };
    case 'replace':
      return prepareReplace(doc, path, value);
    case 'test':
      if (path !== '') requireParent(doc, path, kind);
      return { op: 'test', path, value };
    default: {
      const from = getOwn(raw, 'from');
      if (typeof from !== 'string') reject(`${kind} operation failed to decode from: missing value`);
      requireExisting(doc, from, kind);
      requireParent(doc, path, kind);
      return { op: kind as 'move' | 'copy', from, path };
    }
  }
}

function prepareReplace(doc: unknown, path: string, value: unknown): Operation {
  if (path === '') {
    if (typeof value !== 'object' || value === null) reject('replace operation value must be object or array');
    return { op: 'replace', path, value };
  }
  const target = locate(doc, path) ?? reject(`replace operation does not apply: doc is missing path: ${path}`);
  if (target.exists) return { op: 'replace', path, value };
  // evanphx/json-patch v4 sets a missing member instead of failing; arrays still need a valid index.
  if (isJsonObject(target.container)) return { op: 'add', path, value };
  return reject(`replace operation does not apply: doc is missing key: ${path}`);
}

function requireParent(doc: unknown, path: string, kind: string): void {
  if (path === '' || !locate(doc, path)) reject(`${kind} operation does not apply: doc is missing path: "${path}"`);
}

function requireExisting(doc: unknown, path: string, kind: string): void {
  if (path === '' || !locate(doc, path)?.exists) reject(`${kind} operation does not apply: doc is missing path: "${path}"`);
}

interface Target {
  /** The object or array holding the last path segment. */
  container: unknown;
  key: string;
  /** The last segment names an own member / an in-range index. */
  exists: boolean;
}

/** Resolves all but the last segment of a JSON pointer through own members; undefined if that fails. */
function locate(doc: unknown, pointer: string): Target | undefined {
  if (!pointer.startsWith('/')) return undefined;
  const segments = pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let container = doc;
  for (const seg of segments.slice(0, -1)) {
    container = child(container, seg);
    if (typeof container !== 'object' || container === null) return undefined;
  }
  const key = segments[segments.length - 1]!;
  return { container, key, exists: child(container, key) !== undefined };
}

function child(container: unknown, seg: string): unknown {
  if (Array.isArray(container)) return /^\d+$/.test(seg) ? container[Number(seg)] : undefined;
  if (isJsonObject(container)) return hasOwn(container, seg) ? container[seg] : undefined;
  return undefined;
}
