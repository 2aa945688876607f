/**
 * Nodes (core ValidateNode / ValidateNodeUpdate, both run on update by the node strategy): cluster-
 * scoped, named by a DNS-1123 subdomain; taints valid and unique per key and effect (Go reports them
 * under `metadata.taints`, sic); capacity and allocatable non-negative quantities; podCIDRs valid,
 * one per family, and fixed once set; providerID fixed once set; no duplicate addresses.
 */
import type { KubeObject } from '../../lib/api/types.js';
import { type ErrorList, duplicate, forbidden, index, invalid } from './field-errors.js';
import { goSlice, goStruct } from './go-format.js';
import { isDualStack, isValidCIDR } from './ip.js';
import { nameIsDNSSubdomain } from './names.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { formatQuantity, parseQuantity, QUANTITY_SYNTAX_ERROR } from './quantity.js';
import { validateNodeTaints } from './tolerations.js';

function validateNodeResources(node: KubeObject): ErrorList {
  const errs: ErrorList = [];
  for (const list of ['capacity', 'allocatable']) {
    const res: Record<string, unknown> = node.status?.[list] ?? {};
    for (const name of Object.keys(res).sort()) {
      const field = `status.${list}.${name}`;
      const q = parseQuantity(res[name]);
      if (!q) errs.push(invalid(field, String(res[name]), QUANTITY_SYNTAX_ERROR));
      else if (q.nanos < 0n) errs.push(invalid(field, formatQuantity(q), 'must be greater than or equal to 0'));
    }
  }
  return errs;
}

function validatePodCIDRs(cidrs: string[]): ErrorList {
  const errs: ErrorList = [];
  cidrs.forEach((c, i) => errs.push(...isValidCIDR(index('spec.podCIDRs', i), c)));
  if (cidrs.length > 1) {
    if (!isDualStack(cidrs.map((c) => c.split('/')[0]!)) || cidrs.length > 2) {
      errs.push(invalid('spec.podCIDRs', goSlice(cidrs, '[]string'), 'may specify no more than one CIDR for each IP family'));
    }
    cidrs.forEach((c, i) => { if (cidrs.indexOf(c) < i) errs.push(duplicate(index('spec.podCIDRs', i), c)); });
  }
  return errs;
}

export function validateNodeCreate(node: KubeObject): ErrorList {
  const errs = validateObjectMeta(node.metadata, false, nameIsDNSSubdomain, 'metadata', { kubeFinalizers: true });
  if (Array.isArray(node.spec?.taints) && node.spec.taints.length) errs.push(...validateNodeTaints(node.spec.taints, 'metadata.taints'));
  errs.push(...validateNodeResources(node));
  const cidrs: string[] = Array.isArray(node.spec?.podCIDRs) ? node.spec.podCIDRs.map(String) : [];
  if (cidrs.length) errs.push(...validatePodCIDRs(cidrs));
  return errs;
}

function validateNodeSpecUpdate(node: KubeObject, old: KubeObject): ErrorList {
  const errs: ErrorList = [];
  const oldCIDRs: string[] = old.spec?.podCIDRs ?? [];
  const newCIDRs: string[] = node.spec?.podCIDRs ?? [];
  if (oldCIDRs.length > 0) {
    const msg = 'node updates may not change podCIDR except from "" to valid';
    if (oldCIDRs.length !== newCIDRs.length) errs.push(forbidden('spec.podCIDRs', msg));
    else oldCIDRs.forEach((c, i) => { if (c !== newCIDRs[i]) errs.push(forbidden('spec.podCIDRs', msg)); });
  }
  if (old.spec?.providerID && old.spec.providerID !== node.spec?.providerID) {
    errs.push(forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
  }
  if (Array.isArray(node.spec?.taints) && node.spec.taints.length) errs.push(...validateNodeTaints(node.spec.taints, 'metadata.taints'));
  if ((node.spec?.externalID ?? '') !== (old.spec?.externalID ?? '')) errs.push(forbidden('spec.externalID', 'may not be updated'));
  return errs;
}

export function validateNodeUpdate(node: KubeObject, old: KubeObject): ErrorList {
  const errs = [...validateNodeCreate(node), ...validateObjectMetaUpdate(node.metadata, old.metadata, 'metadata', { kubeFinalizers: true })];
  errs.push(...validateNodeResources(node));
  const seen = new Set<string>();
  (Array.isArray(node.status?.addresses) ? node.status.addresses : []).forEach((a: Record<string, any>, i: number) => {
    const id = `${a?.type ?? ''}/${a?.address ?? ''}`;
    if (seen.has(id)) errs.push(duplicate(index('status.addresses', i), goStruct('core.NodeAddress', [['Type', String(a?.type ?? '')], ['Address', String(a?.address ?? '')]])));
    seen.add(id);
  });
  errs.push(...validateNodeSpecUpdate(node, old));
  return errs;
}
