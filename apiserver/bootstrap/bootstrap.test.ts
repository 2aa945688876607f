import { describe, expect, it } from 'vitest';
import { editSubsets, mirrorPodName } from './bootstrap.js';

describe('kubernetes Endpoints', () => {
  it('adds and removes apiservers, one subset per port', () => {
    let s = editSubsets([], '127.0.0.1', 6443, 'add');
    s = editSubsets(s, '127.0.0.2', 6443, 'add');
    s = editSubsets(s, '127.0.0.1', 7443, 'add');
    expect(s).toEqual([
      { addresses: [{ ip: '127.0.0.1' }, { ip: '127.0.0.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] },
      { addresses: [{ ip: '127.0.0.1' }], ports: [{ name: 'https', port: 7443, protocol: 'TCP' }] },
    ]);
    s = editSubsets(s, '127.0.0.1', 6443, 'remove');
    s = editSubsets(s, '127.0.0.1', 7443, 'remove');
    expect(s).toEqual([{ addresses: [{ ip: '127.0.0.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }]);
  });
  it('is idempotent when an apiserver restarts', () => {
    const once = editSubsets([], '127.0.0.1', 6443, 'add');
    expect(editSubsets(once, '127.0.0.1', 6443, 'add')).toEqual(once);
  });
  it('names mirror pods like kubeadm static pods', () => {
    expect(mirrorPodName('apiserver-1')).toBe('kube-apiserver-1');
    expect(mirrorPodName('cp')).toBe('kube-apiserver-cp');
  });
});
