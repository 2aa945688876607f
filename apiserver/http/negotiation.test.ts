import { describe, expect, it } from 'vitest';
import { wantsTable } from './negotiation.js';

const KUBECTL_GET = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

describe('wantsTable', () => {
  it.each([
    [KUBECTL_GET, undefined, { includeObject: 'Metadata' }],
    [KUBECTL_GET, 'Object', { includeObject: 'Object' }],
    [KUBECTL_GET, 'None', { includeObject: 'None' }],
    ['application/json', undefined, undefined],
    ['application/vnd.kubernetes.protobuf,application/json', undefined, undefined],
    ['application/json, */*', undefined, undefined],
    [undefined, undefined, undefined],
    ['application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io', undefined, undefined],
  ])('%s (includeObject=%s)', (accept, inc, expected) => {
    expect(wantsTable(accept, inc)).toEqual(expected);
  });
});
