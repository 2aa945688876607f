/**
 * Kubernetes protobuf request bodies: what kubectl's typed clients send for `create namespace`,
 * `create deployment` and the like. decode-object.ts calls decodeProtobufBody for bodies whose
 * Content-Type isProtobufMediaType; encodeProtobufBody writes such bodies (tests, tools).
 */
export { decodeProtobufBody, isProtobufMediaType, PROTOBUF_MAGIC, PROTOBUF_MEDIA_TYPE, summarizeBytes } from './decode-protobuf.js';
export { encodeProtobufBody } from './encode-body.js';
export type { EncodeOptions } from './encode-body.js';
