/**
 * `sleep`: the program that keeps a toolbox container (posquit0/doraemon) up.
 *
 * argv: `sleep DURATION...` with coreutils' syntax: each operand a number with an optional unit
 * (s, m, h, d), summed; `infinity` sleeps forever. Exits 0 when the time is up or on SIGTERM/SIGINT (a
 * toolbox should not make the kubelet wait out the grace period); exits 1 on bad operands, with
 * coreutils' messages on stderr.
 */
import type { ProgramContext } from '../program.js';

const UNIT_SECONDS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 };

/** Total seconds of the operands, Infinity for `infinity`, or the first invalid operand. Pure. */
export function parseSleepOperands(operands: string[]): { seconds: number } | { invalid: string } {
  let seconds = 0;
  for (const op of operands) {
    if (/^(inf|infinity)$/i.test(op)) return { seconds: Infinity };
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(op);
    if (!m) return { invalid: op };
    seconds += Number(m[1]) * UNIT_SECONDS[m[2]!]!;
  }
  return { seconds };
}

// setTimeout cannot wait longer than 2^31-1 ms; longer sleeps wait in steps.
const MAX_TIMER_MS = 2 ** 31 - 1;

export function run(ctx: ProgramContext): Promise<number> {
  const operands = ctx.argv.slice(1);
  const fail = (msg: string): Promise<number> => {
    ctx.stderr.write(`sleep: ${msg}\nTry 'sleep --help' for more information.\n`);
    return Promise.resolve(1);
  };
  if (operands.length === 0) return fail('missing operand');
  const parsed = parseSleepOperands(operands);
  if ('invalid' in parsed) return fail(`invalid time interval '${parsed.invalid}'`);
  return new Promise((resolve) => {
    const wakeAt = Date.now() + parsed.seconds * 1000;
    let timer: NodeJS.Timeout | undefined;
    const wait = (): void => {
      const left = wakeAt - Date.now();
      if (left <= 0) return resolve(0);
      timer = setTimeout(wait, Math.min(left, MAX_TIMER_MS));
    };
    ctx.onSignal((signal) => {
      if (signal === 'SIGHUP') return;
      clearTimeout(timer);
      resolve(0);
    });
    wait();
  });
}
