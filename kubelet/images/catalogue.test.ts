import { describe, expect, it } from 'vitest';
import { catalogueRepositories, imageDigest, pullDurationMs, resolveImage } from './catalogue.js';

const IMAGE_ID = /^docker\.io\/[a-z0-9]+\/[a-z0-9-]+@sha256:[0-9a-f]{64}$/;

describe('resolveImage', () => {
  it.each([
    ['nginxdemos/hello:plain-text', 'docker.io/nginxdemos/hello:plain-text', 'hello-plain-text'],
    ['nginxdemos/hello', 'docker.io/nginxdemos/hello:latest', 'hello-html'],
    ['docker.io/nginxdemos/hello:0.4', 'docker.io/nginxdemos/hello:0.4', 'hello-html'],
    ['posquit0/doraemon:latest', 'docker.io/posquit0/doraemon:latest', 'sleep'],
    ['kubelab/crash:v2', 'docker.io/kubelab/crash:v2', 'crash'],
    ['kubelab/slow-start', 'docker.io/kubelab/slow-start:latest', 'slow-start'],
  ])('%s is %s running %s', (ref, image, program) => {
    const e = resolveImage(ref)!;
    expect(e.image).toBe(image);
    expect(e.imageID).toMatch(IMAGE_ID);
    expect(e.imageID.startsWith(e.reference.name + '@')).toBe(true);
    expect(Object.values(e.builtins)).toContain(program);
  });

  it('gives an image+tag the same imageID every time, and each tag its own', () => {
    expect(resolveImage('nginxdemos/hello')!.imageID).toBe(resolveImage('docker.io/nginxdemos/hello:latest')!.imageID);
    expect(resolveImage('nginxdemos/hello:plain-text')!.imageID).not.toBe(resolveImage('nginxdemos/hello')!.imageID);
    expect(resolveImage('nginxdemos/hello')!.imageID).toBe(`docker.io/nginxdemos/hello@${imageDigest('docker.io/nginxdemos/hello', 'latest')}`);
  });

  it('carries the image config of nginx for hello, and the toolbox only for doraemon', () => {
    const hello = resolveImage('nginxdemos/hello:plain-text')!;
    expect(hello.config.entrypoint).toEqual(['/docker-entrypoint.sh']);
    expect(hello.config.cmd).toEqual(['nginx', '-g', 'daemon off;']);
    expect(hello.config.exposedPorts).toEqual(['80/tcp']);
    expect(hello.config.env.NGINX_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(hello.toolbox).toBe(false);
    expect(resolveImage('posquit0/doraemon')!.toolbox).toBe(true);
    expect(resolveImage('kubelab/slow-start')!.config.exposedPorts).toEqual(['8080/tcp']);
  });

  it('resolves a reference pinned by the right digest only', () => {
    const digest = imageDigest('docker.io/nginxdemos/hello', 'plain-text');
    expect(resolveImage(`nginxdemos/hello@${digest}`)!.image).toBe('docker.io/nginxdemos/hello:plain-text');
    expect(resolveImage(`nginxdemos/hello:plain-text@${digest}`)!.image).toBe('docker.io/nginxdemos/hello:plain-text');
    expect(resolveImage(`nginxdemos/hello:latest@${digest}`)).toBeUndefined();
    expect(resolveImage(`nginxdemos/hello@sha256:${'0'.repeat(64)}`)).toBeUndefined();
  });

  it.each(['nginx', 'nginxdemos/nope', 'quay.io/nginxdemos/hello', 'library/busybox:1.36'])('does not know %s', (ref) => {
    expect(resolveImage(ref)).toBeUndefined();
  });

  it('throws on a malformed reference rather than calling it unknown', () => {
    expect(() => resolveImage('Nginx')).toThrow('must be lowercase');
  });

  it('lists its repositories', () => {
    expect(catalogueRepositories()).toContain('docker.io/nginxdemos/hello');
  });
});

describe('pullDurationMs', () => {
  const hello = resolveImage('nginxdemos/hello:plain-text')!;
  it.each([
    [hello.sizeBytes, 1000],
    [hello.sizeBytes * 4, 250],
    [0, 0],
    [Infinity, 0],
  ])('at %d B/s takes %d ms', (bps, ms) => {
    expect(pullDurationMs(hello, bps)).toBe(ms);
  });
});
