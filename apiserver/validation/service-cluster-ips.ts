/**
 * A Service's cluster IPs (core ValidateServiceClusterIPsRelatedFields, validateUpgradeDowngrade*):
 * clusterIPs[0] equals clusterIP, every entry is an IP (only a lone "None" marks a headless service),
 * at most two, one per family, matching ipFamilies; once set, the primary address never changes. On a
 * real server, changing spec.clusterIP therefore reads "spec.clusterIPs[0]: Invalid value:
 * []string{...}: may not change once set".
 *
 * Before validating, the real registry keeps an allocated address a client left out of its update
 * (patchAllocatedValues) and reconciles the singular and plural fields for clients that only send
 * `clusterIP` (NormalizeClusterIPs); `normalizeClusterIPs` does both here, so `kubectl replace` of a
 * manifest without clusterIP validates as it does against a real server.
 */
import { type ErrorList, index, invalid, duplicate, notSupported, required } from './field-errors.js';
import { GoLiteral, goSlice } from './go-format.js';
import { isDualStack, isValidIP, parseIP } from './ip.js';

type Spec = Record<string, any>;

const ips = (spec: Spec): string[] => (Array.isArray(spec.clusterIPs) ? spec.clusterIPs.map(String) : []);
const ipsValue = (spec: Spec): GoLiteral => goSlice(Array.isArray(spec.clusterIPs) ? spec.clusterIPs.map(String) : null, '[]string');
const isHeadless = (spec: Spec) => ips(spec).length === 1 && ips(spec)[0] === 'None';

/** Returns a copy of `spec` with clusterIPs derived from clusterIP as the registry would. */
export function normalizeClusterIPs(spec: Spec, old?: Spec): Spec {
  const next = { ...spec };
  if (!old) {
    if (next.clusterIP && ips(next).length === 0) next.clusterIPs = [String(next.clusterIP)];
    return next;
  }
  if (old.type !== 'ExternalName' && next.type !== 'ExternalName') {
    if (!next.clusterIP && old.clusterIP) next.clusterIP = old.clusterIP;
    if (next.clusterIP === old.clusterIP && ips(next).length === 0 && ips(old).length > 0) next.clusterIPs = old.clusterIPs;
  }
  const single = String(next.clusterIP ?? '');
  const sameIPs = JSON.stringify(ips(old)) === JSON.stringify(ips(next));
  if (ips(old).length > 0 && ips(next).length === 0 && String(old.clusterIP ?? '') === single) next.clusterIPs = old.clusterIPs;
  else if (String(old.clusterIP ?? '') !== single && sameIPs) {
    // A client changed or cleared only the singular field: make the plural follow.
    if (old.clusterIP && !single) delete next.clusterIPs;
    else next.clusterIPs = [single];
  }
  return next;
}

function validateSingularAndPlural(spec: Spec): ErrorList {
  const list = ips(spec);
  if (spec.clusterIP) {
    if (list.length === 0) return [required('spec.clusterIPs')];
    if (list[0] !== spec.clusterIP) return [invalid('spec.clusterIPs', ipsValue(spec), 'first value must match `clusterIP`')];
  } else if (list.length !== 0) {
    return [invalid('spec.clusterIPs', ipsValue(spec), 'must be empty when `clusterIP` is not specified')];
  }
  return [];
}

function validateFamilies(spec: Spec, families: string[]): ErrorList {
  const errs: ErrorList = [];
  families.forEach((f, i) => {
    if (f !== 'IPv4' && f !== 'IPv6') errs.push(notSupported(index('spec.ipFamilies', i), f, ['IPv4', 'IPv6']));
    if (families.indexOf(f) < i) errs.push(duplicate(index('spec.ipFamilies', i), f));
  });
  const policy = spec.ipFamilyPolicy;
  const policies = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
  if (policy !== undefined && policy !== null && !policies.includes(policy)) errs.push(notSupported('spec.ipFamilyPolicy', String(policy), policies));
  return errs;
}

/** Each address parses ("None" only alone); returns whether any did not, as later checks then stop. */
function validateAddresses(spec: Spec, errs: ErrorList): boolean {
  const list = ips(spec);
  let bad = false;
  list.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (list.length > 1) {
        bad = true;
        errs.push(invalid('spec.clusterIPs', ipsValue(spec), "'None' must be the first and only value"));
      }
      return;
    }
    const e = isValidIP(index('spec.clusterIPs', i), ip);
    bad ||= e.length > 0;
    errs.push(...e);
  });
  if (list.length > 2) errs.push(invalid('spec.clusterIPs', ipsValue(spec), 'may only hold up to 2 values'));
  return bad;
}

function validateFamilyMatch(spec: Spec, families: string[]): ErrorList {
  const errs: ErrorList = [];
  ips(spec).forEach((ip, i) => {
    if (i >= families.length) return;
    const fam = parseIP(ip)?.family;
    if (families[i] === 'IPv4' && fam === 6) errs.push(invalid(index('spec.clusterIPs', i), ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
    if (families[i] === 'IPv6' && fam !== 6) errs.push(invalid(index('spec.clusterIPs', i), ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
  });
  return errs;
}

export function validateClusterIPs(spec: Spec): ErrorList {
  if (spec.type === 'ExternalName') return [];
  const families: string[] = Array.isArray(spec.ipFamilies) ? spec.ipFamilies.map(String) : [];
  const errs = [...validateSingularAndPlural(spec), ...validateFamilies(spec, families)];
  // A bad address would skew the dual-stack and family checks, so Go stops here.
  if (validateAddresses(spec, errs)) return errs;
  const list = ips(spec);
  if (list.length > 1 && !isDualStack(list)) errs.push(invalid('spec.clusterIPs', ipsValue(spec), 'may specify no more than one IP for each IP family'));
  if (!isHeadless(spec)) errs.push(...validateFamilyMatch(spec, families));
  return errs;
}

/** The primary cluster IP may be added or kept, never changed or removed (ExternalName aside). */
export function validateClusterIPsUpdate(old: Spec, next: Spec): ErrorList {
  if (next.type === 'ExternalName' || old.type === 'ExternalName') return [];
  if (isHeadless(old) && isHeadless(next)) return [];
  const o = ips(old);
  const n = ips(next);
  const errs: ErrorList = [];
  const changed = 'may not change once set';
  if (o.length === n.length) {
    o.forEach((ip, i) => { if (ip !== n[i]) errs.push(invalid(index('spec.clusterIPs', i), ipsValue(next), changed)); });
  } else if (o.length > n.length) {
    if (n.length === 0) errs.push(invalid('spec.clusterIPs[0]', ipsValue(next), 'primary clusterIP can not be unset'));
    if (o.length > 0 && n.length > 0 && n[0] !== o[0]) errs.push(invalid('spec.clusterIPs[0]', ipsValue(next), changed));
    if (n.length === 1 && next.ipFamilyPolicy !== 'SingleStack') {
      errs.push(invalid('spec.ipFamilyPolicy', next.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary clusterIP"));
    }
  } else if (o.length > 0 && n[0] !== o[0]) {
    errs.push(invalid('spec.clusterIPs[0]', ipsValue(next), changed));
  }
  return errs;
}
