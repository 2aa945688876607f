/**
 * Container environment (core validation.go ValidateEnv / ValidateEnvFrom): names required and, with
 * v1.32's default RelaxedEnvironmentVariableValidation, any printable ASCII but '='; `valueFrom` names
 * exactly one source and excludes `value`; downward-API field paths limited to the ones the kubelet
 * can fill; ConfigMap/Secret references need a name and a valid key.
 */
import { type ErrorList, child, index, invalid, notSupported, required } from './field-errors.js';
import { isConfigMapKey, isQualifiedName, isRelaxedEnvVarName, nameIsDNSSubdomain } from './names.js';

const ENV_FIELD_PATHS = [
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
].sort();

/** Field labels the v1 downward API converts (pods.ConvertDownwardAPIFieldLabel). */
const CONVERTIBLE_FIELD_PATHS = new Set([
  'metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid',
  'spec.nodeName', 'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName',
  'status.phase', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
]);

const RESOURCE_FIELD_PATHS = [
  'limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory',
];

export function validateEnv(vars: unknown, field: string): ErrorList {
  const errs: ErrorList = [];
  (Array.isArray(vars) ? vars : []).forEach((ev: Record<string, any>, i: number) => {
    const at = index(field, i);
    const name = String(ev?.name ?? '');
    if (!name) errs.push(required(child(at, 'name')));
    else errs.push(...isRelaxedEnvVarName(name).map((m) => invalid(child(at, 'name'), name, m)));
    errs.push(...validateValueFrom(ev ?? {}, child(at, 'valueFrom')));
  });
  return errs;
}

function validateValueFrom(ev: Record<string, any>, field: string): ErrorList {
  const from = ev.valueFrom;
  if (!from) return [];
  const errs: ErrorList = [];
  let sources = 0;
  if (from.fieldRef) {
    sources++;
    errs.push(...validateFieldRef(from.fieldRef, child(field, 'fieldRef')));
  }
  if (from.resourceFieldRef) {
    sources++;
    errs.push(...validateResourceFieldRef(from.resourceFieldRef, child(field, 'resourceFieldRef')));
  }
  if (from.configMapKeyRef) {
    sources++;
    errs.push(...validateKeySelector(from.configMapKeyRef, child(field, 'configMapKeyRef')));
  }
  if (from.secretKeyRef) {
    sources++;
    errs.push(...validateKeySelector(from.secretKeyRef, child(field, 'secretKeyRef')));
  }
  if (sources === 0) errs.push(invalid(field, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  else if (ev.value) errs.push(invalid(field, '', 'may not be specified when `value` is not empty'));
  else if (sources > 1) errs.push(invalid(field, '', 'may not have more than one field specified at a time'));
  return errs;
}

function validateFieldRef(ref: Record<string, any>, field: string): ErrorList {
  if (!ref.apiVersion) return [required(child(field, 'apiVersion'))];
  if (!ref.fieldPath) return [required(child(field, 'fieldPath'))];
  const fieldPath = String(ref.fieldPath);
  if (ref.apiVersion !== 'v1') {
    return [invalid(child(field, 'fieldPath'), fieldPath, `error converting fieldPath: unsupported pod version: ${ref.apiVersion}`)];
  }
  const sub = /^(metadata\.(?:annotations|labels))\['(.*)'\]$/.exec(fieldPath);
  const path = sub ? sub[1]! : fieldPath;
  if (!CONVERTIBLE_FIELD_PATHS.has(path)) {
    return [invalid(child(field, 'fieldPath'), fieldPath, `error converting fieldPath: field label not supported: ${fieldPath}`)];
  }
  if (sub) {
    const subscript = path === 'metadata.annotations' ? sub[2]!.toLowerCase() : sub[2]!;
    return isQualifiedName(subscript).map((m) => invalid(field, subscript, m));
  }
  return ENV_FIELD_PATHS.includes(path) ? [] : [notSupported(child(field, 'fieldPath'), path, ENV_FIELD_PATHS)];
}

function validateResourceFieldRef(ref: Record<string, any>, field: string): ErrorList {
  const resource = String(ref.resource ?? '');
  if (!resource) return [required(child(field, 'resource'))];
  if (RESOURCE_FIELD_PATHS.includes(resource) || /^(requests|limits)\.hugepages-/.test(resource)) return [];
  return [notSupported(child(field, 'resource'), resource, RESOURCE_FIELD_PATHS)];
}

function validateKeySelector(sel: Record<string, any>, field: string): ErrorList {
  const name = String(sel.name ?? '');
  const errs = nameIsDNSSubdomain(name, false).map((m) => invalid(child(field, 'name'), name, m));
  const k = String(sel.key ?? '');
  if (!k) errs.push(required(child(field, 'key')));
  else errs.push(...isConfigMapKey(k).map((m) => invalid(child(field, 'key'), k, m)));
  return errs;
}

export function validateEnvFrom(sources: unknown, field: string): ErrorList {
  const errs: ErrorList = [];
  (Array.isArray(sources) ? sources : []).forEach((src: Record<string, any>, i: number) => {
    const at = index(field, i);
    const s = src ?? {};
    if (s.prefix) errs.push(...isRelaxedEnvVarName(String(s.prefix)).map((m) => invalid(child(at, 'prefix'), String(s.prefix), m)));
    const refs = ['configMapRef', 'secretRef'].filter((k) => s[k]);
    for (const k of refs) errs.push(...validateEnvSourceName(s[k], child(at, k, 'name')));
    // Go reports these two at the list path, not the element's.
    if (refs.length === 0) errs.push(invalid(field, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (refs.length > 1) errs.push(invalid(field, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function validateEnvSourceName(ref: Record<string, any>, field: string): ErrorList {
  const name = String(ref?.name ?? '');
  if (!name) return [required(field)];
  // Go checks these names as generateName prefixes (prefix=true), so a trailing '-' passes.
  return nameIsDNSSubdomain(name, true).map((m) => invalid(field, name, m));
}
