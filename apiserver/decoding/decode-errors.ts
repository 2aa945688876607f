/**
 * The Status errors the request decoder raises, with kube-apiserver's exact words.
 *
 * - 400 "<Kind> in version "<v>" cannot be handled as a <Kind>: <cause>" once the body's kind is known,
 *   "the object provided is unrecognized (must be of type <Kind>): <cause> (<summary>)" before
 *   (apiserver's transformDecodeError; the summary is the body's first 30 bytes, hex unless it starts
 *   with '{').
 * - 415 for a body media type the server cannot read.
 * - 422 on CreateOptions/UpdateOptions/DeleteOptions ("CreateOptions.meta.k8s.io "" is invalid: ...").
 * - errors that kube-apiserver does not wrap in a Status (delete-options decoding) come back as 500 with
 *   an empty reason, as its ErrorToAPIStatus renders them.
 */
import type { StatusCause } from '../../lib/api/types.js';
import { ApiError, BadRequestError, InvalidError, UnsupportedMediaTypeError } from '../../lib/errors.js';

export const ACCEPTED_BODY_MEDIA_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

/** 415 for a request body; lib's UnsupportedMediaTypeError carries the PATCH wording, this one the body's. */
export class UnsupportedBodyMediaTypeError extends UnsupportedMediaTypeError {
  constructor(contentType: string) {
    super(contentType);
    this.message = `the body of the request was in an unknown format - accepted media types include: ${ACCEPTED_BODY_MEDIA_TYPES.join(', ')}`;
  }
}

/** A plain Go error the apiserver returned unconverted: HTTP 500, reason "" (StatusReasonUnknown). */
export class UnclassifiedServerError extends ApiError {
  constructor(message: string) {
    super(message, 500, '');
  }
}

/** Go's summarizeData(body, 30). */
export function summarizeBody(body: string): string {
  const b = Buffer.from(body, 'utf8');
  if (b.length === 0) return '<empty>';
  const head = b.subarray(0, 30);
  const more = b.length > 30 ? ' ...' : '';
  return b[0] === 0x7b ? head.toString('utf8') + more : head.toString('hex') + more;
}

export function cannotBeHandled(kind: string, version: string, expectedKind: string, cause: string): BadRequestError {
  return new BadRequestError(`${kind} in version ${JSON.stringify(version)} cannot be handled as a ${expectedKind}: ${cause}`);
}

export function unrecognized(expectedKind: string, cause: string, body: string): BadRequestError {
  return new BadRequestError(`the object provided is unrecognized (must be of type ${expectedKind}): ${cause} (${summarizeBody(body)})`);
}

/** Go's field.NotSupported message for a string value. */
export function notSupported(value: string, supported: string[]): string {
  return `Unsupported value: ${JSON.stringify(value)}: supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`;
}

/** 422 on one of the meta.k8s.io option kinds, e.g. `CreateOptions.meta.k8s.io "" is invalid: ...`. */
export function optionsInvalid(kind: 'CreateOptions' | 'UpdateOptions' | 'DeleteOptions', causes: StatusCause[]): InvalidError {
  const err = new InvalidError('meta.k8s.io', kind, '', causes);
  // lib's InvalidError prints the bare kind; apimachinery qualifies it with the group.
  err.message = err.message.replace(`${kind} ""`, `${kind}.meta.k8s.io ""`);
  return err;
}
