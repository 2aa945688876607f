/**
 * The cluster's small PKI, as certificates built from inputs: a self-signed CA ("kubelab-ca", 10 years)
 * and the apiserver's serving certificate it signs (1 year, serverAuth), both ECDSA P-256 with SHA-256.
 * No file or clock access: keys, `now` and serial numbers are parameters; pki-files.ts does the I/O.
 *
 * Why HTTPS at all: kubectl (client-go) sends a bearer token only over TLS, so the token auth of
 * tokens.csv works only once the apiserver serves HTTPS, as every real cluster does.
 *
 * The serving certificate names every address a client may dial (its SANs), as kubeadm's does:
 *   DNS  kubernetes, kubernetes.default, kubernetes.default.svc, kubernetes.default.svc.cluster.local,
 *        localhost, apiserver (the compose service name)
 *   IP   127.0.0.1, the apiserver's bind/advertise address, and the first address of the service
 *        range (the `kubernetes` Service's ClusterIP: 10.96.0.1 for 10.96.0.0/12).
 * A client that dials any other name rejects the certificate, which is why `up` reissues it when the
 * addresses change (servingCertProblem says when).
 */
import 'reflect-metadata'; // tsyringe, under @peculiar/x509, needs the Reflect metadata API
import { X509Certificate as NodeX509Certificate, createPrivateKey, type webcrypto } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import {
  AuthorityKeyIdentifierExtension,
  BasicConstraintsExtension,
  ExtendedKeyUsage,
  ExtendedKeyUsageExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  PemConverter,
  SubjectAlternativeNameExtension,
  SubjectKeyIdentifierExtension,
  X509Certificate,
  X509CertificateGenerator,
} from '@peculiar/x509';

type Crypto = webcrypto.Crypto;
type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

export const CA_COMMON_NAME = 'kubelab-ca';
export const APISERVER_COMMON_NAME = 'kube-apiserver';
export const CA_VALIDITY_DAYS = 3650;
export const SERVING_VALIDITY_DAYS = 365;
/** A certificate this close to expiry is replaced on `up` rather than left to fail in the middle of a lab. */
export const RENEW_BEFORE_DAYS = 30;
/** notBefore is set this far back so a client whose clock lags a little (a container, a VM) still accepts it. */
const BACKDATE_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;

export const APISERVER_DNS_NAMES: readonly string[] = [
  'kubernetes',
  'kubernetes.default',
  'kubernetes.default.svc',
  'kubernetes.default.svc.cluster.local',
  'localhost',
  'apiserver',
];

export interface SubjectAltNames {
  dns: string[];
  ips: string[];
}

/** The kubernetes Service's ClusterIP: the range's network address plus one (10.96.0.0/12 → 10.96.0.1). */
export function firstServiceIP(cidr: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  const octets = m ? m.slice(1, 5).map(Number) : [];
  const bits = m ? Number(m[5]) : NaN;
  if (!m || octets.some((o) => o > 255) || !(bits >= 0 && bits <= 30)) {
    throw new RangeError(`service cluster IP range must be an IPv4 CIDR with room for addresses, got ${JSON.stringify(cidr)}`);
  }
  const ip = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - bits);
  const first = Math.floor(ip / size) * size + 1;
  return [24, 16, 8, 0].map((shift) => Math.floor(first / 2 ** shift) % 256).join('.');
}

export interface ApiserverSANsInput {
  /** Addresses the apiserver binds or advertises; unspecified ones (0.0.0.0, ::) are no name and are skipped. */
  addresses: string[];
  serviceClusterIPRange: string;
  /** More names or IPs, as kubeadm's --apiserver-cert-extra-sans. */
  extra?: string[];
}

