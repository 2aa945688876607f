/**
 * kubelab/crash: a container that fails, for CrashLoopBackOff. Prints one line on stdout, waits
 * DELAY_SECONDS (default 1), prints its farewell on stderr and exits with EXIT_CODE (default 1).
 * It registers no signal handler: SIGTERM kills it with 143, as it would an ordinary process.
 */
import type { ProgramContext } from '../program.js';

export function run(ctx: ProgramContext): Promise<number> {
  const exitCode = Number.parseInt(ctx.env.EXIT_CODE ?? '1', 10);
  const delaySeconds = Number(ctx.env.DELAY_SECONDS ?? '1');
  const code = Number.isInteger(exitCode) ? exitCode & 0xff : 1;
  const delayMs = Number.isFinite(delaySeconds) && delaySeconds >= 0 ? delaySeconds * 1000 : 1000;
  ctx.stdout.write(`crash: started on ${ctx.hostname}; exiting with code ${code} in ${delayMs / 1000}s\n`);
  return new Promise((resolve) => {
    setTimeout(() => {
      ctx.stderr.write(`crash: exiting with code ${code}\n`);
      resolve(code);
    }, delayMs);
  });
}
