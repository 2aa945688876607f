/**
 * One `kubectl attach` (and `kubectl run -it`) on the kubelet: the session is bridged to the shim's
 * attach.sock (kubelet/runtime/CONTRACT.md). Output frames from the shim become STDOUT/STDERR frames;
 * stdin, resize and close-stdin go the other way. When the container ends the shim says so (stream 3)
 * and closes: the session ends with Success, as upstream's attach does (kubectl itself looks at the
 * pod's status afterwards for an exit code). When kubectl leaves, only the attachment ends; the
 * container keeps running.
 */
import type { Duplex } from 'node:stream';
import { InternalError } from '../../lib/errors.js';
import type { StreamSession } from '../../lib/nats/stream-session.js';
import { FrameType, type AttachOpenRequest, type Frame } from '../../lib/nats/streaming-protocol.js';
import { runningContainer } from './exec-session.js';
import type { SessionRunner } from './log-session.js';
import { encodeShimFrame, ShimFrameDecoder } from './shim-frames.js';
import type { StreamingRuntime } from './streaming-runtime.js';

const SHIM_CLOSE_STDIN = 255;
const SUCCESS = new TextEncoder().encode(JSON.stringify({ metadata: {}, status: 'Success' }));

export async function prepareAttach(req: AttachOpenRequest, runtime: StreamingRuntime, validateOnly: boolean): Promise<SessionRunner> {
  const container = await runningContainer(req.target, runtime);
  if (validateOnly) return async () => undefined;
  const opts = { stdin: req.stdin, stdout: req.stdout, stderr: req.stderr && !req.tty, tty: req.tty };
  let sock: Duplex;
  try {
    sock = await runtime.attach(container.id, opts);
  } catch (err) {
    throw new InternalError(`unable to attach to container ${JSON.stringify(req.target.container)}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return (session) => bridge(sock, session);
}

async function bridge(sock: Duplex, session: StreamSession): Promise<void> {
  const decoder = new ShimFrameDecoder();
  // Output is relayed in order through one chain, and the end joins it, so no output overtakes the end.
  let chain = Promise.resolve();
  let finished = false;
  const finish = async () => {
    if (finished || session.isEnded) return;
    finished = true;
    await session.send(FrameType.STATUS, SUCCESS).catch(() => undefined);
    session.end();
  };
  sock.on('data', (chunk: Buffer) => {
    sock.pause();
    chain = chain.then(async () => {
      for (const f of decoder.push(chunk)) {
        if (f.stream === FrameType.STDOUT || f.stream === FrameType.STDERR) await session.send(f.stream, f.payload).catch(() => undefined);
        else if (f.stream === FrameType.STATUS) await finish();
      }
    }).finally(() => sock.resume());
  });
  sock.on('close', () => void (chain = chain.then(finish)));
  sock.on('error', () => undefined); // followed by 'close'
  session.onFrame((frame) => forward(sock, frame));
  await session.ended;
  sock.end();
}

function forward(sock: Duplex, frame: Frame): void {
  if (frame.type === FrameType.STDIN) sock.write(encodeShimFrame(0, frame.payload));
  else if (frame.type === FrameType.RESIZE) sock.write(encodeShimFrame(FrameType.RESIZE, frame.payload));
  else if (frame.type === FrameType.CLOSE) sock.write(encodeShimFrame(SHIM_CLOSE_STDIN, frame.payload));
}
