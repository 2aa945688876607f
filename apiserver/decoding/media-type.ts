/**
 * Which reader a request body needs, from its Content-Type, as kube-apiserver's
 * NegotiateInputSerializer decides: no Content-Type means JSON (kubectl's scale PUT sends none),
 * parameters such as `; charset=utf-8` are ignored, case does not matter, and anything else is 415.
 *
 * `application/vnd.kubernetes.protobuf` is read where the caller can read it (object bodies, see
 * protobuf/): kubectl's typed clients send `create namespace`, `create deployment` and the like in it.
 * Elsewhere it stays a 415.
 */
import { UnsupportedBodyMediaTypeError } from './decode-errors.js';

export type BodyFormat = 'json' | 'yaml' | 'protobuf';

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Go's mime.ParseMediaType, reduced to what the decision needs: the lower-cased type/subtype. */
function mediaType(contentType: string): string | undefined {
  const [type, ...params] = contentType.split(';');
  const [major, minor, extra] = type!.trim().toLowerCase().split('/');
  if (!major || !minor || extra !== undefined || !TOKEN.test(major) || !TOKEN.test(minor)) return undefined;
  for (const p of params) {
    if (p.trim() === '' && p === params[params.length - 1]) continue;
    const eq = p.indexOf('=');
    if (eq <= 0 || !TOKEN.test(p.slice(0, eq).trim())) return undefined;
  }
  return `${major}/${minor}`;
}

/** The body's format; `protobuf: true` when the caller reads Kubernetes protobuf too. */
export function negotiateBodyFormat(contentType: string | undefined, opts: { protobuf?: boolean } = {}): BodyFormat {
  if (contentType === undefined || contentType.trim() === '') return 'json';
  const type = mediaType(contentType);
  if (type === 'application/json') return 'json';
  if (type === 'application/yaml') return 'yaml';
  if (type === 'application/vnd.kubernetes.protobuf' && opts.protobuf) return 'protobuf';
  throw new UnsupportedBodyMediaTypeError(contentType);
}
