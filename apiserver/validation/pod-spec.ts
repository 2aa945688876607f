/**
 * PodSpec (core validation.go ValidatePodSpec), in Go's order: terminationGracePeriodSeconds present
 * (defaulted to 30), volumes, containers, init containers, hostNetwork ports, restartPolicy and
 * dnsPolicy (defaulted), nodeSelector labels, imagePullSecrets, affinity, dnsConfig, readiness and
 * scheduling gates, serviceAccountName, nodeName, activeDeadlineSeconds, hostname, subdomain,
 * tolerations, hostAliases, priorityClassName, runtimeClassName, preemptionPolicy, os.
 *
 * Not checked (kubelab runs none of it): securityContext, topologySpreadConstraints, resourceClaims,
 * overhead, Windows options. A negative terminationGracePeriodSeconds is not an error in v1.32.
 */
import { type ErrorList, child, duplicate, index, invalid, notSupported, required } from './field-errors.js';
import { validateAffinity } from './affinity.js';
import { validateContainers, validateInitContainers } from './containers.js';
import { isValidIP } from './ip.js';
import { validateLabels, validateLabelName } from './labels.js';
import { inclusiveRangeError, isDNS1123Label, isDNS1123Subdomain, nameIsDNSSubdomain } from './names.js';
import { validateTolerations } from './tolerations.js';
import { validateVolumes } from './volumes.js';
import { goStruct } from './go-format.js';

export interface PodSpecOptions {
  /** The spec belongs to a Pod (not a template): hostNetwork then requires hostPort == containerPort. */
  resourceIsPod: boolean;
}

type Spec = Record<string, any>;

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const MAX_INT32 = 2147483647;

function validateEnum(value: unknown, allowed: string[], field: string): ErrorList {
  if (!value) return [required(field)];
  return allowed.includes(String(value)) ? [] : [notSupported(field, String(value), allowed)];
}

function validateHostNetworkPorts(spec: Spec, field: string, opts: PodSpecOptions): ErrorList {
  if (spec.hostNetwork !== true) return [];
  const errs: ErrorList = [];
  (Array.isArray(spec.containers) ? spec.containers : []).forEach((c: Spec, i: number) => {
    (Array.isArray(c?.ports) ? c.ports : []).forEach((p: Spec, j: number) => {
      const hp = Number(p?.hostPort ?? 0);
      const cp = Number(p?.containerPort ?? 0);
      // Templates may leave hostPort 0: it is defaulted when the pod is created.
      if ((opts.resourceIsPod || hp !== 0) && hp !== cp) {
        errs.push(invalid(child(index(child(index(child(field, 'containers'), i), 'ports'), j), 'hostPort'), hp, 'must match `containerPort` when `hostNetwork` is true'));
      }
    });
  });
  return errs;
}

function validateImagePullSecrets(secrets: unknown, field: string): ErrorList {
  const errs: ErrorList = [];
  (Array.isArray(secrets) ? secrets : []).forEach((s: Spec, i: number) => {
    const extra = Object.keys(s ?? {}).filter((k) => k !== 'name');
    if (extra.length) errs.push(invalid(index(field, i), goStruct('core.LocalObjectReference', [['Name', String(s?.name ?? '')]]), 'only name may be set'));
  });
  return errs;
}

