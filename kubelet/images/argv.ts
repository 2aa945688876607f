/**
 * What a container runs: Kubernetes' command/args rules applied to the image config, as containerd's CRI
 * plugin does when it builds the process spec:
 *   - no `command`: the image ENTRYPOINT, followed by `args` if given, else the image CMD;
 *   - `command` given: it replaces the ENTRYPOINT and the image CMD is dropped; `args` follow it;
 *   - nothing at all: "no command specified" (the kubelet reports CreateContainerError).
 * `$(VAR)` references in command and args are expanded from the container's environment first, as the
 * kubelet does (`$$` escapes a `$`; an undefined variable is left as written).
 *
 * Interface: `resolveArgv(entry, container, env)` → { program, argv }: a built-in program when argv[0] is
 * one of the image's own executables, else an `exec` of argv[0] looked up on PATH by the shim at start.
 * An entrypoint script that execs its arguments (`/docker-entrypoint.sh sh -c ...`) is looked through:
 * the container runs `sh -c ...`, as the script's `exec "$@"` would. Pure.
 */
import type { CatalogueEntry } from './catalogue.js';
import type { ProgramName } from './program.js';

/** The program part of the runtime's ContainerSpec (kubelet/runtime/CONTRACT.md). */
export type ContainerProgram = { kind: 'builtin'; name: ProgramName } | { kind: 'exec'; path: string };

export interface ResolvedArgv {
  program: ContainerProgram;
  argv: string[];
}

/** The fields of a pod's container that decide what runs. */
export interface ContainerCommand {
  command?: string[];
  args?: string[];
}

/** Neither the pod nor the image says what to run. The message is containerd's. */
export class NoCommandError extends Error {
  constructor() {
    super('no command specified');
    this.name = 'NoCommandError';
  }
}

/** Expands `$(VAR)` from env; `$$` is a literal `$`; unknown or unterminated references stay as written. */
export function expandContainerCommand(input: string, env: Record<string, string>): string {
  let out = '';
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (c !== '$' || i + 1 >= input.length) {
      out += c;
      i++;
      continue;
    }
    const next = input[i + 1]!;
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '(') {
      const close = input.indexOf(')', i + 2);
      if (close < 0) {
        out += '$(';
        i += 2;
        continue;
      }
      const name = input.slice(i + 2, close);
      out += Object.hasOwn(env, name) ? env[name] : `$(${name})`;
      i = close + 1;
    } else {
      out += '$' + next;
      i += 2;
    }
  }
  return out;
}

export function resolveArgv(entry: CatalogueEntry, container: ContainerCommand, env: Record<string, string> = {}): ResolvedArgv {
  const command = (container.command ?? []).map((s) => expandContainerCommand(s, env));
  const args = (container.args ?? []).map((s) => expandContainerCommand(s, env));
  const argv =
    command.length > 0
      ? [...command, ...args]
      : [...entry.config.entrypoint, ...(args.length > 0 ? args : entry.config.cmd)];
  if (argv.length === 0) throw new NoCommandError();
  const isBuiltin = (file: string): boolean => Object.hasOwn(entry.builtins, file);
  if (argv[0] === entry.execEntrypoint && argv.length > 1 && !isBuiltin(argv[1]!)) {
    return { program: { kind: 'exec', path: argv[1]! }, argv: argv.slice(1) };
  }
  const builtin = isBuiltin(argv[0]!) ? entry.builtins[argv[0]!] : undefined;
  return { program: builtin ? { kind: 'builtin', name: builtin } : { kind: 'exec', path: argv[0]! }, argv };
}
