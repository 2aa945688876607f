/**
 * PodExecOptions and PodAttachOptions from the query of `.../pods/{name}/exec|attach`, as the
 * apiserver decodes them and the kubelet then checks them (remotecommand NewOptions): `command` repeats
 * once per argv element; a TTY carries no separate stderr; at least one stream must be asked for.
 * Pure; the query is the raw URLSearchParams because `command` repeats.
 */
import { BadRequestError } from '../../lib/errors.js';
import { queryBool } from './log-options.js';

export interface StreamRequest {
  container?: string;
  /** Empty for attach. */
  command: string[];
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

const value = (q: URLSearchParams, key: string) => q.get(key) ?? undefined;

export function parseStreamRequest(verb: 'exec' | 'attach', q: URLSearchParams): StreamRequest {
  const tty = queryBool(value(q, 'tty'));
  const stdin = queryBool(value(q, 'stdin'));
  const stdout = queryBool(value(q, 'stdout'));
  // A terminal merges stderr into stdout; the kubelet drops the stream rather than refusing.
  const stderr = queryBool(value(q, 'stderr')) && !tty;
  if (!stdin && !stdout && !stderr) throw new BadRequestError('you must specify at least 1 of stdin, stdout, stderr');
  const command = verb === 'exec' ? q.getAll('command') : [];
  if (verb === 'exec' && command.length === 0) throw new BadRequestError('you must specify at least one command for the container');
  const container = value(q, 'container');
  return { ...(container ? { container } : {}), command, stdin, stdout, stderr, tty };
}
