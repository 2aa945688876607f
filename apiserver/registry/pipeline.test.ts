import { describe, expect, it } from 'vitest';
import type { ApiRequest } from '../../lib/api/request.js';
import { BadRequestError } from '../../lib/errors.js';
import { deleteOptions } from './pipeline.js';

const del = (query: Record<string, string>, body?: string): ApiRequest => ({
  verb: 'delete', group: '', version: 'v1', resource: 'pods', namespace: 'default', name: 'p', query, body, contentType: 'application/json', user: 'admin',
});

describe('deleteOptions', () => {
  it.each([
    ['0', 0],
    ['30', 30],
    // kube-apiserver's BeforeDelete: a negative grace period is not an error, it counts as 1 second.
    ['-1', 1],
    ['-30', 1],
  ])('gracePeriodSeconds=%s in the query → %d', (value, expected) => {
    expect(deleteOptions(del({ gracePeriodSeconds: value })).gracePeriodSeconds).toBe(expected);
  });

  it('clamps a negative grace period from the DeleteOptions body too', () => {
    const body = JSON.stringify({ kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: -5 });
    expect(deleteOptions(del({}, body)).gracePeriodSeconds).toBe(1);
  });

  it('refuses a grace period that is not an integer', () => {
    expect(() => deleteOptions(del({ gracePeriodSeconds: 'soon' }))).toThrow(BadRequestError);
  });
});
