/**
 * The REST door for resources: turns an HTTP request into an ApiRequest, runs it through the registry
 * (the same one the NATS door uses), and writes the answer as JSON, a Table, or a watch stream.
 */
import type { Request, Response } from 'express';
import type { ApiRequest } from '../../lib/api/request.js';
import { findResource } from '../../lib/api/resources.js';
import type { KubeList, KubeObject } from '../../lib/api/types.js';
import { RouteNotFoundError } from '../../lib/errors.js';
import type { Registry } from '../registry/registry.js';
import { isProtobufMediaType } from '../decoding/index.js';
import { TABLE_CONTENT_TYPE, wantsTable } from './negotiation.js';
import { parseRequestInfo } from './request-info.js';
import { sendError, sendJson, setWarnings } from './respond.js';
import { renderTable } from './tables.js';
import { serveWatch, type WatchStreamOptions } from './watch-stream.js';

export type StreamHandler = (req: Request, res: Response, apiReq: ApiRequest) => Promise<void>;

export interface ResourceRouteDeps {
  registry: Registry;
  watch: WatchStreamOptions;
  /** Streaming subresources (log, exec, attach) handled outside the registry: "pods/log" → handler. */
  streams: Record<string, StreamHandler>;
}

export function flatQuery(q: Request['query']): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(q)) out[k] = Array.isArray(v) ? String(v[0]) : v === undefined ? undefined : String(v);
  return out;
}

export function toApiRequest(req: Request, user: string): ApiRequest | undefined {
  const query = flatQuery(req.query);
  const info = parseRequestInfo(req.method, req.path, query);
  if (!info) return undefined;
  // Protobuf bodies are binary: keep one character per byte so the decoder gets the bytes back.
  const encoding = isProtobufMediaType(req.headers['content-type']) ? 'latin1' : 'utf8';
  const body = Buffer.isBuffer(req.body) && req.body.length ? req.body.toString(encoding) : undefined;
  return { ...info, query, body, contentType: req.headers['content-type'], user };
}

/** Handles one resource request; returns the HTTP code written, for the request log. */
export async function handleResource(req: Request, res: Response, apiReq: ApiRequest, deps: ResourceRouteDeps): Promise<number> {
  try {
    const stream = apiReq.subresource && deps.streams[`${apiReq.resource}/${apiReq.subresource}`];
    if (stream) {
      await stream(req, res, apiReq);
      return res.statusCode;
    }
    const table = wantsTable(req.headers.accept, apiReq.query.includeObject);
    if (apiReq.verb === 'watch') {
      await serveWatch(req, res, apiReq, deps.registry, table, deps.watch);
      return res.statusCode;
    }
    const answer = await deps.registry.handle(apiReq);
    setWarnings(res, answer.warnings);
    const info = findResource(apiReq.group, apiReq.version, apiReq.resource);
    if (!info) throw new RouteNotFoundError();
    if (table && answer.code < 300 && (apiReq.verb === 'get' || apiReq.verb === 'list') && !apiReq.subresource) {
      const body = answer.body as KubeObject | KubeList;
      const items = apiReq.verb === 'list' ? (body as KubeList).items : [body as KubeObject];
      const rv = apiReq.verb === 'list' ? (body as KubeList).metadata.resourceVersion : undefined;
      sendJson(res, answer.code, renderTable(info, items, table, { resourceVersion: rv }), TABLE_CONTENT_TYPE);
    } else {
      sendJson(res, answer.code, answer.body);
    }
    return answer.code;
  } catch (err) {
    return sendError(res, err);
  }
}
