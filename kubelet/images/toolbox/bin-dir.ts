/**
 * Where the toolbox's executables live: `kubelet/images/toolbox/bin/` of the kubelab checkout. The kubelet
 * prepends it to PATH for images whose catalogue entry says `toolbox: true`.
 *
 * The scripts are not compiled (tsc copies no files), so from dist/ the directory is found by walking up to
 * the checkout that holds it. A deployment that ships only dist/ must ship this directory beside it.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MARKER = join('kubelet', 'images', 'toolbox', 'bin', 'curl');

/** The absolute toolbox bin directory, or undefined when this installation lacks it. */
export function toolboxBinDir(from: string = dirname(fileURLToPath(import.meta.url))): string | undefined {
  if (existsSync(join(from, 'bin', 'curl'))) return join(from, 'bin');
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, MARKER))) return dirname(join(dir, MARKER));
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * A container PATH with the toolbox: the bin directory first, and node's own directory last when it is
 * not there already, since the tools are `#!/usr/bin/env node` scripts (node may live in ~/.nvm/...).
 */
export function withToolbox(pathVar: string, binDir: string | undefined = toolboxBinDir(), nodeDir: string = dirname(process.execPath)): string {
  const entries = pathVar.split(':').filter(Boolean);
  if (binDir && !entries.includes(binDir)) entries.unshift(binDir);
  if (!entries.includes(nodeDir)) entries.push(nodeDir);
  return entries.join(':');
}
