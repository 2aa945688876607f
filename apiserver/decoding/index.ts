/**
 * Request-body decoding for the apiserver: what a body says, checked the way kube-apiserver checks it.
 * See decode-object.ts for the order of checks and delete-options.ts for DELETE bodies.
 */
export { decodeObject, decodeSubresourceBody, fieldValidationDirective } from './decode-object.js';
export type { DecodeOptions, DecodedObject, FieldValidation } from './decode-object.js';
export { decodeDeleteOptions } from './delete-options.js';
export type { DeleteOptions, DeletionPropagation } from './delete-options.js';
export { UnsupportedBodyMediaTypeError, UnclassifiedServerError, ACCEPTED_BODY_MEDIA_TYPES } from './decode-errors.js';
export { parseQuantity, formatQuantity, cmpQuantity, roundUpQuantity, addQuantity } from './quantity.js';
export type { Quantity } from './quantity.js';
export { isProtobufMediaType } from './protobuf/index.js';
