/**
 * Reading and writing the runtime's files under `<root>/containers/<id>/` (CONTRACT.md) for the kubelet's
 * runtime client: JSON records written atomically (temp file + rename), read as undefined when absent.
 */
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { containerDir, EXIT_FILE, SHIM_LOG, SPEC_FILE, STATE_FILE, type ContainerSpec, type ExitFile, type StateFile } from './spec.js';

export async function readJson<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await writeFile(`${path}.tmp`, JSON.stringify(value, null, 2) + '\n');
  await rename(`${path}.tmp`, path);
}

export interface ContainerFiles {
  spec?: ContainerSpec;
  createdAt?: string;
  state?: StateFile;
  exit?: ExitFile;
}

export async function readContainerFiles(rootDir: string, id: string): Promise<ContainerFiles> {
  const dir = containerDir(rootDir, id);
  const [spec, state, exit, specStat] = await Promise.all([
    readJson<ContainerSpec>(join(dir, SPEC_FILE)),
    readJson<StateFile>(join(dir, STATE_FILE)),
    readJson<ExitFile>(join(dir, EXIT_FILE)),
    stat(join(dir, SPEC_FILE)).catch(() => undefined),
  ]);
  return { spec, state, exit, ...(specStat ? { createdAt: specStat.mtime.toISOString() } : {}) };
}

export async function readExit(rootDir: string, id: string): Promise<ExitFile | undefined> {
  return readJson<ExitFile>(join(containerDir(rootDir, id), EXIT_FILE));
}

export async function readState(rootDir: string, id: string): Promise<StateFile | undefined> {
  return readJson<StateFile>(join(containerDir(rootDir, id), STATE_FILE));
}

/** The last lines of the shim's own log, for an error message. */
export async function shimLogTail(rootDir: string, id: string): Promise<string> {
  try {
    const text = await readFile(join(containerDir(rootDir, id), SHIM_LOG), 'utf8');
    return text.trim().split('\n').slice(-5).join('\n');
  } catch {
    return '';
  }
}
