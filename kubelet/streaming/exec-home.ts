/**
 * The home directory an exec'd command sees. A real container's shell runs as the image's user with
 * HOME inside the container (/root), never the host's: without HOME, bash would look the user up in
 * the host's passwd and source the host's ~/.bashrc, and its `\h` prompt would show the host's name.
 *
 *   execEnvironment(env, homeDir)  the container's env with HOME set (an explicit HOME in the container
 *                                  spec wins, as it does in a real container). Pure.
 *   ensureHome(homeDir)            creates the per-container home and its .bashrc once (idempotent).
 *
 * Invariant: the .bashrc sets the tutorial's prompt `root@<pod>:/#` from HOSTNAME (the pod's name,
 * always in the container's env) and the working directory, and nothing else from the host.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

// \u is the user, \w the directory and \$ '#' for root; the host part is the pod's HOSTNAME, expanded
// when the prompt is set, because bash's own \h is the machine's hostname.
export const BASHRC = `# kubelab: a container's shell, as in an image whose user is root\nPS1='\\u@'"$HOSTNAME"':\\w\\$ '\n`;

export function execEnvironment(env: Readonly<Record<string, string>>, homeDir: string | undefined): Record<string, string> {
  if (env.HOME !== undefined || homeDir === undefined) return { ...env };
  return { ...env, HOME: homeDir };
}

export async function ensureHome(homeDir: string): Promise<void> {
  await mkdir(homeDir, { recursive: true });
  // 'wx' keeps a .bashrc the user edited inside the container across later execs.
  await writeFile(join(homeDir, '.bashrc'), BASHRC, { flag: 'wx' }).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw err;
  });
}
