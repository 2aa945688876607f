import { describe, expect, it } from 'vitest';
import type { ApiRequest } from '../../lib/api/request.js';
import { BadRequestError } from '../../lib/errors.js';
import { evictionDelete } from './eviction.js';

const post: ApiRequest = {
  verb: 'create', group: '', version: 'v1', resource: 'pods', namespace: 'default', name: 'hello',
  subresource: 'eviction', query: {}, body: '{}', contentType: 'application/json', user: 'admin',
};

describe('evictionDelete', () => {
  it.each([
    ['no deleteOptions: a default graceful delete', { metadata: { name: 'hello' } }, undefined],
    ['a grace period', { metadata: { name: 'hello' }, deleteOptions: { gracePeriodSeconds: 5 } },
      { gracePeriodSeconds: 5, kind: 'DeleteOptions', apiVersion: 'v1' }],
    ['preconditions and dryRun', { metadata: { name: 'hello' }, deleteOptions: { preconditions: { uid: 'u1' }, dryRun: ['All'] } },
      { preconditions: { uid: 'u1' }, dryRun: ['All'], kind: 'DeleteOptions', apiVersion: 'v1' }],
  ])('%s', (_what, eviction, options) => {
    const del = evictionDelete(post, eviction as never);
    expect(del).toMatchObject({ verb: 'delete', resource: 'pods', namespace: 'default', name: 'hello', user: 'admin' });
    expect(del.subresource).toBeUndefined();
    expect(del.body === undefined ? undefined : JSON.parse(del.body)).toEqual(options);
  });

  it('keeps query parameters such as dryRun', () => {
    expect(evictionDelete({ ...post, query: { dryRun: 'All' } }, { metadata: { name: 'hello' } } as never).query).toEqual({ dryRun: 'All' });
  });

  it('refuses an Eviction named for another pod', () => {
    expect(() => evictionDelete(post, { metadata: { name: 'other' } } as never)).toThrow(BadRequestError);
    expect(() => evictionDelete(post, { metadata: { name: 'other' } } as never)).toThrow('name in URL does not match name in Eviction object');
  });
});
