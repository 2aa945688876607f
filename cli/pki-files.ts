/**
 * DIR/pki on disk: `ensurePki` makes sure the CA and the apiserver's serving certificate exist and are
 * fit for the addresses the cluster uses now, creating or replacing only what is not. Thin I/O around
 * the pure pki.ts; used by `up` (local mode) and `init-config` (compose).
 *
 * Invariants:
 *   - An existing CA is kept as long as it is usable, so a kubeconfig copied out earlier still trusts the
 *     cluster after the next `up`. A new CA forces a new serving certificate (the old one fails the check).
 *   - The serving certificate is replaced only when it lacks a wanted SAN, belongs to another CA or key,
 *     or nears expiry; the reason is returned so the caller can say why.
 *   - A key is written before its certificate, each atomically: a crash in between leaves a pair that
 *     fails the key check and is reissued next time, never a certificate without its key.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ClusterPaths } from './cluster-paths.js';
import { writeFileAtomic } from './cluster-store.js';
import {
  caProblem,
  generateKeyPair,
  importSigningKey,
  newCACert,
  newServingCert,
  privateKeyToPem,
  servingCertProblem,
  type KeyPairPem,
  type SubjectAltNames,
} from './pki.js';

export interface EnsurePkiOptions {
  sans: SubjectAltNames;
  /** 0o600 normally; 0o644 for compose, where the apiserver container runs as another uid. */
  keyMode: number;
  dirMode: number;
  now?: Date;
}

export interface IssuedFile {
  path: string;
  /** Why it was (re)written: 'new' for a first issue, else what was wrong with the old one. */
  reason: string;
}

export interface PkiResult {
  /** ca.crt as PEM, for the kubeconfig's certificate-authority-data. */
  caCert: string;
  issued: IssuedFile[];
}

const CERT_MODE = 0o644; // certificates are public

export async function ensurePki(paths: ClusterPaths, opts: EnsurePkiOptions): Promise<PkiResult> {
  const now = opts.now ?? new Date();
  mkdirSync(paths.pkiDir, { recursive: true, mode: opts.dirMode });
  chmodSync(paths.pkiDir, opts.dirMode);
  const issued: IssuedFile[] = [];

  const found = readPair(paths.caCert, paths.caKey);
  let ca = typeof found === 'string' ? undefined : found;
  const caReason = typeof found === 'string' ? found : caProblem(found, now);
  if (caReason !== undefined) {
    const keys = await generateKeyPair();
    ca = { key: await privateKeyToPem(keys.privateKey), cert: await newCACert(keys, { now, serialNumber: serial() }) };
    writePair(paths.caCert, paths.caKey, ca, opts.keyMode);
    issued.push({ path: paths.caCert, reason: caReason });
  }

  const serving = readPair(paths.apiserverCert, paths.apiserverKey);
  const servingReason = typeof serving === 'string' ? serving : servingCertProblem({ serving, caCert: ca!.cert, sans: opts.sans, now });
  if (servingReason !== undefined) {
    const keys = await generateKeyPair();
    const caKey = await importSigningKey(ca!.key);
    const cert = await newServingCert({ ca: { cert: ca!.cert, key: caKey }, publicKey: keys.publicKey, sans: opts.sans, now, serialNumber: serial() });
    writePair(paths.apiserverCert, paths.apiserverKey, { cert, key: await privateKeyToPem(keys.privateKey) }, opts.keyMode);
    issued.push({ path: paths.apiserverCert, reason: servingReason });
  }

  // A kept key may have been written under another mode (e.g. before --world-readable was given).
  for (const key of [paths.caKey, paths.apiserverKey]) chmodSync(key, opts.keyMode);
  return { caCert: ca!.cert, issued };
}

/** Both files, or why not: 'new' when neither exists; a lone file is as good as none. */
function readPair(certPath: string, keyPath: string): KeyPairPem | string {
  const cert = readOptional(certPath);
  const key = readOptional(keyPath);
  if (cert !== undefined && key !== undefined) return { cert, key };
  if (cert === undefined && key === undefined) return 'new';
  return `${basename(cert === undefined ? certPath : keyPath)} is missing`;
}

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function writePair(certPath: string, keyPath: string, pair: KeyPairPem, keyMode: number): void {
  writeFileAtomic(keyPath, pair.key, keyMode);
  writeFileAtomic(certPath, pair.cert, CERT_MODE);
}

function serial(): string {
  return randomBytes(16).toString('hex');
}
