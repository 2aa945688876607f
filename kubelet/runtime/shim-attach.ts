/**
 * The shim's attach.sock server (CONTRACT.md). Each client sends a JSON header line, then frames:
 * stdin (0) reaches the program when the container has stdin and the client asked for it; resize (4)
 * sizes the terminal; close-stdin (255) says the client's input ended. Output frames (1, 2) go to the
 * clients that asked for that stream, from the moment they attached. When the program ends every client
 * gets stream 3 `{"exitCode":N}` and is disconnected, so a monitoring client learns of the exit at once.
 *
 * stdinOnce: when the first client that attached with stdin leaves (or closes its stdin), the program's
 * stdin is closed, as the container runtime does for `kubectl run -i`.
 */
import { rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { encodeFrame, FrameDecoder, parseAttachHeader, parseResize, splitHeader, Stream, type AttachHeader } from './frames.js';
import type { LogStream } from './cri-log.js';
import type { ContainerSpec } from './spec.js';
import { listenUnix } from './unix-socket.js';

/** What the attach server drives; bound to the program once it runs. */
export interface AttachTarget {
  writeStdin(data: Buffer): void;
  closeStdin(): void;
  resize(cols: number, rows: number): void;
}

interface Client {
  sock: Socket;
  header: AttachHeader;
  stdinDone: boolean;
}

const MAX_HEADER_BYTES = 4096;

export class AttachServer {
  private readonly server: Server;
  private readonly clients = new Set<Client>();
  private target: AttachTarget | undefined;
  private stdinClosed = false;
  private exitCode: number | undefined;

  private path = '';

  constructor(private readonly spec: ContainerSpec) {
    this.server = createServer((sock) => this.accept(sock));
  }

  async listen(path: string): Promise<void> {
    this.path = path;
    rmSync(path, { force: true }); // a socket left by an earlier shim of this container
    await listenUnix(this.server, path);
  }

  bind(target: AttachTarget): void {
    this.target = target;
  }

  /** Output of the program, passed to the clients that asked for that stream. */
  broadcast = (stream: LogStream, data: Buffer): void => {
    const id = stream === 'stdout' ? Stream.STDOUT : Stream.STDERR;
    for (const c of this.clients) {
      const wants = stream === 'stdout' ? c.header.stdout : c.header.stderr;
      if (wants && !c.sock.destroyed) c.sock.write(encodeFrame(id, data));
    }
  };

  /** The program ended: tell every client, disconnect them, stop listening. */
  finish(exitCode: number): Promise<void> {
    this.exitCode = exitCode;
    const closes = [...this.clients].map(
      (c) =>
        new Promise<void>((resolve) => {
          c.sock.once('close', () => resolve());
          c.sock.end(encodeFrame(Stream.EXIT, JSON.stringify({ exitCode })));
          setTimeout(() => (c.sock.destroy(), resolve()), 500).unref();
        }),
    );
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    return Promise.all([...closes, closed]).then(() => rmSync(this.path, { force: true }));
  }

  private accept(sock: Socket): void {
    if (this.exitCode !== undefined) {
      sock.end(encodeFrame(Stream.EXIT, JSON.stringify({ exitCode: this.exitCode })));
      return;
    }
    let pending = Buffer.alloc(0);
    const onHeader = (chunk: Buffer): void => {
      pending = Buffer.concat([pending, chunk]);
      const split = splitHeader(pending);
      if (!split) {
        if (pending.length > MAX_HEADER_BYTES) sock.destroy();
        return;
      }
      sock.off('data', onHeader);
      let header: AttachHeader;
      try {
        header = parseAttachHeader(split.header);
      } catch {
        sock.destroy();
        return;
      }
      this.serve({ sock, header, stdinDone: false }, split.rest);
    };
    sock.on('data', onHeader);
    sock.on('error', () => sock.destroy());
  }

  private serve(client: Client, rest: Buffer): void {
    this.clients.add(client);
    const decoder = new FrameDecoder();
    const onData = (chunk: Buffer): void => {
      try {
        for (const f of decoder.push(chunk)) this.handleFrame(client, f.stream, f.payload);
      } catch {
        client.sock.destroy();
      }
    };
    client.sock.on('data', onData);
    client.sock.on('close', () => {
      this.clients.delete(client);
      this.stdinEnded(client);
    });
    if (rest.length) onData(rest);
  }

  private handleFrame(client: Client, stream: number, payload: Buffer): void {
    if (stream === Stream.STDIN) {
      if (client.header.stdin && this.spec.stdin && !this.stdinClosed) this.target?.writeStdin(payload);
    } else if (stream === Stream.RESIZE) {
      const size = parseResize(payload);
      if (size && size.width > 0 && size.height > 0) this.target?.resize(size.width, size.height);
    } else if (stream === Stream.CLOSE) {
      if (payload[0] === Stream.STDIN) this.stdinEnded(client);
    }
  }

  private stdinEnded(client: Client): void {
    if (!client.header.stdin || client.stdinDone) return;
    client.stdinDone = true;
    if (this.spec.stdinOnce && !this.stdinClosed) {
      this.stdinClosed = true;
      this.target?.closeStdin();
    }
  }
}
