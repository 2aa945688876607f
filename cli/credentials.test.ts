import { describe, expect, it } from 'vitest';
import { completeSecrets, componentCredentials, NATS_USERS, natsConf, parseTokensCsv, redisAcl, redisConf, tokensCsv, type ClusterSecrets } from './credentials.js';

function counterHex() {
  let n = 0;
  return (bytes: number) => (++n).toString(16).padStart(bytes * 2, '0');
}

describe('completeSecrets', () => {
  it('generates a distinct secret for every NATS user, Redis user and the admin token', () => {
    const s = completeSecrets(undefined, counterHex());
    const all = [...Object.values(s.nats), ...Object.values(s.redis), s.adminToken];
    expect(Object.keys(s.nats)).toEqual([...NATS_USERS]);
    expect(Object.keys(s.redis)).toEqual(['apiserver', 'controller-manager']);
    expect(new Set(all).size).toBe(all.length);
    expect(s.nats.apiserver).toHaveLength(32);
    expect(s.adminToken).toHaveLength(48);
  });

  it('keeps existing secrets and only fills the gaps', () => {
    const s = completeSecrets({ nats: { apiserver: 'keep' } as ClusterSecrets['nats'], adminToken: 'tok' }, counterHex());
    expect(s.nats.apiserver).toBe('keep');
    expect(s.adminToken).toBe('tok');
    expect(s.nats.dns).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('config files', () => {
  const s = completeSecrets(undefined, counterHex());

  it('gives Redis credentials only to the apiserver and the controller-manager', () => {
    const urls = { nats: 'nats://127.0.0.1:1', redis: 'redis://127.0.0.1:2' };
    expect(componentCredentials('apiserver', s, urls)).toEqual({
      nats: { url: urls.nats, user: 'apiserver', pass: s.nats.apiserver },
      redis: { url: urls.redis, user: 'apiserver', pass: s.redis.apiserver },
    });
    expect(componentCredentials('controller-manager', s, urls).redis?.user).toBe('controller-manager');
    for (const u of ['scheduler', 'kubelet', 'proxy', 'dns', 'observer'] as const) {
      expect(componentCredentials(u, s, urls).redis, u).toBeUndefined();
    }
  });

  it('nats.conf listens where told, caps payloads at 8MB and lists every user', () => {
    const conf = natsConf({ listen: '127.0.0.1:4222', secrets: s });
    expect(conf).toContain('listen: "127.0.0.1:4222"');
    expect(conf).toContain('max_payload: 8MB');
    expect(conf).not.toContain('http:');
    for (const u of NATS_USERS) expect(conf).toContain(`{ user: "${u}", password: "${s.nats[u]}" }`);
    expect(natsConf({ listen: '0.0.0.0:4222', secrets: s, monitor: '0.0.0.0:8222' })).toContain('http: "0.0.0.0:8222"');
  });

  it('the Redis ACL locks the default user and confines each user to its key prefix', () => {
    const lines = redisAcl(s).trim().split('\n');
    expect(lines[0]).toBe(`user default on resetpass >${s.redisAdmin} ~* &* +@all`);
    expect(lines[1]).toBe(`user apiserver on >${s.redis.apiserver} resetkeys ~kubelab:* resetchannels &kubelab:* +@all`);
    expect(lines[2]).toContain(`user controller-manager on >${s.redis['controller-manager']} resetkeys ~bull:*`);
    expect(lines[2]).toContain('-@dangerous'); // FLUSHALL takes no key: the key pattern alone would not stop it
    expect(lines).toHaveLength(3);
  });

  it('redis.conf persists every acknowledged write', () => {
    const conf = redisConf({ bind: '127.0.0.1', port: 6380, dataDir: '/d/redis', aclFile: '/d/redis/users.acl' });
    for (const line of ['bind 127.0.0.1', 'port 6380', 'appendonly yes', 'appendfsync everysec', 'dir "/d/redis"', 'aclfile "/d/redis/users.acl"', 'protected-mode yes']) {
      expect(conf.split('\n')).toContain(line);
    }
    expect(redisConf({ bind: '0.0.0.0', port: 6379, dataDir: '/data', aclFile: '/config/redis/users.acl' })).toContain('protected-mode no');
  });

  it('tokens.csv is in --token-auth-file format and reads back', () => {
    expect(tokensCsv(s)).toBe(`${s.adminToken},kubelab-admin,kubelab-admin,"system:masters"\n`);
    expect(parseTokensCsv(tokensCsv(s) + '# comment\nt2,bob,42\n')).toEqual([
      { token: s.adminToken, user: 'kubelab-admin', uid: 'kubelab-admin', groups: ['system:masters'] },
      { token: 't2', user: 'bob', uid: '42', groups: [] },
    ]);
    expect(() => parseTokensCsv('only-a-token\n')).toThrow(SyntaxError);
  });
});
