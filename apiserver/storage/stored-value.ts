/**
 * The stored form of an object: "<resourceVersion>\n<JSON without metadata.resourceVersion>".
 * JSON.stringify never emits a raw newline, so the first "\n" always ends the version.
 */
import type { KubeObject } from '../../lib/api/types.js';

export function encodeObject(obj: KubeObject): string {
  const { resourceVersion: _rv, ...metadata } = obj.metadata;
  return JSON.stringify({ ...obj, metadata });
}

/** Parses a stored JSON body and gives it the resourceVersion it was stored at. */
export function withVersion(json: string, rv: string): KubeObject {
  const obj = JSON.parse(json) as KubeObject;
  obj.metadata = { ...obj.metadata, resourceVersion: rv };
  return obj;
}

export function decodeStored(value: string): KubeObject {
  const nl = value.indexOf('\n');
  return withVersion(value.slice(nl + 1), value.slice(0, nl));
}

export function storedVersion(value: string): string {
  return value.slice(0, value.indexOf('\n'));
}
