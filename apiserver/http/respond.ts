/**
 * Writing answers: objects as JSON, errors as metav1.Status with the HTTP code equal to `code`,
 * warnings as `Warning: 299 - "..."` headers (kubectl prints them as "Warning: ...").
 */
import type { Response } from 'express';
import { toApiError } from '../../lib/errors.js';

export function sendJson(res: Response, code: number, body: unknown, contentType = 'application/json'): void {
  res.status(code).setHeader('Content-Type', contentType);
  res.end(JSON.stringify(body));
}

export function sendError(res: Response, err: unknown): number {
  const apiErr = toApiError(err);
  if (!res.headersSent) sendJson(res, apiErr.code, apiErr.toStatus());
  else res.end();
  return apiErr.code;
}

export function setWarnings(res: Response, warnings: string[] | undefined): void {
  if (!warnings?.length) return;
  res.setHeader('Warning', warnings.map((w) => `299 - ${JSON.stringify(w)}`));
}
