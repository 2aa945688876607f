/**
 * The physical baseline's process: `node dist/bench/pod-startup/bare-echo.js <ip> <hostname>` runs the
 * very program a nginxdemos/hello:plain-text container runs (kubelet/images/programs/hello-plain-text),
 * listening on <ip>:80, but with no kubelet, shim, log file or attach socket around it. Output is
 * discarded; SIGTERM/SIGINT reach the program's own handler, which closes the server and exits 0.
 */
import { Readable } from 'node:stream';
import { programModuleURL, type ProgramModule, type ProgramSignal } from '../../kubelet/images/program.js';

async function main(): Promise<void> {
  const [ip, hostname = 'bare'] = process.argv.slice(2);
  if (!ip) {
    process.stderr.write('usage: bare-echo.js <ip> [hostname]\n');
    process.exit(2);
  }
  const program = (await import(programModuleURL('hello-plain-text').href)) as ProgramModule;
  let handler: ((s: ProgramSignal) => void) | undefined;
  for (const s of ['SIGTERM', 'SIGINT'] as const) process.on(s, () => (handler ? handler(s) : process.exit(128 + (s === 'SIGTERM' ? 15 : 2))));
  const discard = { write: () => undefined };
  const code = await program.run({
    argv: ['nginx', '-g', 'daemon off;'],
    env: {},
    podIP: ip,
    hostname,
    stdout: discard,
    stderr: discard,
    stdin: Readable.from([]),
    onSignal: (h) => (handler = h),
  });
  process.exit(code);
}

void main();
