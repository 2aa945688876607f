/**
 * A stand-in for the container shim's attach.sock (kubelet/runtime/CONTRACT.md), for tests of attach:
 * it reads the client's JSON hello line, then answers frames: stdin comes back on stdout (stderr too
 * when asked for), a resize is reported on stdout, close-stdin ends the "container" with stream 3
 * `{"exitCode":0}` and closes the connection, as the shim does when its program exits.
 *
 * Long socket paths (over the 107-byte limit) are bound through /proc/self/fd/<dir fd>, as the
 * streaming runtime connects to them.
 */
import { closeSync, openSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { basename, dirname } from 'node:path';
import { encodeShimFrame, ShimFrameDecoder } from '../shim-frames.js';

export interface FakeShim {
  hellos: unknown[];
  close(): Promise<void>;
}

export async function startFakeShim(socketPath: string): Promise<FakeShim> {
  const hellos: unknown[] = [];
  const server: Server = createServer((sock) => serve(sock, hellos));
  const dirFd = Buffer.byteLength(socketPath) > 100 ? openSync(dirname(socketPath), 'r') : undefined;
  const listenPath = dirFd === undefined ? socketPath : `/proc/self/fd/${dirFd}/${basename(socketPath)}`;
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(listenPath, resolve));
  if (dirFd !== undefined) closeSync(dirFd);
  return { hellos, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function serve(sock: Socket, hellos: unknown[]): void {
  let hello: { stderr?: boolean } | undefined;
  let pending = Buffer.alloc(0);
  const decoder = new ShimFrameDecoder();
  const text = (s: string) => new TextEncoder().encode(s);
  sock.on('error', () => undefined);
  sock.on('data', (chunk: Buffer) => {
    let data: Uint8Array = chunk;
    if (!hello) {
      pending = Buffer.concat([pending, chunk]);
      const nl = pending.indexOf(10);
      if (nl < 0) return;
      hello = JSON.parse(pending.subarray(0, nl).toString()) as { stderr?: boolean };
      hellos.push(hello);
      data = pending.subarray(nl + 1);
    }
    for (const f of decoder.push(data)) {
      if (f.stream === 0) {
        sock.write(encodeShimFrame(1, f.payload));
        if (hello.stderr) sock.write(encodeShimFrame(2, f.payload));
      } else if (f.stream === 4) {
        sock.write(encodeShimFrame(1, text(`resized ${new TextDecoder().decode(f.payload)}\n`)));
      } else if (f.stream === 255) {
        sock.end(encodeShimFrame(3, text('{"exitCode":0}')));
      }
    }
  });
}
