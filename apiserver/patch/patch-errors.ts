/**
 * The errors patch application throws, each rendering the Status kube-apiserver sends for that case
 * (read from apiserver pkg/endpoints/handlers/patch.go and apimachinery pkg/util/mergepatch).
 *
 *  - A body that does not decode, or a strategic merge patch whose directives are malformed:
 *    400 BadRequest (lib's BadRequestError, or StrategicMergePatchError below).
 *  - A JSON patch that decodes but cannot be applied (failed `test`, missing path, unknown op), or a
 *    strategic merge patch with a list of lists: 422 Invalid built by apimachinery's
 *    NewGenericServerResponse, which *drops* the underlying reason: the client only ever sees
 *    "the server rejected our request due to an error in our request". kubelab keeps the reason in
 *    `detail` (and `cause`) for its own logs.
 *  - More than 10000 JSON patch operations: 413.
 *  - A Content-Type that is no patch type at all: 415 from go-restful's route matching (the PATCH
 *    route consumes only the patch media types), which kube-apiserver's service error handler turns
 *    into "415: Unsupported Media Type" with empty details. Only server-side apply's type, which the
 *    route does accept, reaches the handler's own "accepted media types include: ..." 415.
 */
import { ApiError, BadRequestError, UnsupportedMediaTypeError } from '../../lib/errors.js';
import type { Status } from '../../lib/api/types.js';
import { goSprint, goTypeString } from './go-format.js';

/** A strategic merge patch that is well-formed JSON but not a well-formed strategic merge patch. */
export class StrategicMergePatchError extends BadRequestError {}

/** 422 with the fixed message kube-apiserver sends; `detail` says what actually went wrong. */
export class UnprocessablePatchError extends ApiError {
  constructor(
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super('the server rejected our request due to an error in our request', 422, 'Invalid', {}, options);
  }
}

/** 415 for a PATCH whose Content-Type no PATCH route consumes (see the header). */
export class UnroutablePatchMediaTypeError extends UnsupportedMediaTypeError {
  constructor(contentType: string) {
    super(contentType);
    this.message = '415: Unsupported Media Type';
  }

  override toStatus(): Status {
    return { ...super.toStatus(), details: {} };
  }
}

/** kube-apiserver's cap on the size of one JSON patch (handlers/patch.go maxJSONPatchOperations). */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

export class TooManyPatchOperationsError extends ApiError {
  constructor(count: number) {
    super(
      `Request entity too large: The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${count}`,
      413,
      'RequestEntityTooLarge',
    );
  }
}

/** Messages of apimachinery's mergepatch sentinel errors, which kube-apiserver sends verbatim. */
export const SMP_MESSAGES = {
  badPrimitiveList: 'invalid patch format of primitive list',
  badRetainKeys: 'invalid patch format of retainKeys',
  badSetElementOrder: 'invalid patch format of setElementOrder list',
  listOfLists: 'lists of lists are not supported',
} as const;

// The constructors below reproduce apimachinery's formatted mergepatch errors. kube-apiserver does
// not map these to a Status, so it answers 500 with the text; kubelab answers 400 with the same text,
// since the fault is in the request (see the report on this module).

/** mergepatch.ErrNoMergeKey. */
export function noMergeKeyError(m: unknown, mergeKey: string): StrategicMergePatchError {
  return new StrategicMergePatchError(`map: ${goSprint(m)} does not contain declared merge key: ${mergeKey}`);
}

/** mergepatch.ErrBadArgType; `expected` is the Go type name, e.g. "[]interface {}". */
export function badArgTypeError(expected: string, actual: unknown): StrategicMergePatchError {
  return new StrategicMergePatchError(`expected a ${expected}, but received a ${goTypeString(actual)}`);
}

/** mergepatch.ErrBadPatchType: a `$patch` value other than replace / delete (/ merge). */
export function badPatchTypeError(directive: unknown, m: unknown): StrategicMergePatchError {
  return new StrategicMergePatchError(`unknown patch type: ${goSprint(directive)} in map: ${goSprint(m)}`);
}
