/**
 * The interface between the container shim and a built-in image program (design.md §3).
 *
 * A program is a plain ES module under `programs/` exporting `run(ctx): Promise<number>`; the shim loads it
 * with a dynamic import inside its own process, so the shim *is* the container. The promise settles with
 * the container's exit code. Programs import node built-ins only: a container must start fast.
 *
 * Signals: the shim delivers SIGTERM/SIGINT/SIGQUIT/SIGHUP to the handler registered with `onSignal`.
 * A program that registers none dies of the signal's default action (exit 128+n, e.g. 143), as a process
 * with no handler would.
 */
import type { Readable } from 'node:stream';

/** Where a program writes its stdout or stderr: the shim turns it into CRI log lines and attach frames. */
export interface OutputWriter {
  write(chunk: string | Uint8Array): void;
}

export type ProgramSignal = 'SIGTERM' | 'SIGINT' | 'SIGQUIT' | 'SIGHUP';

export interface ProgramContext {
  /** The resolved argv: argv[0] is the image's entrypoint or the command's first word. */
  argv: string[];
  /** The container's environment, exactly as the kubelet resolved it. */
  env: Record<string, string>;
  /** The pod IP every container of the pod shares, and the pod's hostname ($HOSTNAME, nginx's $hostname). */
  podIP: string;
  hostname: string;
  stdout: OutputWriter;
  stderr: OutputWriter;
  /** Ends at once when the container has no stdin (spec.stdin false), as /dev/null would. */
  stdin: Readable;
  /** Registers the handler for a signal; the program decides when to settle its promise. */
  onSignal(handler: (signal: ProgramSignal) => void): void;
}

export interface ProgramModule {
  run(ctx: ProgramContext): Promise<number>;
}

/** The built-in programs, by the name a catalogue entry uses (file `programs/<name>.js`). */
export const PROGRAM_NAMES = ['hello-plain-text', 'hello-html', 'sleep', 'crash', 'slow-start'] as const;
export type ProgramName = (typeof PROGRAM_NAMES)[number];

export function isProgramName(name: string): name is ProgramName {
  return (PROGRAM_NAMES as readonly string[]).includes(name);
}

/** The module URL of a built-in program, next to this file both in the sources and in dist/. */
export function programModuleURL(name: ProgramName): URL {
  return new URL(`./programs/${name}.js`, import.meta.url);
}
