/**
 * kubectl logs, exec and attach, kubelet side. The kubelet's main.ts starts it once NATS is connected:
 *
 *   const streaming = startStreamingServer({ nc, subjects: subjects(prefix), nodeName, rootDir, log });
 *   ...
 *   streaming.stop();
 *
 * By default the container runtime is read from the files of kubelet/runtime/CONTRACT.md under
 * `rootDir`; pass `inspect` (the runtime client's inspectContainer) for its stricter liveness check,
 * or a whole `runtime` to replace it.
 */
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '../../lib/log.js';
import { natsFrameTransport } from '../../lib/nats/stream-transport.js';
import type { Subjects } from '../../lib/nats/subjects.js';
import type { RuntimeContainer } from '../runtime-port.js';
import { fileStreamingRuntime } from './file-runtime.js';
import { StreamServer, type RequestServer } from './stream-server.js';
import type { StreamingRuntime } from './streaming-runtime.js';

export { fileStreamingRuntime } from './file-runtime.js';
export { StreamServer } from './stream-server.js';
export type { StreamingRuntime, StreamContainer, AttachOptions } from './streaming-runtime.js';

export interface StreamingServerOptions {
  nc: NatsConnection;
  subjects: Subjects;
  nodeName: string;
  rootDir: string;
  log: Logger;
  inspect?: (id: string) => Promise<Pick<RuntimeContainer, 'state'> | undefined>;
  runtime?: StreamingRuntime;
}

export function natsRequestServer(nc: NatsConnection): RequestServer {
  return (subject, handler) => {
    const sub = nc.subscribe(subject, {
      callback: (err, msg) => {
        if (err) return;
        void handler(msg.data).then((reply) => msg.respond(reply));
      },
    });
    return () => sub.unsubscribe();
  };
}

export function startStreamingServer(opts: StreamingServerOptions): StreamServer {
  const runtime = opts.runtime ?? fileStreamingRuntime({ rootDir: opts.rootDir, ...(opts.inspect ? { inspect: opts.inspect } : {}) });
  const server = new StreamServer({
    transport: natsFrameTransport(opts.nc), serve: natsRequestServer(opts.nc),
    subjects: opts.subjects, nodeName: opts.nodeName, runtime, log: opts.log.child({ part: 'streaming' }),
  });
  server.start();
  return server;
}
