/**
 * A ProgramContext for running a built-in program inside a test: output collected in memory, signals
 * delivered by hand. Test support only.
 */
import { PassThrough } from 'node:stream';
import type { ProgramContext, ProgramSignal } from '../program.js';

export interface FakeContext {
  ctx: ProgramContext;
  stdout: () => string;
  stderr: () => string;
  signal: (s: ProgramSignal) => void;
}

export function fakeContext(opts: { argv: string[]; env?: Record<string, string>; podIP?: string; hostname?: string }): FakeContext {
  let out = '';
  let err = '';
  let handler: ((s: ProgramSignal) => void) | undefined;
  const stdin = new PassThrough();
  stdin.end();
  const text = (c: string | Uint8Array): string => (typeof c === 'string' ? c : Buffer.from(c).toString());
  const ctx: ProgramContext = {
    argv: opts.argv, env: opts.env ?? {}, podIP: opts.podIP ?? '127.0.0.1', hostname: opts.hostname ?? 'test-pod',
    stdout: { write: (c) => void (out += text(c)) },
    stderr: { write: (c) => void (err += text(c)) },
    stdin,
    onSignal: (h) => void (handler = h),
  };
  return {
    ctx, stdout: () => out, stderr: () => err,
    signal: (s) => {
      if (!handler) throw new Error('the program registered no signal handler');
      handler(s);
    },
  };
}
