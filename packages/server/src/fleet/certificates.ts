// X.509 for the cluster CA (ECDSA P-256 throughout, issued with @peculiar/x509 on WebCrypto, pure JS):
// the CA itself, each replica's serving certificate (its --advertise names), and client certificates for
// machines that joined (their identity as a URI in subjectAltName, core/fleet.ts). Every certificate starts a
// day back: Raspberry Pis have no real-time clock and boot with a clock behind the control plane's.
import type * as X509 from '@peculiar/x509';
import { X509Certificate, createPrivateKey, createPublicKey, randomBytes, webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import { certificateUri, type CertificateIdentity } from '@berth/core';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

let loaded: Promise<typeof X509> | undefined;
/**
 * @peculiar/x509, loaded the first time a certificate is made (a second of start-up on a small machine that
 * a server issuing nothing never pays). Its dependency injection (tsyringe) needs the Reflect metadata
 * polyfill loaded first.
 */
function x509lib(): Promise<typeof X509> {
  loaded ??= (async () => {
    await import('reflect-metadata');
    const lib = await import('@peculiar/x509');
    lib.cryptoProvider.set(webcrypto as unknown as Parameters<typeof lib.cryptoProvider.set>[0]);
    return lib;
  })();
  return loaded;
}

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 24 * 3600 * 1000;
/** notBefore goes back this far (clockless machines). */
export const BACKDATE_MS = DAY_MS;

export interface KeyPairPem {
  certPem: string;
  keyPem: string;
}

/** The CA: its certificate, and its signing key for issuing. */
export interface CertificateAuthority extends KeyPairPem {
  /** SHA-256 of the certificate's DER, lowercase hex: what a join token pins. */
  fingerprint: string;
}

const serial = () => {
  const b = randomBytes(16);
  b[0]! &= 0x7f; // a positive serial
  return b.toString('hex');
};

async function importPrivate(keyPem: string): Promise<CryptoKey> {
  const der = createPrivateKey(keyPem).export({ format: 'der', type: 'pkcs8' });
  return webcrypto.subtle.importKey('pkcs8', der, ALG, false, ['sign']) as Promise<CryptoKey>;
}

/** A machine's public key (PEM, SPKI), refused unless it is ECDSA P-256: its DER. */
export function checkPublicKey(publicKeyPem: string): Buffer {
  const key = createPublicKey(publicKeyPem);
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') throw new Error('the public key must be ECDSA P-256');
  return key.export({ format: 'der', type: 'spki' });
}

async function importPublic(publicKeyPem: string): Promise<CryptoKey> {
  const der = checkPublicKey(publicKeyPem);
  return webcrypto.subtle.importKey('spki', der, ALG, true, ['verify']) as Promise<CryptoKey>;
}

async function newKeys(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function keyPem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ format: 'pem', type: 'pkcs8' }) as string;
}

/** SHA-256 of a PEM certificate's DER, lowercase hex. */
export function certificateFingerprint(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256.replace(/:/g, '').toLowerCase();
}

/** A new CA, valid ten years. */
export async function createCertificateAuthority(now = Date.now()): Promise<CertificateAuthority> {
  const x509 = await x509lib();
  const keys = await newKeys();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=Berth cluster CA ${randomBytes(4).toString('hex')}`,
    notBefore: new Date(now - BACKDATE_MS),
    notAfter: new Date(now + 3650 * DAY_MS),
    signingAlgorithm: ALG,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const certPem = cert.toString('pem');
  return { certPem, keyPem: await keyPem(keys.privateKey), fingerprint: certificateFingerprint(certPem) };
}

/** Checks that a given CA (--ca-cert, --ca-key) is a CA whose key matches; returns it with its fingerprint. */
export function checkCertificateAuthority(certPem: string, keyPemText: string): CertificateAuthority {
  const cert = new X509Certificate(certPem);
  if (!cert.ca) throw new Error('the CA certificate is not a CA (basicConstraints CA:TRUE)');
  if (!cert.checkPrivateKey(createPrivateKey(keyPemText))) throw new Error('the CA key does not match the CA certificate');
  return { certPem, keyPem: keyPemText, fingerprint: certificateFingerprint(certPem) };
}

interface IssueOptions {
  subject: string;
  publicKey: CryptoKey;
  usage: 'serverAuth' | 'clientAuth';
  names: X509.JsonGeneralName[];
  lifetimeMs: number;
  now: number;
}

async function issue(ca: CertificateAuthority, o: IssueOptions): Promise<X509.X509Certificate> {
  const x509 = await x509lib();
  const caCert = new x509.X509Certificate(ca.certPem);
  return x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: o.subject,
    issuer: caCert.subject,
    notBefore: new Date(o.now - BACKDATE_MS),
    notAfter: new Date(o.now + o.lifetimeMs),
    signingAlgorithm: ALG,
    publicKey: o.publicKey,
    signingKey: await importPrivate(ca.keyPem),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage[o.usage]], false),
      new x509.SubjectAlternativeNameExtension(o.names, false),
      await x509.AuthorityKeyIdentifierExtension.create(caCert, false),
    ],
  });
}

/**
 * A replica's serving certificate for the names it is reached by (host names and addresses), with a key
 * of its own; the PEM chain holds the CA after it, so an agent can pin the CA by its fingerprint.
 */
export async function issueServerCertificate(ca: CertificateAuthority, hosts: string[], lifetimeMs = 365 * DAY_MS, now = Date.now()): Promise<KeyPairPem> {
  const keys = await newKeys();
  const names = [...new Set(hosts)].map((h): X509.JsonGeneralName => (isIP(h.replace(/^\[|\]$/g, '')) ? { type: 'ip', value: h.replace(/^\[|\]$/g, '') } : { type: 'dns', value: h }));
  const cert = await issue(ca, { subject: `CN=berth-server ${hosts[0] ?? ''}`.trim(), publicKey: keys.publicKey, usage: 'serverAuth', names, lifetimeMs, now });
  return { certPem: cert.toString('pem') + '\n' + ca.certPem, keyPem: await keyPem(keys.privateKey) };
}

/** A client certificate for a machine's own public key (PEM, SPKI), naming who it is. */
export async function issueClientCertificate(ca: CertificateAuthority, who: CertificateIdentity, publicKeyPem: string, lifetimeMs: number, now = Date.now()): Promise<{ certPem: string; serial: string; notAfter: number }> {
  const uri = certificateUri(who);
  const cert = await issue(ca, { subject: `CN=${who.kind}`, publicKey: await importPublic(publicKeyPem), usage: 'clientAuth', names: [{ type: 'url', value: uri }], lifetimeMs, now });
  return { certPem: cert.toString('pem'), serial: cert.serialNumber, notAfter: cert.notAfter.getTime() / 1000 };
}
