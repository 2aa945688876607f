/**
 * The apiserver's one request/response shape. Both doors (the HTTP REST API and the internal NATS API)
 * turn what arrives into an ApiRequest and hand it to the same handler, so a write from kubectl and a
 * write from the scheduler take exactly the same path through decoding, validation and storage.
 *
 * Bodies stay raw text with their content type until the handler decodes them, so that malformed input
 * gets the same Status through either door.
 */

export type ApiVerb =
  | 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export interface ApiRequest {
  verb: ApiVerb;
  group: string; // '' for core
  version: string;
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  /** Query parameters as sent: `fieldSelector`, `labelSelector`, `resourceVersion`, `dryRun`, ... */
  query: Record<string, string | undefined>;
  /** Raw request body (JSON, YAML, or a patch document). */
  body?: string;
  contentType?: string;
  /** Who is asking: a user from the token file, or a component's NATS user. */
  user: string;
}

export interface ApiResponse {
  code: number;
  body: unknown;
  /** Warnings for the client (HTTP: `Warning: 299 - "..."` headers), e.g. unknown fields under fieldValidation=Warn. */
  warnings?: string[];
}
