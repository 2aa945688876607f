/**
 * Requests to the apiserver that kubectl would never send: node's https, trusting only the cluster CA
 * and sending the cluster's bearer token, with any method, Content-Type and body.
 *
 *   const res = await apiRequest(cluster, 'POST', '/api/v1/namespaces/x/pods', { body: '{', contentType: 'application/json' });
 *   res.status → 400;  res.json() → the metav1.Status
 *
 * Nothing here interprets the answer: the tests compare it with what kube-apiserver sends.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { request } from 'node:https';
import type { Cluster } from '../harness/cluster.js';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  json(): unknown;
}

export interface RawRequestOptions {
  body?: string | Buffer;
  contentType?: string;
  /** Send the cluster's bearer token (default true). */
  token?: boolean;
}

export function apiRequest(
  cluster: Pick<Cluster, 'server' | 'token' | 'ca'>, method: string, path: string, opts: RawRequestOptions = {},
): Promise<RawResponse> {
  const headers: Record<string, string | number> = { accept: 'application/json' };
  if (opts.token !== false) headers.authorization = `Bearer ${cluster.token}`;
  if (opts.contentType !== undefined) headers['content-type'] = opts.contentType;
  if (opts.body !== undefined) headers['content-length'] = Buffer.byteLength(opts.body);
  return new Promise((resolve, reject) => {
    const req = request(`${cluster.server}${path}`, { method, ca: cluster.ca, headers, agent: false, timeout: 30_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) as unknown }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timed out`)));
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** The metav1.Status kube-apiserver sends for a failure (kind, apiVersion, metadata and status filled in). */
export function failure(code: number, reason: string, message: string, details?: Record<string, unknown>): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code, ...(details ? { details } : {}) };
}
