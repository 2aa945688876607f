/**
 * One `kubectl logs` stream on the kubelet: checks that the log can be read (so the user gets a Status
 * instead of an empty 200), then sends it as STDOUT frames and ends the session when the log is read,
 * or, with `follow`, when the container has stopped. The apiserver ending the session (kubectl gone)
 * stops the reader.
 */
import { access } from 'node:fs/promises';
import { ApiError, BadRequestError } from '../../lib/errors.js';
import type { StreamSession } from '../../lib/nats/stream-session.js';
import { FrameType, type LogsOpenRequest } from '../../lib/nats/streaming-protocol.js';
import { readContainerLog } from './log-reader.js';
import type { StreamingRuntime } from './streaming-runtime.js';

export type SessionRunner = (session: StreamSession) => Promise<void>;

export async function prepareLogs(req: LogsOpenRequest, runtime: StreamingRuntime): Promise<SessionRunner> {
  const { target, options } = req;
  const q = JSON.stringify;
  const container = await runtime.findContainer(target);
  if (!container) {
    throw new BadRequestError(options.previous
      ? `previous terminated container ${q(target.container)} in pod ${q(target.pod)} not found`
      : `container ${q(target.container)} in pod ${q(target.pod)} is not available`);
  }
  const path = container.spec.logPath;
  try {
    await access(path);
  } catch (err) {
    // The kubelet's wording for a log file that cannot be opened; its HTTP answer is a 400.
    throw new BadRequestError(`failed to open log file ${q(path)}: open ${path}: ${describe(err)}`);
  }
  return async (session) => {
    const abort = new AbortController();
    void session.ended.then(() => abort.abort());
    try {
      await readContainerLog(path, options, (chunk) => session.send(FrameType.STDOUT, chunk), {
        isRunning: () => runtime.isRunning(container.id),
        signal: abort.signal,
      });
      session.end();
    } catch (err) {
      if (session.isEnded) return;
      const status = (err instanceof ApiError ? err : new BadRequestError(`unable to read log file ${q(path)}: ${describe(err)}`)).toStatus();
      await session.send(FrameType.STATUS, new TextEncoder().encode(JSON.stringify(status))).catch(() => undefined);
      session.end();
    }
  };
}

function describe(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  return err instanceof Error ? err.message : String(err);
}
