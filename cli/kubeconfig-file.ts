/**
 * Reading and writing the user's kubeconfig around the pure merge in kubeconfig.ts. Thin I/O. The file
 * is replaced atomically with mode 0600 (it holds tokens), as kubectl itself writes it.
 */
import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { writeFileAtomic } from './cluster-store.js';
import { CliError } from './errors.js';
import { mergeKubeconfig, normalizeKubeconfig, removeFromKubeconfig } from './kubeconfig.js';

export function readKubeconfig(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CliError(`cannot read kubeconfig ${path}: ${(err as Error).message}`);
  }
  try {
    return parse(text) as unknown;
  } catch (err) {
    throw new CliError(`kubeconfig ${path} is not valid YAML, leaving it alone: ${(err as Error).message}`);
  }
}

export function mergeIntoUserKubeconfig(clusterKubeconfigPath: string, target: string): void {
  const ours = normalizeKubeconfig(readKubeconfig(clusterKubeconfigPath));
  writeFileAtomic(target, stringify(mergeKubeconfig(readKubeconfig(target), ours)), 0o600);
}

export function removeFromUserKubeconfig(target: string, name: string, server: string): void {
  const existing = readKubeconfig(target);
  if (existing === undefined) return;
  writeFileAtomic(target, stringify(removeFromKubeconfig(existing, name, server)), 0o600);
}
