import { describe, expect, it } from 'vitest';
import { findResource } from '../../lib/api/resources.js';
import type { KubeObject } from '../../lib/api/types.js';
import type { ChangeEvent } from '../storage/event-feed.js';
import { parseResourceVersion, toWatchEvent, type WatchRequest } from './watch-hub.js';

const PODS = findResource('', 'v1', 'pods')!;
const pod = (name: string, labels: Record<string, string>, ns = 'default'): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns, labels } });
const helloOnly: WatchRequest = { info: PODS, namespace: 'default', matches: (o) => o.metadata.labels?.app === 'hello' };

function change(type: ChangeEvent['type'], object: KubeObject, prev?: KubeObject): ChangeEvent {
  return { rv: 10, type, resource: '/pods', object, prev };
}

describe('toWatchEvent', () => {
  it.each([
    ['ADDED matching', change('ADDED', pod('a', { app: 'hello' })), 'ADDED'],
    ['ADDED not matching', change('ADDED', pod('a', { app: 'other' })), undefined],
    ['MODIFIED still matching', change('MODIFIED', pod('a', { app: 'hello' }), pod('a', { app: 'hello' })), 'MODIFIED'],
    ['MODIFIED into the selector', change('MODIFIED', pod('a', { app: 'hello' }), pod('a', {})), 'ADDED'],
    ['MODIFIED out of the selector', change('MODIFIED', pod('a', {}), pod('a', { app: 'hello' })), 'DELETED'],
    ['MODIFIED never matching', change('MODIFIED', pod('a', {}), pod('a', {})), undefined],
    ['DELETED matching', change('DELETED', pod('a', { app: 'hello' })), 'DELETED'],
    ['other namespace', change('ADDED', pod('a', { app: 'hello' }, 'kube-system')), undefined],
  ])('%s', (_name, e, expected) => {
    expect(toWatchEvent(e, helloOnly)?.type).toBe(expected);
  });
  it('ignores other resources', () => {
    expect(toWatchEvent({ ...change('ADDED', pod('a', { app: 'hello' })), resource: 'apps/deployments' }, helloOnly)).toBeUndefined();
  });
  it('validates resource versions', () => {
    expect(parseResourceVersion('42')).toBe(42);
    expect(() => parseResourceVersion('abc')).toThrow(/invalid resource version/);
  });
});
