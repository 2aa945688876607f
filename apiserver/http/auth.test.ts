import { describe, expect, it } from 'vitest';
import { authenticate, isOpenPath, parseTokenFile } from './auth.js';

describe('token authentication', () => {
  const tokens = parseTokenFile('# admin\nabc123,kubernetes-admin,1,"system:masters,system:authenticated"\n\nxyz,viewer,2\n');

  it('reads users and groups from the token file', () => {
    expect(tokens.get('abc123')).toEqual({ name: 'kubernetes-admin', uid: '1', groups: ['system:masters', 'system:authenticated'] });
    expect(tokens.get('xyz')).toEqual({ name: 'viewer', uid: '2', groups: [] });
  });

  it.each([
    ['Bearer abc123', 'kubernetes-admin'],
    ['bearer xyz', 'viewer'],
    ['Bearer wrong', undefined],
    ['Basic abc123', undefined],
    [undefined, undefined],
  ])('%s → %s', (header, user) => {
    expect(authenticate(tokens, header)?.name).toBe(user);
  });

  it('leaves only health checks and /version open', () => {
    expect(['/healthz', '/readyz', '/livez', '/livez/ping', '/version'].every(isOpenPath)).toBe(true);
    expect(['/api', '/apis', '/api/v1/pods', '/healthzz', '/openapi/v3'].some(isOpenPath)).toBe(false);
  });

  it('rejects a malformed line', () => {
    expect(() => parseTokenFile('onlytoken\n')).toThrow(/token,user,uid/);
  });
});
