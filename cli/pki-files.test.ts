import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clusterPaths, type ClusterPaths } from './cluster-paths.js';
import { ensurePki } from './pki-files.js';
import { apiserverSANs } from './pki.js';

const sans = (range = '127.97.0.0/16') => apiserverSANs({ addresses: ['127.0.0.1'], serviceClusterIPRange: range });
const mode = (p: string) => statSync(p).mode & 0o777;
const read = (p: string) => readFileSync(p, 'utf8');

describe('ensurePki', () => {
  let paths: ClusterPaths;
  beforeEach(() => {
    paths = clusterPaths(mkdtempSync(join(tmpdir(), 'kubelab-pki-')));
  });
  afterEach(() => rmSync(paths.dir, { recursive: true, force: true }));

  it('creates the CA and the serving pair, keys 0600, and returns the CA', async () => {
    const r = await ensurePki(paths, { sans: sans(), keyMode: 0o600, dirMode: 0o700 });
    expect(r.issued).toEqual([
      { path: paths.caCert, reason: 'new' },
      { path: paths.apiserverCert, reason: 'new' },
    ]);
    expect(r.caCert).toBe(read(paths.caCert));
    expect([mode(paths.caKey), mode(paths.apiserverKey), mode(paths.caCert), mode(paths.pkiDir)]).toEqual([0o600, 0o600, 0o644, 0o700]);
    expect(new X509Certificate(read(paths.apiserverCert)).checkPrivateKey(createPrivateKey(read(paths.apiserverKey)))).toBe(true);
    expect(new X509Certificate(read(paths.apiserverCert)).verify(new X509Certificate(r.caCert).publicKey)).toBe(true);
  });

  it('reuses everything on the next run, byte for byte', async () => {
    await ensurePki(paths, { sans: sans(), keyMode: 0o600, dirMode: 0o700 });
    const before = [paths.caCert, paths.caKey, paths.apiserverCert, paths.apiserverKey].map(read);
    const again = await ensurePki(paths, { sans: sans(), keyMode: 0o600, dirMode: 0o700 });
    expect(again.issued).toEqual([]);
    expect([paths.caCert, paths.caKey, paths.apiserverCert, paths.apiserverKey].map(read)).toEqual(before);
  });

  it('reissues only the serving certificate when the addresses change, keeping the CA', async () => {
    await ensurePki(paths, { sans: sans(), keyMode: 0o600, dirMode: 0o700 });
    const ca = read(paths.caCert);
    const again = await ensurePki(paths, { sans: sans('127.98.0.0/16'), keyMode: 0o600, dirMode: 0o700 });
    expect(again.issued).toEqual([{ path: paths.apiserverCert, reason: 'apiserver.crt does not name IP:127.98.0.1' }]);
    expect(read(paths.caCert)).toBe(ca);
    expect(new X509Certificate(read(paths.apiserverCert)).checkIP('127.98.0.1')).toBe('127.98.0.1');
  });

  it('replaces a CA whose key is gone, and then the serving certificate it no longer signs', async () => {
    await ensurePki(paths, { sans: sans(), keyMode: 0o600, dirMode: 0o700 });
    const oldCA = read(paths.caCert);
    unlinkSync(paths.caKey);
    const again = await ensurePki(paths, { sans: sans(), keyMode: 0o600, dirMode: 0o700 });
    expect(again.issued).toEqual([
      { path: paths.caCert, reason: 'ca.key is missing' },
      { path: paths.apiserverCert, reason: 'apiserver.crt is not signed by the current ca.crt' },
    ]);
    expect(read(paths.caCert)).not.toBe(oldCA);
  });

  it('makes keys and the directory world-readable for compose, also when they already existed', async () => {
    await ensurePki(paths, { sans: sans(), keyMode: 0o600, dirMode: 0o700 });
    await ensurePki(paths, { sans: sans(), keyMode: 0o644, dirMode: 0o755 });
    expect([mode(paths.caKey), mode(paths.apiserverKey), mode(paths.pkiDir)]).toEqual([0o644, 0o644, 0o755]);
  });
});
