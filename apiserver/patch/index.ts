/**
 * Patch application for the apiserver: the three patch types kubectl sends, and the dispatcher that
 * turns a PATCH request body into a patched object or the Status kube-apiserver would answer.
 * This file is the folder's public surface; everything else is an implementation detail.
 */
export { applyPatch, patchMediaType, SUPPORTED_PATCH_TYPES, STRATEGIC_MERGE_PATCH, MERGE_PATCH, JSON_PATCH } from './apply-patch.js';
export { strategicMergePatch } from './strategic-merge.js';
export { jsonMergePatch } from './json-merge-patch.js';
export { jsonPatch } from './json-patch.js';
export { patchMetaOf, PATCH_STRATEGIES, type PatchMeta } from './patch-strategies.js';
export { StrategicMergePatchError, UnprocessablePatchError, TooManyPatchOperationsError } from './patch-errors.js';
