/**
 * What the commands get from main.ts instead of reading the process environment themselves: where the
 * programs are, the user's home and kubeconfig setting, the environment handed to components, and where
 * output goes. `findExecutable` is pure over an injected existence check.
 */
import type { Runtime } from './components.js';

export interface CliContext {
  runtime: Runtime;
  home: string;
  /** $KUBECONFIG as the user set it. */
  kubeconfigEnv: string | undefined;
  /** Environment for component processes. */
  env: NodeJS.ProcessEnv;
  /** Per-machine directory of loopback range claims (range-index.ts). */
  rangeRegistry: string;
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether stdout is a terminal: colours and pretty logs only then. */
  tty: boolean;
}

/** Debian puts redis-server in /usr/bin and nats-server in /usr/sbin; a hand install may be elsewhere. */
export const SYSTEM_BIN_DIRS = ['/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin'];

export function findExecutable(name: string, pathEnv: string | undefined, isExecutable: (path: string) => boolean): string | undefined {
  const dirs = [...SYSTEM_BIN_DIRS, ...(pathEnv ?? '').split(':').filter(Boolean)];
  return dirs.map((d) => `${d}/${name}`).find(isExecutable);
}
