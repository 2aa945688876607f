import { X509Certificate as NodeX509Certificate, generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  apiserverSANs,
  caProblem,
  certSANs,
  firstServiceIP,
  generateKeyPair,
  importSigningKey,
  newCACert,
  newServingCert,
  privateKeyToPem,
  servingCertProblem,
  type KeyPairPem,
  type SubjectAltNames,
} from './pki.js';

const NOW = new Date('2026-03-01T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const localSANs = apiserverSANs({ addresses: ['127.0.0.1'], serviceClusterIPRange: '127.97.0.0/16' });

interface Issued {
  ca: KeyPairPem;
  serving: KeyPairPem;
}

async function issue(sans: SubjectAltNames = localSANs, now = NOW, ca?: KeyPairPem): Promise<Issued> {
  if (!ca) {
    const caKeys = await generateKeyPair();
    ca = { cert: await newCACert(caKeys, { now, serialNumber: '01' }), key: await privateKeyToPem(caKeys.privateKey) };
  }
  const keys = await generateKeyPair();
  // Signing with the key read back from its PEM proves the PEM round trip too.
  const cert = await newServingCert({ ca: { cert: ca.cert, key: await importSigningKey(ca.key) }, publicKey: keys.publicKey, sans, now, serialNumber: 'ff02' });
  return { ca, serving: { cert, key: await privateKeyToPem(keys.privateKey) } };
}

describe('firstServiceIP', () => {
  it.each([
    ['10.96.0.0/12', '10.96.0.1'],
    ['127.97.0.0/16', '127.97.0.1'],
    ['10.100.7.9/12', '10.96.0.1'], // host bits of the range are ignored, as net.ParseCIDR does
    ['192.168.10.0/24', '192.168.10.1'],
    ['0.0.0.0/0', '0.0.0.1'],
  ])('%s → %s', (cidr, want) => {
    expect(firstServiceIP(cidr)).toBe(want);
  });

  it.each(['10.96.0.0', '10.96.0.0/31', '300.1.1.1/8', 'fd00::/108', ''])('rejects %j', (cidr) => {
    expect(() => firstServiceIP(cidr)).toThrow(RangeError);
  });
});

describe('apiserverSANs', () => {
  it('names the kubernetes Service, localhost, the compose service and every local address once', () => {
    expect(localSANs).toEqual({
      dns: ['kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local', 'localhost', 'apiserver'],
      ips: ['127.0.0.1', '127.97.0.1'],
    });
  });

  it('skips an unspecified bind address and adds extra names and IPs', () => {
    const sans = apiserverSANs({ addresses: ['0.0.0.0', '192.168.5.4'], serviceClusterIPRange: '10.96.0.0/12', extra: ['Lab.Example', '10.0.0.9', 'kubernetes'] });
    expect(sans.ips).toEqual(['127.0.0.1', '192.168.5.4', '10.96.0.1', '10.0.0.9']);
    expect(sans.dns.slice(-2)).toEqual(['apiserver', 'lab.example']);
  });

  it.each([
    [['::1'], []],
    [['127.0.0.1'], ['fd00::1']],
  ])('rejects IPv6 (addresses %j, extra %j)', (addresses, extra) => {
    expect(() => apiserverSANs({ addresses, serviceClusterIPRange: '10.96.0.0/12', extra })).toThrow(/IPv4/);
  });
});

describe('the certificates', () => {
  let issued: Issued;
  beforeAll(async () => {
    issued = await issue();
  });

  it('the CA is self-signed "kubelab-ca", a CA, valid for 10 years', () => {
    const ca = new NodeX509Certificate(issued.ca.cert);
    expect(ca.subject).toBe('CN=kubelab-ca');
    expect(ca.issuer).toBe('CN=kubelab-ca');
    expect(ca.ca).toBe(true);
    expect(ca.verify(ca.publicKey)).toBe(true);
    expect(new Date(ca.validFrom).getTime()).toBeLessThanOrEqual(NOW.getTime());
    expect(new Date(ca.validTo).getTime() - NOW.getTime()).toBe(3650 * DAY);
  });

  it('the serving certificate is signed by the CA, for serverAuth, valid for a year', () => {
    const ca = new NodeX509Certificate(issued.ca.cert);
    const cert = new NodeX509Certificate(issued.serving.cert);
    expect(cert.subject).toBe('CN=kube-apiserver');
    expect(cert.issuer).toBe('CN=kubelab-ca');
    expect(cert.ca).toBe(false);
    expect(cert.checkIssued(ca)).toBe(true);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']); // Node names the extended key usage keyUsage
    expect(new Date(cert.validTo).getTime() - NOW.getTime()).toBe(365 * DAY);
    expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });

  it('is not signed by another CA', async () => {
    const other = await issue();
    expect(new NodeX509Certificate(issued.serving.cert).verify(new NodeX509Certificate(other.ca.cert).publicKey)).toBe(false);
  });

  it('names exactly the wanted SANs, which a TLS client matches by host and IP', () => {
    expect(certSANs(issued.serving.cert)).toEqual(localSANs);
    const cert = new NodeX509Certificate(issued.serving.cert);
    for (const host of ['kubernetes.default.svc', 'localhost', 'apiserver']) expect(cert.checkHost(host)).toBe(host);
    for (const ip of ['127.0.0.1', '127.97.0.1']) expect(cert.checkIP(ip)).toBe(ip);
    expect(cert.checkIP('127.98.0.1')).toBeUndefined();
    expect(cert.checkHost('example.com')).toBeUndefined();
  });

  it('never outlives its CA', async () => {
    const old = new Date(NOW.getTime() - (3650 - 100) * DAY); // the CA has 100 days left at NOW
    const { ca } = await issue(localSANs, old);
    const { serving } = await issue(localSANs, NOW, ca);
    expect(new NodeX509Certificate(serving.cert).validTo).toBe(new NodeX509Certificate(ca.cert).validTo);
  });
});

describe('caProblem and servingCertProblem: what up keeps and what it reissues', () => {
  let issued: Issued;
  let other: Issued;
  beforeAll(async () => {
    [issued, other] = await Promise.all([issue(), issue()]);
  });
  const check = (over: Partial<Parameters<typeof servingCertProblem>[0]> = {}) =>
    servingCertProblem({ serving: issued.serving, caCert: issued.ca.cert, sans: localSANs, now: NOW, ...over });

  it('keeps a fresh CA and serving certificate', () => {
    expect(caProblem(issued.ca, NOW)).toBeUndefined();
    expect(check()).toBeUndefined();
  });

  it.each([
    ['a new service range', apiserverSANs({ addresses: ['127.0.0.1'], serviceClusterIPRange: '127.98.0.0/16' }), 'apiserver.crt does not name IP:127.98.0.1'],
    ['an extra name', apiserverSANs({ addresses: ['127.0.0.1'], serviceClusterIPRange: '127.97.0.0/16', extra: ['lab.example'] }), 'apiserver.crt does not name DNS:lab.example'],
  ])('reissues the serving certificate for %s', (_, sans, reason) => {
    expect(check({ sans })).toBe(reason);
  });

  it('keeps it when the wanted SANs are a subset of what it names', () => {
    expect(check({ sans: { dns: ['kubernetes'], ips: ['127.0.0.1'] } })).toBeUndefined();
  });

  it.each([
    ['signed by another CA', () => ({ caCert: other.ca.cert }), /not signed by the current ca.crt/],
    ['with the wrong key', () => ({ serving: { ...issued.serving, key: other.serving.key } }), /apiserver.key does not belong to apiserver.crt/],
    ['that is garbage', () => ({ serving: { ...issued.serving, cert: 'nope' } }), /apiserver.crt is not a PEM certificate/],
    ['near expiry', () => ({ now: new Date(NOW.getTime() + 340 * DAY) }), /apiserver.crt expires/],
    ['from the future (the clock went back)', () => ({ now: new Date(NOW.getTime() - DAY) }), /not valid before/],
  ])('reissues a serving certificate %s', (_, over, reason) => {
    expect(check(over())).toMatch(reason);
  });

  it.each([
    ['a serving certificate', () => issued.serving, /not a CA certificate/],
    ['a key of another CA', () => ({ cert: issued.ca.cert, key: other.ca.key }), /ca.key does not belong to ca.crt/],
    ['an RSA key', () => ({ cert: issued.ca.cert, key: rsaKeyPem() }), /not an ECDSA P-256 key/],
    ['a missing key body', () => ({ cert: issued.ca.cert, key: 'x' }), /not a PEM private key/],
  ])('replaces a CA with %s', (_, pair, reason) => {
    expect(caProblem(pair(), NOW)).toMatch(reason);
  });

  it('replaces a CA near its end', () => {
    expect(caProblem(issued.ca, new Date(NOW.getTime() + 3640 * DAY))).toMatch(/ca.crt expires/);
  });
});

function rsaKeyPem(): string {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}