function validateDNSConfig(config: Spec | undefined, dnsPolicy: unknown, field: string): ErrorList {
  if (dnsPolicy === 'None') {
    if (!config) return [required(field, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (!Array.isArray(config.nameservers) || config.nameservers.length === 0) {
      return [required(child(field, 'nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
    }
  }
  if (!config) return [];
  const errs: ErrorList = [];
  const ns: string[] = Array.isArray(config.nameservers) ? config.nameservers.map(String) : [];
  ns.forEach((n, i) => errs.push(...isValidIP(index(child(field, 'nameservers'), i), n)));
  const searches: string[] = Array.isArray(config.searches) ? config.searches.map(String) : [];
  searches.forEach((s, i) => {
    const trimmed = s.endsWith('.') ? s.slice(0, -1) : s;
    errs.push(...isDNS1123Subdomain(trimmed).map((m) => invalid(index(child(field, 'searches'), i), trimmed, m)));
  });
  (Array.isArray(config.options) ? config.options : []).forEach((o: Spec, i: number) => {
    if (!o?.name) errs.push(required(index(child(field, 'options'), i), 'must not be empty'));
  });
  return errs;
}

function validateGates(spec: Spec, field: string): ErrorList {
  const errs: ErrorList = [];
  (Array.isArray(spec.readinessGates) ? spec.readinessGates : []).forEach((g: Spec, i: number) => {
    errs.push(...validateLabelName(String(g?.conditionType ?? ''), child(index(child(field, 'readinessGates'), i), 'conditionType')));
  });
  const seen = new Set<string>();
  (Array.isArray(spec.schedulingGates) ? spec.schedulingGates : []).forEach((g: Spec, i: number) => {
    const name = String(g?.name ?? '');
    const at = index(child(field, 'schedulingGates'), i);
    errs.push(...validateLabelName(name, at));
    if (seen.has(name)) errs.push(duplicate(at, name));
    seen.add(name);
  });
  return errs;
}

/** A DNS subdomain name field that is optional (checked only when set). */
function optionalSubdomain(value: unknown, field: string): ErrorList {
  if (!value) return [];
  return nameIsDNSSubdomain(String(value), false).map((m) => invalid(field, String(value), m));
}

function validateHostAliases(aliases: unknown, field: string): ErrorList {
  const errs: ErrorList = [];
  (Array.isArray(aliases) ? aliases : []).forEach((a: Spec, i: number) => {
    errs.push(...isValidIP(child(index(field, i), 'ip'), String(a?.ip ?? '')));
    (Array.isArray(a?.hostnames) ? a.hostnames : []).forEach((h: unknown, j: number) => {
      errs.push(...isDNS1123Subdomain(String(h)).map((m) => invalid(index(child(index(field, i), 'hostnames'), j), String(h), m)));
    });
  });
  return errs;
}

function validateScalars(spec: Spec, field: string): ErrorList {
  const errs: ErrorList = [];
  errs.push(...optionalSubdomain(spec.serviceAccountName, child(field, 'serviceAccountName')));
  errs.push(...optionalSubdomain(spec.nodeName, child(field, 'nodeName')));
  if (typeof spec.activeDeadlineSeconds === 'number') {
    const v = spec.activeDeadlineSeconds;
    if (v < 1 || v > MAX_INT32) errs.push(invalid(child(field, 'activeDeadlineSeconds'), v, inclusiveRangeError(1, MAX_INT32)));
  }
  for (const f of ['hostname', 'subdomain']) {
    if (spec[f]) errs.push(...isDNS1123Label(String(spec[f])).map((m) => invalid(child(field, f), String(spec[f]), m)));
  }
  return errs;
}

function validateTail(spec: Spec, field: string): ErrorList {
  const errs: ErrorList = [];
  if (Array.isArray(spec.tolerations) && spec.tolerations.length) errs.push(...validateTolerations(spec.tolerations, child(field, 'tolerations')));
  errs.push(...validateHostAliases(spec.hostAliases, child(field, 'hostAliases')));
  errs.push(...optionalSubdomain(spec.priorityClassName, child(field, 'priorityClassName')));
  if (typeof spec.runtimeClassName === 'string') {
    errs.push(...nameIsDNSSubdomain(spec.runtimeClassName, false).map((m) => invalid(child(field, 'runtimeClassName'), spec.runtimeClassName, m)));
  }
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== null) {
    errs.push(...validateEnum(spec.preemptionPolicy, ['PreemptLowerPriority', 'Never'], child(field, 'preemptionPolicy')));
  }
  if (spec.os) {
    const os = String(spec.os.name ?? '');
    if (!os) errs.push(required(child(field, 'os', 'name')));
    else if (os !== 'linux' && os !== 'windows') errs.push(notSupported(child(field, 'os', 'name'), os, ['linux', 'windows']));
  }
  return errs;
}

export function validatePodSpec(spec: Spec, field: string, opts: PodSpecOptions): ErrorList {
  const errs: ErrorList = [];
  const tgps = spec.terminationGracePeriodSeconds;
  if (tgps === undefined || tgps === null) errs.push(required(child(field, 'terminationGracePeriodSeconds')));
  const { errs: volErrs, names } = validateVolumes(spec.volumes, child(field, 'volumes'));
  errs.push(...volErrs);
  const ctx = { volumes: names, gracePeriod: typeof tgps === 'number' ? tgps : undefined };
  errs.push(...validateContainers(spec.containers, child(field, 'containers'), ctx));
  errs.push(...validateInitContainers(spec.initContainers, spec.containers, child(field, 'initContainers'), ctx));
  errs.push(...validateHostNetworkPorts(spec, field, opts));
  errs.push(...validateEnum(spec.restartPolicy, RESTART_POLICIES, child(field, 'restartPolicy')));
  errs.push(...validateEnum(spec.dnsPolicy, DNS_POLICIES, child(field, 'dnsPolicy')));
  errs.push(...validateLabels(spec.nodeSelector, child(field, 'nodeSelector')));
  errs.push(...validateImagePullSecrets(spec.imagePullSecrets, child(field, 'imagePullSecrets')));
  errs.push(...validateAffinity(spec.affinity, child(field, 'affinity')));
  errs.push(...validateDNSConfig(spec.dnsConfig, spec.dnsPolicy, child(field, 'dnsConfig')));
  errs.push(...validateGates(spec, field));
  errs.push(...validateScalars(spec, field));
  errs.push(...validateTail(spec, field));
  return errs;
}
