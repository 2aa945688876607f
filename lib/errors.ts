/**
 * API errors: one named subclass per failure kind, each able to render itself as the metav1.Status a
 * real kube-apiserver would send. Code checks errors with `instanceof`, never by message.
 *
 * Messages follow apimachinery's `pkg/api/errors` word for word, because kubectl prints them verbatim.
 */
import type { Status, StatusCause, StatusDetails } from './api/types.js';

export interface QualifiedResource {
  group: string;
  resource: string;
}

function qualified(r: QualifiedResource): string {
  return r.group ? `${r.resource}.${r.group}` : r.resource;
}

function details(r: QualifiedResource, name: string | undefined, extra: Partial<StatusDetails> = {}): StatusDetails {
  const d: StatusDetails = {};
  if (name !== undefined) d.name = name;
  if (r.group) d.group = r.group;
  d.kind = r.resource;
  return { ...d, ...extra };
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: number,
    readonly reason: string,
    readonly details?: StatusDetails,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }

  toStatus(): Status {
    const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: this.message, reason: this.reason, code: this.code };
    if (this.details) s.details = this.details;
    return s;
  }

  /** Rebuilds the error a Status describes, e.g. on the client side of the NATS API. */
  static fromStatus(s: Status): ApiError {
    const Ctor = BY_REASON[s.reason ?? ''] ?? ApiError;
    const err = Object.create(Ctor.prototype) as ApiError;
    Object.assign(err, { message: s.message ?? '', code: s.code, reason: s.reason ?? '', details: s.details, name: Ctor.name });
    return err;
  }
}

export class NotFoundError extends ApiError {
  constructor(r: QualifiedResource, name: string) {
    super(`${qualified(r)} "${name}" not found`, 404, 'NotFound', details(r, name));
  }
}

export class AlreadyExistsError extends ApiError {
  constructor(r: QualifiedResource, name: string) {
    super(`${qualified(r)} "${name}" already exists`, 409, 'AlreadyExists', details(r, name));
  }
}

export class ConflictError extends ApiError {
  constructor(r: QualifiedResource, name: string, why = 'the object has been modified; please apply your changes to the latest version and try again') {
    super(`Operation cannot be fulfilled on ${qualified(r)} "${name}": ${why}`, 409, 'Conflict', details(r, name));
  }
}

/** 422: the object failed validation. `kind` is the object's Kind (e.g. "Pod"), as kubectl prints it. */
export class InvalidError extends ApiError {
  constructor(
    group: string,
    kind: string,
    name: string,
    readonly causes: StatusCause[],
  ) {
    // As apimachinery's NewInvalid: each cause as "field: message" (": message" without a field),
    // duplicates dropped, brackets only around several.
    const lines = [...new Set(causes.map((c) => `${c.field ?? ''}: ${c.message ?? ''}`))];
    const summary = lines.length === 0 ? '' : `: ${lines.length === 1 ? lines[0] : `[${lines.join(', ')}]`}`;
    const d: StatusDetails = { name, ...(group ? { group } : {}), kind, causes };
    // The message names the group-qualified kind (`Deployment.apps "x" is invalid`); kubectl builds its
    // own "The Deployment "x" is invalid" line from details.kind instead.
    super(`${kind}${group ? '.' + group : ''} ${JSON.stringify(name)} is invalid${summary}`, 422, 'Invalid', d);
  }
}

export class BadRequestError extends ApiError {
  constructor(message: string) {
    super(message, 400, 'BadRequest');
  }
}

export class UnauthorizedError extends ApiError {
  constructor() {
    super('Unauthorized', 401, 'Unauthorized');
  }
}

export class ForbiddenError extends ApiError {
  constructor(r: QualifiedResource, name: string, why: string) {
    super(`${qualified(r)} "${name}" is forbidden: ${why}`, 403, 'Forbidden', details(r, name));
  }
}

export class MethodNotAllowedError extends ApiError {
  constructor(message = 'the server does not allow this method on the requested resource') {
    super(message, 405, 'MethodNotAllowed');
  }
}

export class NotAcceptableError extends ApiError {
  constructor(message: string) {
    super(message, 406, 'NotAcceptable');
  }
}

/** 410 Expired: a watch or list asked for a resourceVersion older than the kept history. */
export class GoneError extends ApiError {
  constructor(message: string) {
    super(message, 410, 'Expired');
  }
}

export class RequestEntityTooLargeError extends ApiError {
  constructor(limit: number) {
    super(`Request entity too large: limit is ${limit}`, 413, 'RequestEntityTooLarge');
  }
}

export class UnsupportedMediaTypeError extends ApiError {
  constructor(contentType: string) {
    super(`the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json`, 415, 'UnsupportedMediaType');
    void contentType;
  }
}

export class InternalError extends ApiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(`Internal error occurred: ${message}`, 500, 'InternalError', { causes: [{ message }] }, options);
  }
}

export class ServiceUnavailableError extends ApiError {
  constructor(message: string) {
    super(message, 503, 'ServiceUnavailable');
  }
}

export class TimeoutError extends ApiError {
  constructor(message: string) {
    super(message, 504, 'Timeout');
  }
}

/** The 404 for a path that names no resource at all (kubectl: "the server could not find the requested resource"). */
export class RouteNotFoundError extends ApiError {
  constructor() {
    super('the server could not find the requested resource', 404, 'NotFound', {});
  }
}

const BY_REASON: Record<string, new (...args: any[]) => ApiError> = {
  NotFound: NotFoundError,
  AlreadyExists: AlreadyExistsError,
  Conflict: ConflictError,
  Invalid: InvalidError,
  BadRequest: BadRequestError,
  Unauthorized: UnauthorizedError,
  Forbidden: ForbiddenError,
  MethodNotAllowed: MethodNotAllowedError,
  NotAcceptable: NotAcceptableError,
  Expired: GoneError,
  Gone: GoneError,
  RequestEntityTooLarge: RequestEntityTooLargeError,
  UnsupportedMediaType: UnsupportedMediaTypeError,
  InternalError: InternalError,
  ServiceUnavailable: ServiceUnavailableError,
  Timeout: TimeoutError,
};

/** Converts anything thrown into an ApiError, wrapping unknown failures as 500 InternalError. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new InternalError(message, { cause: err });
}
