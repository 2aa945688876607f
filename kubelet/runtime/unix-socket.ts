/**
 * Unix sockets at paths of any length. sun_path holds 107 bytes, `<root>/containers/<64 hex>/attach.sock`
 * is often longer, and libuv then silently binds a truncated name. Linux resolves
 * `/proc/self/fd/<fd of the directory>/<name>` to the same place, so long paths go through that.
 *
 * Interface: `listenUnix(server, path)`, `connectUnix(path)`; both settle once the socket is bound/connected.
 */
import { closeSync, openSync } from 'node:fs';
import { connect, type Server, type Socket } from 'node:net';
import { basename, dirname } from 'node:path';

const MAX_DIRECT = 100;

/** Runs `use` with a short path to `path`, keeping the directory open until `use` settles. */
async function withShortPath<T>(path: string, use: (p: string) => Promise<T>): Promise<T> {
  if (Buffer.byteLength(path) <= MAX_DIRECT) return use(path);
  const dirFd = openSync(dirname(path), 'r');
  try {
    return await use(`/proc/self/fd/${dirFd}/${basename(path)}`);
  } finally {
    closeSync(dirFd);
  }
}

export function listenUnix(server: Server, path: string): Promise<void> {
  return withShortPath(
    path,
    (p) =>
      new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(p, () => {
          server.off('error', reject);
          resolve();
        });
      }),
  );
}

export function connectUnix(path: string): Promise<Socket> {
  return withShortPath(
    path,
    (p) =>
      new Promise<Socket>((resolve, reject) => {
        const sock = connect(p);
        sock.once('error', reject);
        sock.once('connect', () => {
          sock.off('error', reject);
          resolve(sock);
        });
      }),
  );
}
