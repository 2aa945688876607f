/**
 * What the kubelet's streaming server needs from the container runtime: the thin seam between
 * `kubectl logs/exec/attach` and the container shim (kubelet/runtime/CONTRACT.md).
 *
 *   findContainer(target)  the container a stream is about: by its ID when the apiserver knew it, else
 *                          the newest container of that pod and name (the status may lag the runtime)
 *   isRunning(id)          whether it still runs (log follow ends when it does not)
 *   attach(id, opts)       a connection to the shim's attach.sock
 *
 * `fileStreamingRuntime` implements it from the files the contract defines; the kubelet may pass its
 * runtime client's `inspectContainer` (which also checks that a PID was not reused) in its place.
 */
import type { Duplex } from 'node:stream';
import type { ContainerSpec, RuntimeContainer } from '../runtime-port.js';
import type { StreamTarget } from '../../lib/nats/streaming-protocol.js';

export interface StreamContainer {
  id: string;
  /** spec.json: env, workingDir and logPath are what streams use. */
  spec: ContainerSpec;
  state: RuntimeContainer['state'];
  /** Where exec'd commands get their HOME (exec-home.ts); absent when the runtime has no place for it. */
  homeDir?: string;
}

export interface AttachOptions {
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

export interface StreamingRuntime {
  findContainer(target: StreamTarget): Promise<StreamContainer | undefined>;
  isRunning(id: string): Promise<boolean>;
  /** The attach.sock connection, already past its JSON hello line. */
  attach(id: string, opts: AttachOptions): Promise<Duplex>;
}
