/**
 * Container resource requirements (core validation.go validateResourceRequirements): resource names
 * are standard container resources (cpu, memory, ephemeral-storage, hugepages-*) or fully qualified
 * extended resources; quantities are non-negative; requests may not exceed limits, and resources
 * that cannot be overcommitted (extended resources, hugepages) need requests equal to limits.
 *
 * Quantities are quoted in their canonical form, as Go's Quantity.String() prints them. A string that
 * is no quantity at all never reaches validation on a real server (its JSON decoder answers 400); if
 * one gets here it is reported as an Invalid value with the decoder's wording.
 */
import { type ErrorList, child, forbidden, invalid, key, required } from './field-errors.js';
import { isQualifiedName } from './names.js';
import { type Quantity, QUANTITY_SYNTAX_ERROR, compareQuantity, formatQuantity, parseQuantity } from './quantity.js';

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'services', 'replicationcontrollers',
  'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims', 'storage', 'requests.storage',
  'services.nodeports', 'services.loadbalancers',
]);

const isHugePages = (name: string) => name.startsWith('hugepages-');
/** "Native" resources live in the kubernetes.io namespace (or have no prefix at all). */
const isNative = (name: string) => !name.includes('/') || name.includes('kubernetes.io/');
const isOvercommitAllowed = (name: string) => isNative(name) && !isHugePages(name);

function isExtendedResourceName(name: string): boolean {
  if (isNative(name) || name.startsWith('requests.')) return false;
  return isQualifiedName('requests.' + name).length === 0;
}

function validateResourceName(name: string, field: string): ErrorList {
  const errs = isQualifiedName(name).map((m) => invalid(field, name, m));
  if (errs.length) return errs;
  if (!name.includes('/') && !STANDARD_RESOURCES.has(name) && !isHugePages(name) && !name.startsWith('requests.hugepages-')) {
    errs.push(invalid(field, name, 'must be a standard resource type or fully qualified'));
  }
  return errs;
}

function validateContainerResourceName(name: string, field: string): ErrorList {
  const errs = validateResourceName(name, field);
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name)) {
      errs.push(invalid(field, name, 'must be a standard resource for containers'));
    }
  } else if (!isNative(name) && !isExtendedResourceName(name)) {
    errs.push(invalid(field, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

/** Parses a quantity, or reports why it cannot be one. */
function quantityOrError(raw: unknown, field: string, errs: ErrorList): Quantity | undefined {
  const q = parseQuantity(raw);
  if (!q) errs.push(invalid(field, String(raw ?? ''), QUANTITY_SYNTAX_ERROR));
  else if (q.nanos < 0n) errs.push(invalid(field, formatQuantity(q), 'must be greater than or equal to 0'));
  return q;
}

export function validateResourceRequirements(resources: unknown, field: string): ErrorList {
  const r = (resources && typeof resources === 'object' ? resources : {}) as Record<string, any>;
  const limits: Record<string, unknown> = r.limits ?? {};
  const requests: Record<string, unknown> = r.requests ?? {};
  const limPath = child(field, 'limits');
  const reqPath = child(field, 'requests');
  const errs: ErrorList = [];
  const limitQ = new Map<string, Quantity>();
  let hasCPUOrMemory = false;
  let hasHugePages = false;
  for (const name of Object.keys(limits).sort()) {
    errs.push(...validateContainerResourceName(name, key(limPath, name)));
    const q = quantityOrError(limits[name], key(limPath, name), errs);
    if (q) limitQ.set(name, q);
    hasHugePages ||= isHugePages(name);
    hasCPUOrMemory ||= name === 'cpu' || name === 'memory';
  }
  for (const name of Object.keys(requests).sort()) {
    errs.push(...validateContainerResourceName(name, key(reqPath, name)));
    const q = quantityOrError(requests[name], key(reqPath, name), errs);
    errs.push(...compareToLimit(name, q, limitQ.get(name), name in limits, reqPath, limPath));
    hasHugePages ||= isHugePages(name);
    hasCPUOrMemory ||= name === 'cpu' || name === 'memory';
  }
  if (!hasCPUOrMemory && hasHugePages) errs.push(forbidden(field, 'HugePages require cpu or memory'));
  return errs;
}

/** Note Go reports these at `...resources.requests`, not at the resource's own key. */
function compareToLimit(name: string, req: Quantity | undefined, limit: Quantity | undefined, hasLimit: boolean, reqPath: string, limPath: string): ErrorList {
  if (!hasLimit) return isOvercommitAllowed(name) ? [] : [required(limPath, 'Limit must be set for non overcommitable resources')];
  if (!req || !limit) return [];
  const cmp = compareQuantity(req, limit);
  if (cmp !== 0 && !isOvercommitAllowed(name)) {
    return [invalid(reqPath, formatQuantity(req), `must be equal to ${name} limit of ${formatQuantity(limit)}`)];
  }
  if (cmp > 0) return [invalid(reqPath, formatQuantity(req), `must be less than or equal to ${name} limit of ${formatQuantity(limit)}`)];
  return [];
}
