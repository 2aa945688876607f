/**
 * How a container's end is reported, as containerd and the kubelet do: exit code 128+n for death by
 * signal n, reason "Completed" for 0 and "Error" otherwise, and the 137/Error a shim killed with SIGKILL
 * implies (it leaves no exit record). Pure.
 */

// Linux x86-64/arm64 signal numbers.
const SIGNALS: Record<string, number> = {
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGBUS: 7, SIGFPE: 8, SIGKILL: 9,
  SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15, SIGCHLD: 17, SIGCONT: 18,
  SIGSTOP: 19, SIGTSTP: 20, SIGTTIN: 21, SIGTTOU: 22, SIGXCPU: 24, SIGXFSZ: 25, SIGSYS: 31,
};

export function signalNumber(signal: string): number | undefined {
  return SIGNALS[signal];
}

/** The exit code a shell or containerd reports: the code, or 128 + the signal's number. */
export function exitCodeOf(code: number | null, signal: string | null | undefined): number {
  if (code !== null) return code;
  const n = signal ? SIGNALS[signal] : undefined;
  return n !== undefined ? 128 + n : 255;
}

/** containerd's reason for a terminated container. */
export function exitReason(exitCode: number): 'Completed' | 'Error' {
  return exitCode === 0 ? 'Completed' : 'Error';
}

/** The record of a container whose shim died without writing one: SIGKILL, as the contract says. */
export const KILLED_EXIT = { exitCode: 137, reason: 'Error', signal: 'SIGKILL' } as const;

/** The exit code containerd gives a container whose process could not be started. */
export const START_ERROR_EXIT_CODE = 128;

/** containerd's wording when the command of a container is not found (the kubelet shows it verbatim). */
export function notFoundMessage(file: string): string {
  const what = file.includes('/') ? `stat ${file}: no such file or directory` : 'executable file not found in $PATH';
  return (
    'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: ' +
    `unable to start container process: exec: "${file}": ${what}: unknown`
  );
}
