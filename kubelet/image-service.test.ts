import { describe, expect, it } from 'vitest';
import { CatalogueImageService } from './image-service.js';

const images = new CatalogueImageService('/toolbox/bin');

describe('CatalogueImageService', () => {
  it('resolves catalogue images with the names containerd reports', () => {
    const info = images.resolveImage('nginxdemos/hello:plain-text')!;
    expect(info).toMatchObject({ ref: 'nginxdemos/hello:plain-text', image: 'docker.io/nginxdemos/hello:plain-text' });
    expect(info.imageID).toMatch(/^docker\.io\/nginxdemos\/hello@sha256:[0-9a-f]{64}$/);
    expect(info.sizeBytes).toBeGreaterThan(0);
  });

  it('puts the toolbox first on PATH for toolbox images only', () => {
    expect(images.resolveImage('posquit0/doraemon')!.env.PATH).toMatch(/^\/toolbox\/bin:/);
    expect(images.resolveImage('nginxdemos/hello')!.env.PATH).not.toContain('/toolbox/bin');
  });

  it('words pull errors as containerd does', () => {
    expect(images.resolveImage('nosuch/thing:1')).toBeUndefined();
    expect(images.pullErrorMessage('nosuch')).toBe('rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nosuch:latest": failed to resolve reference "docker.io/library/nosuch:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed');
    expect(images.pullErrorMessage('nginxdemos/hello:nope')).toMatch(/failed to resolve reference "docker\.io\/nginxdemos\/hello:nope": docker\.io\/nginxdemos\/hello:nope: not found$/);
  });

  it('reports malformed references', () => {
    expect(images.referenceError('Nginx')).toMatch(/invalid reference format/);
    expect(images.referenceError('nginx:1.27')).toBeUndefined();
  });

  it('applies command/args over the image entrypoint and cmd, expanding $(VAR)', () => {
    const image = images.resolveImage('posquit0/doraemon:latest')!;
    expect(images.resolveCommand(image, {}, {}).argv).toEqual(['sleep', 'infinity']);
    expect(images.resolveCommand(image, { command: ['sh', '-c'], args: ['echo $(NAME)'] }, { NAME: 'hello' }).argv).toEqual(['sh', '-c', 'echo hello']);
  });
});
