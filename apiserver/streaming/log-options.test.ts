import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/errors.js';
import { parseLogRequest, queryBool } from './log-options.js';

const NOW = new Date('2026-11-28T10:00:00.000Z');
const parse = (q: Record<string, string>) => parseLogRequest('hello', q, NOW);

function failure(q: Record<string, string>): { code: number; message: string } {
  try {
    parse(q);
  } catch (err) {
    return { code: (err as ApiError).code, message: (err as ApiError).message };
  }
  throw new Error('expected an error');
}

describe('parseLogRequest', () => {
  it('takes kubectl logs -f --tail=10 --timestamps -c nginx', () => {
    expect(parse({ container: 'nginx', follow: 'true', tailLines: '10', timestamps: 'true' })).toEqual({
      container: 'nginx', options: { follow: true, previous: false, timestamps: true, tailLines: 10 },
    });
  });

  it('turns sinceSeconds into an absolute sinceTime', () => {
    expect(parse({ sinceSeconds: '60' }).options.sinceTime).toBe('2026-11-28T09:59:00.000Z');
  });

  it('keeps sinceTime to the second, as metav1.Time does', () => {
    expect(parse({ sinceTime: '2026-11-28T09:00:00.750+01:00' }).options.sinceTime).toBe('2026-11-28T08:00:00.000Z');
  });

  it('passes limitBytes and previous', () => {
    expect(parse({ limitBytes: '100', previous: 'true' }).options).toEqual({ follow: false, previous: true, timestamps: false, limitBytes: 100 });
  });

  it.each([
    [{ tailLines: '-1' }, 422, 'PodLogOptions "hello" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0'],
    [{ limitBytes: '0' }, 422, 'PodLogOptions "hello" is invalid: limitBytes: Invalid value: 0: must be greater than 0'],
    [{ sinceSeconds: '0' }, 422, 'PodLogOptions "hello" is invalid: sinceSeconds: Invalid value: 0: must be greater than 0'],
    [{ sinceSeconds: '5', sinceTime: '2026-11-28T09:00:00Z' }, 422, 'PodLogOptions "hello" is invalid: : Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified'],
    [{ tailLines: 'ten' }, 400, 'strconv.ParseInt: parsing "ten": invalid syntax'],
    [{ sinceTime: 'yesterday' }, 400, 'parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"'],
  ])('refuses %j', (q, code, message) => expect(failure(q)).toEqual({ code, message }));
});

describe('queryBool (Go query conversion)', () => {
  it.each([
    [undefined, false], ['true', true], ['1', true], ['', true], ['yes', true],
    ['false', false], ['FALSE', false], ['0', false],
  ])('%s → %s', (v, want) => expect(queryBool(v)).toBe(want));
});
