/**
 * The internal API over NATS: the messages exchanged between components and the apiserver.
 *
 * Requests (`subjects().apiRequest`, queue group "apiserver", so any one apiserver answers):
 *   request: ApiRequest (lib/api/request.ts) as JSON     reply: ApiResponse as JSON
 *   A reply with code >= 400 carries a metav1.Status body, exactly as the HTTP door would.
 *
 * Watches (`subjects().apiWatch`):
 *   request: WatchStartRequest                             reply: WatchStartReply
 *   After an ok reply the apiserver publishes WatchMessages to `deliverTo`, numbered 1, 2, 3, ... by `seq`.
 *   - `event` messages are watch events in resourceVersion order, already filtered by the selectors.
 *     With resourceVersion "" or "0" the stream begins with a synthetic ADDED for every current object.
 *   - `heartbeat` messages come every `heartbeatMs` and carry the apiserver's latest resourceVersion
 *     (a bookmark: it is safe to resume from it), so a client knows the stream is alive.
 *   - an `end` message closes the stream (apiserver shutdown, or a 410 Expired when the resourceVersion
 *     was too old); the client re-watches (or, on 410, re-lists).
 *   The client publishes to `${control}.keepalive` at least every `keepaliveMs`; a watch not kept alive
 *   for 3 × keepaliveMs is dropped by the apiserver. `${control}.cancel` stops it at once.
 *
 * Why per-watch inboxes with sequence numbers: NATS core delivery is at-most-once, so a client must be
 * able to see that it missed a message (a gap in `seq`) or that its apiserver died (no heartbeat), and
 * then resume from its last resourceVersion. The apiserver's watch history makes that resume exact:
 * no event is lost and none is delivered twice.
 */
import type { Status, WatchEvent } from '../api/types.js';

export interface WatchStartRequest {
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** "" or "0": start with the current state; otherwise only changes after this version. */
  resourceVersion?: string;
  deliverTo: string;
  user: string;
}

export type WatchStartReply =
  | { ok: true; control: string; heartbeatMs: number; keepaliveMs: number }
  | { ok: false; status: Status };

export type WatchMessage =
  | { seq: number; event: WatchEvent }
  | { seq: number; heartbeat: { resourceVersion: string } }
  | { seq: number; end: Status };
