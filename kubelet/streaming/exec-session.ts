/**
 * One `kubectl exec` on the kubelet: the container must be running (else `container not found
 * ("nginx")`, the kubelet's words) and the command must exist (else an internal error, as a runtime
 * reports a failed exec); both are checked before the apiserver is answered. Then frames from the
 * apiserver feed the process (its HOME a per-container home, exec-home.ts) (stdin, resize, close-stdin), its output goes back as STDOUT/STDERR, and
 * its exit code as the final Status. When the client goes away the command is hung up on.
 */
import { ApiError, InternalError } from '../../lib/errors.js';
import type { StreamSession } from '../../lib/nats/stream-session.js';
import { FrameType, parseTerminalSize, type ExecOpenRequest, type Frame, type StreamTarget } from '../../lib/nats/streaming-protocol.js';
import { ensureHome, execEnvironment } from './exec-home.js';
import { resolveCommand, startExec, type ExecProcess, type ExecSpec } from './exec-process.js';
import { exitStatus } from './exec-status.js';
import type { SessionRunner } from './log-session.js';
import type { StreamContainer, StreamingRuntime } from './streaming-runtime.js';

export class ContainerNotFoundError extends ApiError {
  constructor(container: string) {
    super(`container not found (${JSON.stringify(container)})`, 404, 'NotFound');
  }
}

/** The running container a stream is for, or the kubelet's "container not found". */
export async function runningContainer(target: StreamTarget, runtime: StreamingRuntime): Promise<StreamContainer> {
  const c = await runtime.findContainer(target);
  if (!c || c.state !== 'running') throw new ContainerNotFoundError(target.container);
  return c;
}

export async function prepareExec(req: ExecOpenRequest, runtime: StreamingRuntime): Promise<SessionRunner> {
  const container = await runningContainer(req.target, runtime);
  const spec: ExecSpec = {
    command: req.command, env: execEnvironment(container.spec.env, container.homeDir), cwd: container.spec.workingDir || '/',
    tty: req.tty, stdin: req.stdin, stdout: req.stdout, stderr: req.stderr && !req.tty,
  };
  const file = resolveCommand(spec);
  if (!file) {
    const argv0 = JSON.stringify(req.command[0] ?? '');
    throw new InternalError(`error executing command in container: exec: ${argv0}: executable file not found in $PATH`);
  }
  if (container.homeDir && spec.env.HOME === container.homeDir) await ensureHome(container.homeDir);
  return async (session) => {
    const send = (type: FrameType, data: Uint8Array) => session.send(type, data).catch(() => undefined);
    const proc = startExec(file, spec, (stream, data) => send(stream === 1 ? FrameType.STDOUT : FrameType.STDERR, data));
    session.onFrame((frame) => feed(proc, frame));
    let exited = false;
    void session.ended.then(() => exited || proc.kill());
    const code = await proc.exited;
    exited = true;
    if (session.isEnded) return;
    await send(FrameType.STATUS, new TextEncoder().encode(JSON.stringify(exitStatus(req.command, code))));
    session.end();
  };
}

function feed(proc: ExecProcess, frame: Frame): void {
  if (frame.type === FrameType.STDIN) proc.write(frame.payload);
  else if (frame.type === FrameType.CLOSE && frame.payload[0] === FrameType.STDIN) proc.closeStdin();
  else if (frame.type === FrameType.RESIZE) {
    const size = parseTerminalSize(frame.payload);
    if (size) proc.resize(size.Width, size.Height);
  }
}
