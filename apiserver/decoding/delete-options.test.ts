import { describe, expect, it } from 'vitest';
import { ApiError, InvalidError } from '../../lib/errors.js';
import { decodeDeleteOptions } from './delete-options.js';
import { UnclassifiedServerError } from './decode-errors.js';

const failure = (run: () => unknown) => {
  try {
    run();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
};

describe('decodeDeleteOptions', () => {
  it.each([
    [undefined, {}],
    ['', {}],
    ['{"propagationPolicy":"Background"}', { propagationPolicy: 'Background' }],
    ['{"kind":"DeleteOptions","apiVersion":"v1","gracePeriodSeconds":0,"preconditions":{"uid":"u1","resourceVersion":"7"}}',
      { gracePeriodSeconds: 0, preconditions: { uid: 'u1', resourceVersion: '7' } }],
    ['{"apiVersion":"meta.k8s.io/v1","kind":"DeleteOptions","dryRun":["All"],"orphanDependents":false}', { dryRun: ['All'], orphanDependents: false }],
    ['{"propagationPolicy":"Foreground","unknown":1}', { propagationPolicy: 'Foreground' }],
  ])('%j → %j', (body, options) => {
    expect(decodeDeleteOptions(body)).toEqual(options);
  });

  it.each([
    ['{"propagationPolicy":"Background"', "couldn't get version/kind; json parse error: unexpected end of JSON input"],
    ['{"gracePeriodSeconds":"5"}', 'json: cannot unmarshal string into Go struct field DeleteOptions.gracePeriodSeconds of type int64'],
    ['{"propagationPolicy":5}', 'json: cannot unmarshal number into Go struct field DeleteOptions.propagationPolicy of type v1.DeletionPropagation'],
  ])('a body Go cannot decode is a bare 500: %s', (body, message) => {
    const e = failure(() => decodeDeleteOptions(body));
    expect(e).toBeInstanceOf(UnclassifiedServerError);
    expect(e.toStatus()).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: '', code: 500 });
  });

  it.each([
    ['{"propagationPolicy":"Sideways"}', 'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "Sideways": supported values: "Foreground", "Background", "Orphan", "nil"'],
    ['{"dryRun":["Yes"]}', 'DeleteOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: []string{"Yes"}: supported values: "All"'],
    ['{"orphanDependents":true,"propagationPolicy":"Orphan"}', 'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Invalid value: "Orphan": orphanDependents and deletionPropagation cannot be both set'],
  ])('invalid options are a 422: %s', (body, message) => {
    const e = failure(() => decodeDeleteOptions(body));
    expect(e).toBeInstanceOf(InvalidError);
    expect([e.code, e.message]).toEqual([422, message]);
  });

  it('rejects another kind and an unreadable media type', () => {
    expect(failure(() => decodeDeleteOptions('{"kind":"Pod","apiVersion":"v1"}')).code).toBe(500);
    expect(failure(() => decodeDeleteOptions('{}', 'text/plain')).code).toBe(415);
  });
});
