/**
 * The container shim: `node dist/kubelet/runtime/shim.js <root>/containers/<id>` (CONTRACT.md).
 *
 * One shim per container, started detached by the kubelet and outliving it. It reads spec.json, opens the
 * CRI log, listens on attach.sock, starts the program (a built-in in this process, or a host child), and
 * then writes state.json. When the program ends it flushes the log, writes exit.json, tells the attached
 * clients, and exits. SIGTERM and friends are passed to the program. A program that cannot start leaves
 * exit.json with reason StartError and no state.json. The shim's own troubles go to shim.log.
 *
 * Imports are node built-ins and this folder only: a container must start fast.
 */
import { appendFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProgramSignal } from '../images/program.js';
import { exitReason, START_ERROR_EXIT_CODE } from './exit-status.js';
import { CriLogWriter } from './log-writer.js';
import { readProcStat } from './proc-stat.js';
import { AttachServer } from './shim-attach.js';
import { OutputHub } from './shim-output.js';
import { startProgram, StartError, type ProgramExit, type RunningProgram } from './shim-program.js';
import { ATTACH_SOCKET, EXIT_FILE, SHIM_LOG, SPEC_FILE, STATE_FILE, type ContainerSpec, type ExitFile, type StateFile } from './spec.js';

const FORWARDED: ProgramSignal[] = ['SIGTERM', 'SIGINT', 'SIGQUIT', 'SIGHUP'];

function writeJsonAtomic(path: string, value: unknown): void {
  writeFileSync(`${path}.tmp`, JSON.stringify(value) + '\n');
  renameSync(`${path}.tmp`, path);
}

function shimLog(dir: string, message: string): void {
  try {
    appendFileSync(join(dir, SHIM_LOG), `${new Date().toISOString()} ${message}\n`);
  } catch {
    // Nowhere left to report to.
  }
}

/** Passes the shim's signals to the program; those that arrive before it runs are kept until it does. */
class SignalRelay {
  private program: RunningProgram | undefined;
  private readonly early: ProgramSignal[] = [];

  constructor() {
    for (const sig of FORWARDED) process.on(sig, () => this.deliver(sig));
    process.on('SIGPIPE', () => undefined);
  }

  bind(program: RunningProgram): void {
    this.program = program;
    for (const sig of this.early.splice(0)) program.signal(sig);
  }

  private deliver(sig: ProgramSignal): void {
    if (this.program) this.program.signal(sig);
    else this.early.push(sig);
  }
}

async function finish(dir: string, attach: AttachServer, exit: ExitFile): Promise<never> {
  writeJsonAtomic(join(dir, EXIT_FILE), exit);
  await attach.finish(exit.exitCode);
  process.exit(0);
}

async function run(dir: string): Promise<never> {
  const spec = JSON.parse(readFileSync(join(dir, SPEC_FILE), 'utf8')) as ContainerSpec;
  process.title = `kubelab-container ${spec.namespace}/${spec.podName}/${spec.containerName}`;
  const log = new CriLogWriter(spec.logPath, spec.logMaxBytes, spec.logMaxFiles);
  const hub = new OutputHub(log, spec.tty, spec.tty && spec.program.kind === 'builtin');
  const attach = new AttachServer(spec);
  hub.onOutput(attach.broadcast);
  await attach.listen(join(dir, ATTACH_SOCKET));
  let program: RunningProgram | undefined;
  const signals = new SignalRelay();
  const crash = (err: unknown): void => (program ? program.crash(err) : shimLog(dir, `error: ${String(err)}`));
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  try {
    program = await startProgram(spec, hub);
  } catch (err) {
    const message = err instanceof StartError ? err.message : `failed to start: ${(err as Error).message}`;
    shimLog(dir, message);
    log.close();
    return finish(dir, attach, { exitCode: START_ERROR_EXIT_CODE, finishedAt: new Date().toISOString(), reason: 'StartError', message });
  }
  attach.bind(program);
  signals.bind(program);
  const state: StateFile = { pid: process.pid, startedAt: new Date().toISOString(), procStartTime: readProcStat('self')?.startTime };
  if (program.childPid !== undefined) state.childPid = program.childPid;
  writeJsonAtomic(join(dir, STATE_FILE), state);
  const ended: ProgramExit = await program.exited;
  hub.flush();
  log.close();
  const exit: ExitFile = { exitCode: ended.exitCode, finishedAt: new Date().toISOString(), reason: exitReason(ended.exitCode) };
  if (ended.signal) exit.signal = ended.signal;
  return finish(dir, attach, exit);
}

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: shim.js <root-dir>/containers/<id>\n');
  process.exit(2);
}
run(dir).catch((err: unknown) => {
  shimLog(dir, `fatal: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
