import { describe, expect, it } from 'vitest';
import { findExecutable } from './runtime.js';

describe('findExecutable', () => {
  const have = (...paths: string[]) => (p: string) => paths.includes(p);

  it.each([
    ['redis-server', have('/usr/bin/redis-server'), '/usr/bin/redis-server'],
    ['nats-server', have('/usr/sbin/nats-server'), '/usr/sbin/nats-server'], // where Debian puts it
    ['nats-server', have('/opt/nats/nats-server'), '/opt/nats/nats-server'], // via PATH
    ['nats-server', have('/usr/sbin/nats-server', '/opt/nats/nats-server'), '/usr/sbin/nats-server'],
    ['etcd', have(), undefined],
  ])('%s', (name, exists, want) => {
    expect(findExecutable(name, '/opt/nats:/home/u/bin', exists)).toBe(want);
  });
});
