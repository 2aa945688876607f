/**
 * Field errors as apimachinery's `pkg/util/validation/field` builds them, returned as the StatusCause
 * the apiserver puts in a 422 Status: `reason` is the Go ErrorType, `message` is `ErrorBody()` and
 * `field` the dotted path (`spec.containers[0].image`). Constructors mirror the Go ones by name
 * (required, invalid, notSupported, ...) so a reader of validation.go finds the same calls here.
 *
 * Paths are plain strings: `child('spec', 'containers')`, `index(p, 0)`, `key(p, 'cpu')` spell them
 * exactly as `field.Path.String()` does. An empty path is the whole object; Go then omits `field`.
 */
import type { StatusCause } from '../../lib/api/types.js';
import { type BadValue, goQuote, renderValue } from './go-format.js';

export type ErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError';

/** Every cause this package produces has all three parts (field may be empty for the whole object). */
export interface FieldError extends StatusCause {
  reason: ErrorType;
  message: string;
}

export type ErrorList = FieldError[];

const TYPE_TEXT: Record<ErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
};

// These types never print the bad value, whatever the caller passed (ErrorBody's first cases).
const VALUELESS = new Set<ErrorType>(['FieldValueRequired', 'FieldValueForbidden', 'FieldValueTooLong', 'InternalError']);

function make(reason: ErrorType, field: string, value: BadValue, detail: string): FieldError {
  let message = TYPE_TEXT[reason];
  if (!VALUELESS.has(reason)) message += `: ${renderValue(value)}`;
  if (detail) message += `: ${detail}`;
  const cause: FieldError = { reason, message };
  if (field) cause.field = field;
  return cause;
}

export function required(field: string, detail = ''): FieldError {
  return make('FieldValueRequired', field, '', detail);
}

export function invalid(field: string, value: BadValue, detail: string): FieldError {
  return make('FieldValueInvalid', field, value, detail);
}

/** The supported values are printed quoted, in the order given (Go callers often pass sorted sets). */
export function notSupported(field: string, value: BadValue, supported: readonly string[]): FieldError {
  const detail = supported.length ? 'supported values: ' + supported.map(goQuote).join(', ') : '';
  return make('FieldValueNotSupported', field, value, detail);
}

export function duplicate(field: string, value: BadValue): FieldError {
  return make('FieldValueDuplicate', field, value, '');
}

export function notFound(field: string, value: BadValue): FieldError {
  return make('FieldValueNotFound', field, value, '');
}

export function forbidden(field: string, detail: string): FieldError {
  return make('FieldValueForbidden', field, '', detail);
}

/** v0.32 wording: "Too long: may not be more than 262144 bytes" (the value itself is never shown). */
export function tooLong(field: string, maxLength: number): FieldError {
  return make('FieldValueTooLong', field, '', maxLength >= 0 ? `may not be more than ${maxLength} bytes` : 'value is too long');
}

export function tooMany(field: string, actual: number, max: number): FieldError {
  return make('FieldValueTooMany', field, actual, `must have at most ${max} items`);
}

export function internalError(field: string, detail: string): FieldError {
  return make('InternalError', field, null, detail);
}

// --- paths ------------------------------------------------------------------------------------

export function child(path: string, ...names: string[]): string {
  return names.reduce((p, n) => (p ? `${p}.${n}` : n), path);
}

export function index(path: string, i: number): string {
  return `${path}[${i}]`;
}

export function key(path: string, k: string): string {
  return `${path}[${k}]`;
}

/** `field: body`, the line `errs.ToAggregate()` and kubectl print for one cause. */
export function errorText(e: StatusCause): string {
  return `${e.field ?? ''}: ${e.message ?? ''}`;
}
