import { describe, expect, it } from 'vitest';
import { clusterKubeconfig, currentCredentials, mergeKubeconfig, removeFromKubeconfig, userKubeconfigPath } from './kubeconfig.js';

const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const CA_DATA = Buffer.from(CA).toString('base64');
const ours = clusterKubeconfig('kubelab', 'https://127.0.0.1:6443', 'tok', CA);

const theirs = {
  apiVersion: 'v1',
  kind: 'Config',
  clusters: [{ name: 'prod', cluster: { server: 'https://prod' } }],
  contexts: [{ name: 'prod', context: { cluster: 'prod', user: 'admin' } }],
  users: [{ name: 'admin', user: { token: 'secret' } }],
  'current-context': 'prod',
  preferences: { colors: true },
};

describe('clusterKubeconfig', () => {
  it('names cluster, context and user alike, trusts the CA, and makes the context current', () => {
    expect(ours.clusters).toEqual([{ name: 'kubelab', cluster: { server: 'https://127.0.0.1:6443', 'certificate-authority-data': CA_DATA } }]);
    expect(ours.contexts).toEqual([{ name: 'kubelab', context: { cluster: 'kubelab', user: 'kubelab' } }]);
    expect(ours.users).toEqual([{ name: 'kubelab', user: { token: 'tok' } }]);
    expect(ours['current-context']).toBe('kubelab');
    expect(currentCredentials(ours)).toEqual({ server: 'https://127.0.0.1:6443', token: 'tok', ca: CA });
  });
});

describe('mergeKubeconfig', () => {
  it.each([undefined, null, '', []])('creates a whole config from nothing (%j)', (empty) => {
    const m = mergeKubeconfig(empty, ours);
    expect(m).toMatchObject({ apiVersion: 'v1', kind: 'Config', 'current-context': 'kubelab' });
    expect(m.clusters).toEqual(ours.clusters);
  });

  it('adds its entries beside the user’s and switches the current context', () => {
    const m = mergeKubeconfig(theirs, ours);
    expect(m.clusters.map((c) => c.name)).toEqual(['prod', 'kubelab']);
    expect(m.users.map((c) => c.name)).toEqual(['admin', 'kubelab']);
    expect(m['current-context']).toBe('kubelab');
    expect(m.preferences).toEqual({ colors: true });
    expect(theirs.clusters).toHaveLength(1); // input untouched
  });

  it('replaces an entry of the same name in place (a new port or token after up)', () => {
    const first = mergeKubeconfig(theirs, ours);
    const again = mergeKubeconfig(first, clusterKubeconfig('kubelab', 'https://127.0.0.1:7000', 'tok2', CA));
    expect(again.clusters).toEqual([theirs.clusters[0], { name: 'kubelab', cluster: { server: 'https://127.0.0.1:7000', 'certificate-authority-data': CA_DATA } }]);
    expect(again.users[1]).toEqual({ name: 'kubelab', user: { token: 'tok2' } });
  });
});

describe('removeFromKubeconfig', () => {
  it('takes out exactly what the merge put in and clears the current context', () => {
    const back = removeFromKubeconfig(mergeKubeconfig(theirs, ours), 'kubelab', 'https://127.0.0.1:6443');
    expect(back.clusters).toEqual(theirs.clusters);
    expect(back.contexts).toEqual(theirs.contexts);
    expect(back.users).toEqual(theirs.users);
    expect(back['current-context']).toBe('');
  });

  it('leaves the entries alone when the name now points at another server', () => {
    const merged = mergeKubeconfig(theirs, ours);
    expect(removeFromKubeconfig(merged, 'kubelab', 'https://127.0.0.1:9999')).toEqual(merged);
  });

  it('keeps the current context when it is another one', () => {
    const merged = { ...mergeKubeconfig(theirs, ours), 'current-context': 'prod' };
    expect(removeFromKubeconfig(merged, 'kubelab', 'https://127.0.0.1:6443')['current-context']).toBe('prod');
  });
});

describe('userKubeconfigPath', () => {
  it.each([
    [undefined, '/home/u/.kube/config'],
    ['', '/home/u/.kube/config'],
    ['/a/one', '/a/one'],
    ['/a/one:/b/two', '/a/one'],
    [':/b/two', '/b/two'],
  ])('KUBECONFIG=%j writes %s', (env, want) => {
    expect(userKubeconfigPath(env, '/home/u')).toBe(want);
  });
});

describe('currentCredentials', () => {
  it('reads the current context of any kubeconfig, with no CA when the cluster has none', () => {
    expect(currentCredentials(theirs)).toEqual({ server: 'https://prod', token: 'secret' });
  });

  it('fails clearly when the current context does not resolve', () => {
    expect(() => currentCredentials({ ...theirs, 'current-context': 'missing' })).toThrow(/no server and token/);
  });
});
