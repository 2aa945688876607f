import { describe, expect, it } from 'vitest';
import { encodeShimFrame, ShimFrameDecoder } from './shim-frames.js';
import { exitCodeOf, exitStatus, lookPath } from './exec-status.js';

describe('exitStatus', () => {
  it('is Success for 0', () => expect(exitStatus(['env'], 0)).toEqual({ metadata: {}, status: 'Success' }));

  it('carries a non-zero code as the ExitCode cause kubectl exits with', () => {
    expect(exitStatus(['sh', '-c', 'exit 3'], 3)).toEqual({
      metadata: {}, status: 'Failure', reason: 'NonZeroExitCode',
      message: 'command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
  });
});

describe('exitCodeOf', () => {
  it.each([
    [3, null, 3], [0, null, 0], [null, 'SIGKILL', 137], [null, 'SIGTERM', 143],
    [0, 9, 137], // node-pty reports a signal with exitCode 0
    [null, null, 1],
  ])('code %s signal %s → %i', (code, signal, want) => expect(exitCodeOf(code, signal)).toBe(want));
});

describe('lookPath', () => {
  const files = new Set(['/toolbox/bin/curl', '/usr/bin/env', '/work/run.sh']);
  const exe = (p: string) => files.has(p);
  it.each([
    ['curl', '/toolbox/bin:/usr/bin', '/toolbox/bin/curl'],
    ['env', '/toolbox/bin:/usr/bin', '/usr/bin/env'],
    ['nosuch', '/toolbox/bin:/usr/bin', undefined],
    ['/usr/bin/env', '', '/usr/bin/env'],
    ['./run.sh', '/usr/bin', '/work/run.sh'],
    ['run.sh', '/usr/bin:', '/work/run.sh'],
  ])('%s with PATH=%s', (argv0, path, want) => expect(lookPath(argv0, path, '/work', exe)).toBe(want));
});

describe('shim attach frames', () => {
  it('reassembles frames split and joined anywhere', () => {
    const a = encodeShimFrame(1, new TextEncoder().encode('hello'));
    const b = encodeShimFrame(3, new TextEncoder().encode('{"exitCode":0}'));
    const all = new Uint8Array([...a, ...b]);
    const d = new ShimFrameDecoder();
    const got = [...d.push(all.subarray(0, 3)), ...d.push(all.subarray(3, 12)), ...d.push(all.subarray(12))];
    expect(got.map((f) => [f.stream, new TextDecoder().decode(f.payload)])).toEqual([[1, 'hello'], [3, '{"exitCode":0}']]);
  });

  it('writes id, big-endian length, payload', () => expect([...encodeShimFrame(0, new Uint8Array([7, 8]))]).toEqual([0, 0, 0, 0, 2, 7, 8]));
});
