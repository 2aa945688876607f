/**
 * The kubelet's side of `kubectl logs`, `exec` and `attach` (protocol in
 * lib/nats/streaming-protocol.ts). It serves the node's three subjects; for each open request it checks
 * what the user asked for (container found, running, command present, log readable) and answers with
 * the session subject or the Status to show, then runs the session. The kubelet listens on no port:
 * this is how the apiserver reaches it.
 *
 *   const server = new StreamServer({ transport, serve, subjects, nodeName, runtime, log });
 *   server.start();   ...   server.stop();   // ends every open session
 */
import { toApiError } from '../../lib/errors.js';
import type { Logger } from '../../lib/log.js';
import { StreamSession, type FrameTransport } from '../../lib/nats/stream-session.js';
import type { StreamOpenReply, StreamOpenRequest } from '../../lib/nats/streaming-protocol.js';
import type { Subjects } from '../../lib/nats/subjects.js';
import { prepareAttach } from './attach-session.js';
import { prepareExec } from './exec-session.js';
import { prepareLogs, type SessionRunner } from './log-session.js';
import type { StreamingRuntime } from './streaming-runtime.js';

/** Serves request/reply on a subject; returns the unsubscribe function. */
export type RequestServer = (subject: string, handler: (data: Uint8Array) => Promise<Uint8Array>) => () => void;

export interface StreamServerDeps {
  transport: FrameTransport;
  serve: RequestServer;
  subjects: Subjects;
  nodeName: string;
  runtime: StreamingRuntime;
  log: Logger;
}

export class StreamServer {
  private unsubscribes: Array<() => void> = [];
  private readonly sessions = new Set<StreamSession>();

  constructor(private readonly deps: StreamServerDeps) {}

  start(): void {
    const subjects = this.deps.subjects.node(this.deps.nodeName);
    for (const subject of [subjects.logs, subjects.exec, subjects.attach]) {
      this.unsubscribes.push(this.deps.serve(subject, async (data) => encode(await this.open(decode(data)))));
    }
  }

  stop(): void {
    for (const u of this.unsubscribes.splice(0)) u();
    for (const s of this.sessions) s.end('the kubelet is stopping');
  }

  /** Answers one open request, and starts its session when the answer is yes. */
  async open(req: StreamOpenRequest | undefined): Promise<StreamOpenReply> {
    if (!req) return { ok: false, status: toApiError(new Error('unreadable stream open request')).toStatus() };
    const log = this.deps.log.child({ session: req.session, kind: req.kind, pod: `${req.target.namespace}/${req.target.pod}`, container: req.target.container });
    let run: SessionRunner;
    try {
      run = await this.prepare(req);
    } catch (err) {
      const e = toApiError(err);
      log.info('stream refused', { code: e.code, message: e.message });
      return { ok: false, status: e.toStatus() };
    }
    if (req.validateOnly) return { ok: true, control: '' };
    const control = this.deps.subjects.streamSession(req.session, 'kubelet');
    const session = new StreamSession(this.deps.transport, { receiveOn: control, sendTo: req.deliverTo });
    this.sessions.add(session);
    log.info('stream opened');
    void session.ended.then((end) => {
      this.sessions.delete(session);
      log.info('stream ended', { by: end.by, reason: end.reason });
    });
    void run(session).catch((err) => {
      log.warn('stream failed', { error: String(err) });
      session.end(String(err));
    });
    return { ok: true, control };
  }

  private prepare(req: StreamOpenRequest): Promise<SessionRunner> {
    const validateOnly = req.validateOnly ?? false;
    switch (req.kind) {
      case 'logs':
        return prepareLogs(req, this.deps.runtime);
      case 'exec':
        return prepareExec(req, this.deps.runtime);
      case 'attach':
        return prepareAttach(req, this.deps.runtime, validateOnly);
    }
  }
}

function decode(data: Uint8Array): StreamOpenRequest | undefined {
  try {
    return JSON.parse(new TextDecoder().decode(data)) as StreamOpenRequest;
  } catch {
    return undefined;
  }
}

function encode(reply: StreamOpenReply): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(reply));
}
