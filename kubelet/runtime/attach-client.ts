/**
 * The kubelet's side of attach.sock: `openAttach(socketPath, header)` connects, sends the header line and
 * returns an AttachConnection that speaks frames. Events: 'frame' (every frame), 'output' (stream, data),
 * 'exit' (exitCode, when the shim reports the program's end) and 'close'. A monitoring connection is one
 * whose header asks for nothing.
 */
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { encodeFrame, FrameDecoder, Stream, type AttachHeader, type Frame } from './frames.js';
import { connectUnix } from './unix-socket.js';

export interface AttachConnectionEvents {
  frame: [Frame];
  output: ['stdout' | 'stderr', Buffer];
  exit: [number];
  close: [];
}

export class AttachConnection extends EventEmitter<AttachConnectionEvents> {
  private readonly decoder = new FrameDecoder();
  private exitCode: number | undefined;

  constructor(private readonly sock: Socket) {
    super();
    sock.on('data', (chunk: Buffer) => this.onData(chunk));
    sock.on('error', () => sock.destroy());
    sock.on('close', () => this.emit('close'));
  }

  /** The exit code the shim reported, once it did. */
  get reportedExitCode(): number | undefined {
    return this.exitCode;
  }

  get closed(): boolean {
    return this.sock.destroyed;
  }

  send(stream: number, payload: Uint8Array | string): void {
    if (!this.sock.destroyed) this.sock.write(encodeFrame(stream, payload));
  }

  writeStdin(data: Uint8Array | string): void {
    this.send(Stream.STDIN, data);
  }

  resize(width: number, height: number): void {
    this.send(Stream.RESIZE, JSON.stringify({ Width: width, Height: height }));
  }

  closeStdin(): void {
    this.send(Stream.CLOSE, Buffer.from([Stream.STDIN]));
  }

  close(): void {
    this.sock.end();
  }

  private onData(chunk: Buffer): void {
    let frames: Frame[];
    try {
      frames = this.decoder.push(chunk);
    } catch {
      this.sock.destroy();
      return;
    }
    for (const f of frames) {
      this.emit('frame', f);
      if (f.stream === Stream.STDOUT || f.stream === Stream.STDERR) {
        this.emit('output', f.stream === Stream.STDOUT ? 'stdout' : 'stderr', f.payload);
      } else if (f.stream === Stream.EXIT) {
        this.exitCode = parseExitPayload(f.payload);
        this.emit('exit', this.exitCode);
      }
    }
  }
}

function parseExitPayload(payload: Buffer): number {
  try {
    const v = JSON.parse(payload.toString('utf8')) as { exitCode?: unknown };
    return typeof v.exitCode === 'number' ? v.exitCode : -1;
  } catch {
    return -1;
  }
}

export async function openAttach(socketPath: string, header: AttachHeader): Promise<AttachConnection> {
  const sock = await connectUnix(socketPath);
  sock.write(JSON.stringify(header) + '\n');
  return new AttachConnection(sock);
}
