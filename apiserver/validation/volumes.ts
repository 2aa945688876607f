/**
 * Pod volumes and container volume mounts (core validation.go ValidateVolumes / ValidateVolumeMounts).
 *
 * Volumes: name required, a DNS-1123 label, unique; exactly one volume source. Sources are examined
 * in Go's order, so the second one set is the one reported Forbidden, at the (sometimes misspelt)
 * path Go uses. The contents of the common sources kubelab runs (emptyDir, hostPath, configMap,
 * secret, persistentVolumeClaim, projected, downwardAPI) are checked; others only count as a source.
 * A volume with errors is left out of the name table, so mounts of it also report Not found, as in Go.
 */
import { type ErrorList, child, duplicate, forbidden, index, invalid, notFound, required } from './field-errors.js';
import { isDNS1123Label } from './names.js';
import { parseQuantity } from './quantity.js';

/** JSON key → the path Go's "may not specify more than 1 volume type" error names. */
const SOURCES: [string, string][] = [
  ['emptyDir', 'emptyDir'], ['hostPath', 'hostPath'], ['gitRepo', 'gitRepo'], ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'], ['secret', 'secret'], ['nfs', 'nfs'], ['iscsi', 'iscsi'],
  ['glusterfs', 'glusterfs'], ['flocker', 'flocker'], ['persistentVolumeClaim', 'persistentVolumeClaim'], ['rbd', 'rbd'],
  ['cinder', 'cinder'], ['cephfs', 'cephFS'], ['quobyte', 'quobyte'], ['downwardAPI', 'downwarAPI'], ['fc', 'fc'],
  ['flexVolume', 'flexVolume'], ['configMap', 'configMap'], ['azureFile', 'azureFile'], ['vsphereVolume', 'vsphereVolume'],
  ['photonPersistentDisk', 'photonPersistentDisk'], ['portworxVolume', 'portworxVolume'], ['azureDisk', 'azureDisk'],
  ['storageos', 'storageos'], ['projected', 'projected'], ['scaleIO', 'scaleIO'], ['csi', 'csi'], ['ephemeral', 'ephemeral'],
  ['image', 'image'],
];

const FILE_MODE_MSG = 'must be a number between 0 and 0777 (octal), both inclusive';

function fileMode(mode: unknown, field: string): ErrorList {
  if (typeof mode !== 'number') return [];
  return mode > 0o777 || mode < 0 ? [invalid(field, mode, FILE_MODE_MSG)] : [];
}

function validatePathNoBacksteps(p: string, field: string): ErrorList {
  return p.split('/').includes('..') ? [invalid(field, p, "must not contain '..'")] : [];
}

function validateSourceContents(name: string, src: Record<string, any>, field: string): ErrorList {
  switch (name) {
    case 'emptyDir': {
      const q = src.sizeLimit === undefined ? undefined : parseQuantity(src.sizeLimit);
      return q && q.nanos < 0n ? [forbidden(child(field, 'sizeLimit'), 'SizeLimit field must be a valid resource quantity')] : [];
    }
    case 'hostPath':
      return src.path ? validatePathNoBacksteps(String(src.path), child(field, 'path')) : [required(child(field, 'path'))];
    case 'secret':
      return [...(src.secretName ? [] : [required(child(field, 'secretName'))]), ...fileMode(src.defaultMode, child(field, 'defaultMode'))];
    case 'configMap':
      return [...(src.name ? [] : [required(child(field, 'name'))]), ...fileMode(src.defaultMode, child(field, 'defaultMode'))];
    case 'persistentVolumeClaim':
      return src.claimName ? [] : [required(child(field, 'claimName'))];
    case 'projected': case 'downwardAPI':
      return fileMode(src.defaultMode, child(field, 'defaultMode'));
    default:
      return [];
  }
}

function validateVolumeSource(vol: Record<string, any>, field: string): ErrorList {
  const errs: ErrorList = [];
  let count = 0;
  for (const [jsonKey, goPath] of SOURCES) {
    const src = vol[jsonKey];
    if (src === undefined || src === null) continue;
    if (count > 0) errs.push(forbidden(child(field, goPath), 'may not specify more than 1 volume type'));
    else errs.push(...validateSourceContents(jsonKey, src, child(field, jsonKey)));
    count++;
  }
  if (count === 0) errs.push(required(field, 'must specify a volume type'));
  return errs;
}

/** Returns the errors and the names of the volumes that validated, for mounts to refer to. */
export function validateVolumes(volumes: unknown, field: string): { errs: ErrorList; names: Set<string> } {
  const errs: ErrorList = [];
  const names = new Set<string>();
  (Array.isArray(volumes) ? volumes : []).forEach((v: Record<string, any>, i: number) => {
    const vol = v ?? {};
    const at = index(field, i);
    const name = String(vol.name ?? '');
    const el = validateVolumeSource(vol, at);
    if (!name) el.push(required(child(at, 'name')));
    else el.push(...isDNS1123Label(name).map((m) => invalid(child(at, 'name'), name, m)));
    if (names.has(name)) el.push(duplicate(child(at, 'name'), name));
    if (el.length === 0) names.add(name);
    else errs.push(...el);
  });
  return { errs, names };
}

function validateLocalDescendingPath(p: string, field: string): ErrorList {
  const errs: ErrorList = p.startsWith('/') ? [invalid(field, p, 'must be a relative path')] : [];
  return [...errs, ...validatePathNoBacksteps(p, field)];
}

export function validateVolumeMounts(mounts: unknown, volumes: Set<string>, field: string): ErrorList {
  const errs: ErrorList = [];
  const paths = new Set<string>();
  (Array.isArray(mounts) ? mounts : []).forEach((m: Record<string, any>, i: number) => {
    const at = index(field, i);
    const name = String(m?.name ?? '');
    const mountPath = String(m?.mountPath ?? '');
    if (!name) errs.push(required(child(at, 'name')));
    if (!volumes.has(name)) errs.push(notFound(child(at, 'name'), name));
    if (!mountPath) errs.push(required(child(at, 'mountPath')));
    if (paths.has(mountPath)) errs.push(invalid(child(at, 'mountPath'), mountPath, 'must be unique'));
    paths.add(mountPath);
    // Go builds these two paths from the list, not the element (`volumeMounts.subPath`).
    if (m?.subPath) errs.push(...validateLocalDescendingPath(String(m.subPath), child(field, 'subPath')));
    if (m?.subPathExpr) {
      if (m.subPath) errs.push(invalid(child(at, 'subPathExpr'), String(m.subPathExpr), 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...validateLocalDescendingPath(String(m.subPathExpr), child(field, 'subPathExpr')));
    }
  });
  return errs;
}
