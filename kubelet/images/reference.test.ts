import { describe, expect, it } from 'vitest';
import { ImageReferenceError, parseImageReference } from './reference.js';

const HEX = 'a'.repeat(64);

describe('parseImageReference', () => {
  it.each([
    ['nginxdemos/hello', 'docker.io/nginxdemos/hello:latest', 'docker.io', 'nginxdemos/hello'],
    ['nginxdemos/hello:plain-text', 'docker.io/nginxdemos/hello:plain-text', 'docker.io', 'nginxdemos/hello'],
    ['busybox', 'docker.io/library/busybox:latest', 'docker.io', 'library/busybox'],
    ['docker.io/busybox:1.36', 'docker.io/library/busybox:1.36', 'docker.io', 'library/busybox'],
    ['index.docker.io/posquit0/doraemon', 'docker.io/posquit0/doraemon:latest', 'docker.io', 'posquit0/doraemon'],
    ['localhost/app', 'localhost/app:latest', 'localhost', 'app'],
    ['localhost:5000/team/app:v1', 'localhost:5000/team/app:v1', 'localhost:5000', 'team/app'],
    ['registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.10', 'registry.k8s.io', 'pause'],
    ['Registry.Example/app', 'Registry.Example/app:latest', 'Registry.Example', 'app'],
    [`busybox@sha256:${HEX}`, `docker.io/library/busybox@sha256:${HEX}`, 'docker.io', 'library/busybox'],
    [`busybox:1.36@sha256:${HEX}`, `docker.io/library/busybox:1.36@sha256:${HEX}`, 'docker.io', 'library/busybox'],
    ['a--b/c__d.e', 'docker.io/a--b/c__d.e:latest', 'docker.io', 'a--b/c__d.e'],
  ])('%s → %s', (ref, normalized, domain, path) => {
    const r = parseImageReference(ref);
    expect(r.normalized).toBe(normalized);
    expect(r.domain).toBe(domain);
    expect(r.path).toBe(path);
    expect(r.name).toBe(`${domain}/${path}`);
  });

  it('keeps no tag for a digest-only reference and defaults to latest otherwise', () => {
    expect(parseImageReference(`busybox@sha256:${HEX}`).tag).toBeUndefined();
    expect(parseImageReference('busybox').tag).toBe('latest');
  });

  it.each([
    ['Nginx', 'invalid reference format: repository name (library/Nginx) must be lowercase'],
    ['nginxdemos/Hello:1', 'invalid reference format: repository name (nginxdemos/Hello) must be lowercase'],
    ['nginx:', 'invalid reference format'],
    ['hello world', 'invalid reference format'],
    ['a/b:c:d', 'invalid reference format'],
    ['-nginx', 'invalid reference format'],
    [`nginx:${'x'.repeat(129)}`, 'invalid reference format'],
    ['', 'repository name must have at least one component'],
    [HEX, `invalid repository name (${HEX}), cannot specify 64-byte hexadecimal strings`],
    [`${'a'.repeat(256)}`, 'repository name must not be more than 255 characters'],
  ])('rejects %j', (ref, message) => {
    expect(() => parseImageReference(ref)).toThrow(ImageReferenceError);
    expect(() => parseImageReference(ref)).toThrow(message);
  });
});