export function apiserverSANs(input: ApiserverSANsInput): SubjectAltNames {
  const extra = input.extra ?? [];
  const unspecified = new Set(['0.0.0.0', '::']);
  const addresses = input.addresses.filter((a) => !unspecified.has(a));
  const notIPv4 = [...addresses.filter((a) => !isIPv4(a)), ...extra.filter(isIPv6)][0];
  if (notIPv4 !== undefined) throw new RangeError(`only IPv4 addresses are supported in the serving certificate, got ${JSON.stringify(notIPv4)}`);
  const ips = ['127.0.0.1', ...addresses, firstServiceIP(input.serviceClusterIPRange)];
  return {
    dns: unique([...APISERVER_DNS_NAMES, ...extra.filter((e) => !isIPv4(e)).map((e) => e.toLowerCase())]),
    ips: unique([...ips, ...extra.filter(isIPv4)]),
  };
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

export interface CertTimes {
  now: Date;
  /** Hex; a random one per certificate, so a client never confuses a reissued certificate with the old one. */
  serialNumber: string;
}

/** A self-signed CA certificate (PEM) for the key pair. */
export async function newCACert(keys: CryptoKeyPair, t: CertTimes, webcrypto: Crypto = globalThis.crypto): Promise<string> {
  const cert = await X509CertificateGenerator.createSelfSigned(
    {
      name: `CN=${CA_COMMON_NAME}`,
      keys,
      serialNumber: t.serialNumber,
      notBefore: new Date(t.now.getTime() - BACKDATE_MS),
      notAfter: new Date(t.now.getTime() + CA_VALIDITY_DAYS * DAY_MS),
      signingAlgorithm: SIGNING_ALGORITHM,
      extensions: [
        new BasicConstraintsExtension(true, 0, true),
        new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign | KeyUsageFlags.digitalSignature, true),
        await SubjectKeyIdentifierExtension.create(keys.publicKey, false, webcrypto),
      ],
    },
    webcrypto,
  );
  return cert.toString('pem') + '\n';
}

export interface ServingCertInput extends CertTimes {
  ca: { cert: string; key: CryptoKey };
  publicKey: CryptoKey;
  sans: SubjectAltNames;
}

/** The apiserver's serving certificate (PEM), signed by the CA; it never outlives the CA. */
export async function newServingCert(input: ServingCertInput, webcrypto: Crypto = globalThis.crypto): Promise<string> {
  const ca = new X509Certificate(input.ca.cert);
  const notAfter = Math.min(input.now.getTime() + SERVING_VALIDITY_DAYS * DAY_MS, ca.notAfter.getTime());
  const names = [...input.sans.dns.map((value) => ({ type: 'dns' as const, value })), ...input.sans.ips.map((value) => ({ type: 'ip' as const, value }))];
  const cert = await X509CertificateGenerator.create(
    {
      subject: `CN=${APISERVER_COMMON_NAME}`,
      // The CA's encoded name itself: clients match issuer and subject byte for byte.
      issuer: ca.subjectName,
      publicKey: input.publicKey,
      signingKey: input.ca.key,
      serialNumber: input.serialNumber,
      notBefore: new Date(input.now.getTime() - BACKDATE_MS),
      notAfter: new Date(notAfter),
      signingAlgorithm: SIGNING_ALGORITHM,
      extensions: [
        new BasicConstraintsExtension(false, undefined, true),
        // ECDSA keys sign the handshake; keyEncipherment is an RSA-only usage.
        new KeyUsagesExtension(KeyUsageFlags.digitalSignature, true),
        new ExtendedKeyUsageExtension([ExtendedKeyUsage.serverAuth]),
        new SubjectAlternativeNameExtension(names),
        await AuthorityKeyIdentifierExtension.create(ca, false, webcrypto),
      ],
    },
    webcrypto,
  );
  return cert.toString('pem') + '\n';
}

/** A fresh extractable key pair of KEY_ALGORITHM. */
export function generateKeyPair(webcrypto: Crypto = globalThis.crypto): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']);
}

/** PKCS#8 PEM ("BEGIN PRIVATE KEY"), which Node's TLS and kube's tools read alike. */
export async function privateKeyToPem(key: CryptoKey, webcrypto: Crypto = globalThis.crypto): Promise<string> {
  return PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY') + '\n';
}

