import { describe, expect, it } from 'vitest';
import { buildInfoOf, versionInfo } from './version.js';

describe('versionInfo', () => {
  const build = buildInfoOf({ version: 'v20.19.0', platform: 'linux', arch: 'x64' }, new Date('2025-01-31T12:34:56.789Z'));
  const info = versionInfo(build);

  it('reports exactly 1.32, which makes the kubectl dispatcher run kubectl 1.32', () => {
    expect(info.major).toBe('1');
    expect(info.minor).toBe('32');
  });

  it('names kubelab in gitVersion while staying a valid v1.32 semver', () => {
    expect(info.gitVersion).toMatch(/^v1\.32\.\d+-kubelab/);
    expect(info.gitVersion).toMatch(/^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/);
  });

  it('fills every field client-go decodes', () => {
    expect(info).toEqual({
      major: '1', minor: '32', gitVersion: info.gitVersion, gitCommit: '', gitTreeState: '',
      buildDate: '2025-01-31T12:34:56Z', goVersion: 'node-v20.19.0', compiler: 'tsc', platform: 'linux/amd64',
    });
  });

  it('passes a known commit through', () => {
    expect(versionInfo({ ...build, gitCommit: 'abc123', gitTreeState: 'clean' })).toMatchObject({ gitCommit: 'abc123', gitTreeState: 'clean' });
  });

  it.each([
    ['x64', 'amd64'], ['arm64', 'arm64'], ['ia32', '386'], ['riscv64', 'riscv64'],
  ])('spells Node arch %s as GOARCH %s', (arch, goarch) => {
    expect(buildInfoOf({ version: 'v20.0.0', platform: 'linux', arch }, new Date(0)).platform).toBe(`linux/${goarch}`);
  });
});
