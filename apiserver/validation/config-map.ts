/**
 * ConfigMaps (core ValidateConfigMap / ValidateConfigMapUpdate): keys of data and binaryData are valid
 * config keys and not shared between the two, the total size is at most 1 MiB (reported against the
 * whole object, i.e. an empty field path), and an immutable ConfigMap stays as it is.
 */
import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from '../../lib/api/types.js';
import { type ErrorList, forbidden, invalid, key, tooLong } from './field-errors.js';
import { byteLength, isConfigMapKey, nameIsDNSSubdomain } from './names.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';

export const MAX_CONFIG_MAP_SIZE = 1024 * 1024;

function validateContents(cm: KubeObject): ErrorList {
  const errs: ErrorList = [];
  const data: Record<string, unknown> = cm.data ?? {};
  const binary: Record<string, unknown> = cm.binaryData ?? {};
  let total = 0;
  for (const k of Object.keys(data).sort()) {
    errs.push(...isConfigMapKey(k).map((m) => invalid(key('data', k), k, m)));
    if (k in binary) errs.push(invalid(key('data', k), k, 'duplicate of key present in binaryData'));
    total += byteLength(String(data[k] ?? ''));
  }
  for (const k of Object.keys(binary).sort()) {
    errs.push(...isConfigMapKey(k).map((m) => invalid(key('binaryData', k), k, m)));
    // binaryData travels base64-encoded; the limit counts the decoded bytes.
    total += Buffer.from(String(binary[k] ?? ''), 'base64').length;
  }
  if (total > MAX_CONFIG_MAP_SIZE) errs.push(tooLong('', MAX_CONFIG_MAP_SIZE));
  return errs;
}

export function validateConfigMapCreate(cm: KubeObject): ErrorList {
  return [...validateObjectMeta(cm.metadata, true, nameIsDNSSubdomain, 'metadata', { kubeFinalizers: true }), ...validateContents(cm)];
}

export function validateConfigMapUpdate(cm: KubeObject, old: KubeObject): ErrorList {
  const errs = validateObjectMetaUpdate(cm.metadata, old.metadata, 'metadata', { kubeFinalizers: true });
  if (old.immutable === true) {
    const msg = 'field is immutable when `immutable` is set';
    if (cm.immutable !== true) errs.push(forbidden('immutable', msg));
    if (!isDeepStrictEqual(cm.data ?? {}, old.data ?? {})) errs.push(forbidden('data', msg));
    if (!isDeepStrictEqual(cm.binaryData ?? {}, old.binaryData ?? {})) errs.push(forbidden('binaryData', msg));
  }
  return [...errs, ...validateConfigMapCreate(cm)];
}
