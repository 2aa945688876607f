/**
 * Errors the CLI reports to its user: main.ts prints `error: <message>` and exits with `exitCode`, with
 * no stack trace, because they describe the cluster, not a bug. Anything else is a bug and keeps its stack.
 */

export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A component name or group that the cluster does not have. */
export class UnknownComponentError extends CliError {
  constructor(readonly component: string, known: string[]) {
    super(`no component ${JSON.stringify(component)} in this cluster (have: ${known.join(', ')})`);
  }
}

/** A component did not become ready: it exited, or its readiness check kept failing until the deadline. */
export class NotReadyError extends CliError {
  constructor(readonly component: string, why: string, readonly logTail: string[] = []) {
    super(`${component} did not become ready: ${why}`);
  }
}
