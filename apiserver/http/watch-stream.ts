/**
 * The HTTP side of a watch: a chunked response of newline-separated watch events, headers flushed at
 * once (client-go waits for them), kept open until the client goes away or `timeoutSeconds` passes.
 * An expired resourceVersion is answered the way kube-apiserver does: 200, one ERROR event carrying a
 * 410 Status, then the end of the stream. Table watches carry a one-row Table per event, with the
 * column definitions only in the first.
 */
import type { Request, Response } from 'express';
import type { ApiRequest } from '../../lib/api/request.js';
import { findResource } from '../../lib/api/resources.js';
import type { KubeObject, WatchEvent } from '../../lib/api/types.js';
import { GoneError } from '../../lib/errors.js';
import type { Registry } from '../registry/registry.js';
import { TABLE_CONTENT_TYPE, type TableRequest } from './negotiation.js';
import { sendError } from './respond.js';
import { renderTable } from './tables.js';

export interface WatchStreamOptions {
  bookmarkIntervalMs: number;
  /** Server-side cap on a watch's life when the client gives no timeoutSeconds (kube: 30-60 min). */
  minRequestTimeoutSeconds: number;
  latestResourceVersion: () => number;
}

export async function serveWatch(
  req: Request, res: Response, apiReq: ApiRequest, registry: Registry, table: TableRequest | undefined, opts: WatchStreamOptions,
): Promise<void> {
  const info = findResource(apiReq.group, apiReq.version, apiReq.resource)!;
  let first = true;
  const write = (event: WatchEvent) => {
    if (table && event.type !== 'ERROR' && event.type !== 'BOOKMARK') {
      event = { type: event.type, object: renderTable(info, [event.object as KubeObject], table, { noHeaders: !first }) as never };
      first = false;
    }
    res.write(JSON.stringify(event) + '\n');
  };
  let lastRv = 0;
  const begin = () => {
    res.status(200).setHeader('Content-Type', table ? TABLE_CONTENT_TYPE : 'application/json');
    res.setHeader('Cache-Control', 'no-cache, private');
    res.flushHeaders();
  };
  let watch;
  try {
    // Headers go out only once the watch is established, so a bad selector still gets a plain error.
    const pending: [WatchEvent, number][] = [];
    let started = false;
    watch = await registry.watch(apiReq, (event, rv) => {
      lastRv = rv;
      if (started) write(event);
      else pending.push([event, rv]);
    });
    begin();
    started = true;
    for (const [event] of pending) write(event);
  } catch (err) {
    if (!(err instanceof GoneError)) {
      sendError(res, err);
      return;
    }
    begin();
    res.end(JSON.stringify({ type: 'ERROR', object: err.toStatus() }) + '\n');
    return;
  }
  const timers: NodeJS.Timeout[] = [];
  const stop = () => {
    watch.stop();
    timers.forEach(clearInterval);
  };
  if (apiReq.query.allowWatchBookmarks === 'true') {
    timers.push(setInterval(() => {
      const latest = opts.latestResourceVersion();
      if (latest <= lastRv) return;
      lastRv = latest;
      write({ type: 'BOOKMARK', object: { kind: info.kind, apiVersion: info.group ? `${info.group}/${info.version}` : info.version, metadata: { resourceVersion: String(latest) } } as KubeObject });
    }, opts.bookmarkIntervalMs));
  }
  const timeout = Number(apiReq.query.timeoutSeconds) || opts.minRequestTimeoutSeconds * (1 + Math.random());
  timers.push(setTimeout(() => { stop(); res.end(); }, timeout * 1000));
  // Node fires req 'close' as soon as the body is read; the response's 'close' is the disconnect.
  res.on('close', stop);
  void req;
}
