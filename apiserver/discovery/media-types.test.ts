import { describe, expect, it } from 'vitest';
import { aggregatedContentType, negotiateDiscovery, parseAccept } from './media-types.js';

const V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
const V2BETA1 = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList';
/** Exactly what kubectl 1.32 sends for GET /api and GET /apis. */
const KUBECTL_ACCEPT = `${V2},${V2BETA1},application/json`;

describe('negotiateDiscovery', () => {
  it.each([
    ['kubectl 1.32', KUBECTL_ACCEPT, 'aggregated', V2],
    ['v2beta1 only (older clients)', V2BETA1, 'aggregated', V2BETA1],
    ['v2beta1 preferred by order', `${V2BETA1},${V2}`, 'aggregated', V2BETA1],
    ['plain json', 'application/json', 'legacy', 'application/json'],
    ['client-go default', 'application/json, */*', 'legacy', 'application/json'],
    ['anything', '*/*', 'legacy', 'application/json'],
    ['no header', undefined, 'legacy', 'application/json'],
    ['empty header', '', 'legacy', 'application/json'],
    ['spaces around parameters', 'application/json; g=apidiscovery.k8s.io; v=v2; as=APIGroupDiscoveryList', 'aggregated', V2],
    ['upper-case media type', 'Application/JSON;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList', 'aggregated', V2],
    ['higher q wins over order', `application/json;q=0.5,${V2}`, 'aggregated', V2],
    ['lower q loses', `${V2};q=0.1,application/json`, 'legacy', 'application/json'],
    ['q=0 means never', `${V2};q=0,application/json`, 'legacy', 'application/json'],
    ['an unknown version falls through', 'application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList,application/json', 'legacy', 'application/json'],
    ['protobuf first, json next', 'application/vnd.kubernetes.protobuf,application/json', 'legacy', 'application/json'],
    ['aggregated protobuf is skipped', `application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,${V2}`, 'aggregated', V2],
  ])('%s', (_name, accept, kind, contentType) => {
    const f = negotiateDiscovery(accept);
    expect(f.kind).toBe(kind);
    expect(f.kind !== 'notAcceptable' && f.contentType).toBe(contentType);
  });

  it.each([
    ['protobuf only', 'application/vnd.kubernetes.protobuf'],
    ['only an unserved profile', 'application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList'],
    ['yaml', 'application/yaml'],
    ['everything refused', 'application/json;q=0'],
  ])('%s is not acceptable', (_name, accept) => {
    expect(negotiateDiscovery(accept)).toEqual({ kind: 'notAcceptable' });
  });

  it('reports the version of an aggregated answer', () => {
    expect(negotiateDiscovery(KUBECTL_ACCEPT)).toEqual({ kind: 'aggregated', version: 'v2', contentType: V2 });
  });
});

describe('aggregatedContentType', () => {
  it('is the exact string client-go compares against', () => {
    expect(aggregatedContentType('v2')).toBe(V2);
    expect(aggregatedContentType('v2beta1')).toBe(V2BETA1);
  });
});

describe('parseAccept', () => {
  it('keeps parameters, drops q, sorts by weight stably', () => {
    expect(parseAccept('a/b;q=0.2, c/d;x="y", e/f;q=0.2, g/h;q=1')).toEqual([
      { type: 'c/d', params: { x: 'y' }, q: 1 },
      { type: 'g/h', params: {}, q: 1 },
      { type: 'a/b', params: {}, q: 0.2 },
      { type: 'e/f', params: {}, q: 0.2 },
    ]);
  });
});