/** Imports a PKCS#8 PEM key of KEY_ALGORITHM for signing (caProblem has checked its type). */
export function importSigningKey(pem: string, webcrypto: Crypto = globalThis.crypto): Promise<CryptoKey> {
  return webcrypto.subtle.importKey('pkcs8', PemConverter.decodeFirst(pem), KEY_ALGORITHM, false, ['sign']);
}

/** The DNS names and IP addresses a certificate was issued for. */
export function certSANs(pem: string): SubjectAltNames {
  const ext = new X509Certificate(pem).getExtension(SubjectAlternativeNameExtension);
  const items = ext?.names.items ?? [];
  return { dns: items.filter((n) => n.type === 'dns').map((n) => n.value), ips: items.filter((n) => n.type === 'ip').map((n) => n.value) };
}

/** Names in `want` that `have` lacks, as "DNS:x" / "IP:y". */
export function missingSANs(have: SubjectAltNames, want: SubjectAltNames): string[] {
  const dns = new Set(have.dns.map((d) => d.toLowerCase()));
  const ips = new Set(have.ips);
  return [...want.dns.filter((d) => !dns.has(d.toLowerCase())).map((d) => `DNS:${d}`), ...want.ips.filter((i) => !ips.has(i)).map((i) => `IP:${i}`)];
}

export interface KeyPairPem {
  cert: string;
  key: string;
}

/** Why an existing CA cannot be kept (undefined: keep it). */
export function caProblem(ca: KeyPairPem, now: Date): string | undefined {
  return parsed('ca', ca, (cert, nodeCert) => {
    if (cert.getExtension(BasicConstraintsExtension)?.ca !== true) return 'ca.crt is not a CA certificate';
    return keyProblem('ca', ca.key, nodeCert) ?? validityProblem('ca.crt', cert, now);
  });
}

export interface ServingCheck {
  serving: KeyPairPem;
  caCert: string;
  sans: SubjectAltNames;
  now: Date;
}

/** Why an existing serving certificate cannot be kept (undefined: keep it). */
export function servingCertProblem(c: ServingCheck): string | undefined {
  return parsed('apiserver', c.serving, (cert, nodeCert) => {
    const ca = new NodeX509Certificate(c.caCert);
    if (!nodeCert.checkIssued(ca) || !nodeCert.verify(ca.publicKey)) return 'apiserver.crt is not signed by the current ca.crt';
    const missing = missingSANs(certSANs(c.serving.cert), c.sans);
    if (missing.length) return `apiserver.crt does not name ${missing.join(', ')}`;
    return keyProblem('apiserver', c.serving.key, nodeCert) ?? validityProblem('apiserver.crt', cert, c.now);
  });
}

function parsed(name: string, pair: KeyPairPem, check: (cert: X509Certificate, nodeCert: NodeX509Certificate) => string | undefined): string | undefined {
  let cert: X509Certificate;
  let nodeCert: NodeX509Certificate;
  try {
    cert = new X509Certificate(pair.cert);
    nodeCert = new NodeX509Certificate(pair.cert);
  } catch (err) {
    return `${name}.crt is not a PEM certificate (${(err as Error).message})`;
  }
  return check(cert, nodeCert);
}

function keyProblem(name: string, keyPem: string, cert: NodeX509Certificate): string | undefined {
  try {
    const key = createPrivateKey(keyPem);
    if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') return `${name}.key is not an ECDSA P-256 key`;
    if (!cert.checkPrivateKey(key)) return `${name}.key does not belong to ${name}.crt`;
  } catch (err) {
    return `${name}.key is not a PEM private key (${(err as Error).message})`;
  }
  return undefined;
}

function validityProblem(file: string, cert: X509Certificate, at: Date): string | undefined {
  if (cert.notBefore.getTime() > at.getTime()) return `${file} is not valid before ${cert.notBefore.toISOString()}`;
  if (cert.notAfter.getTime() - at.getTime() < RENEW_BEFORE_DAYS * DAY_MS) return `${file} expires ${cert.notAfter.toISOString()}`;
  return undefined;
}
