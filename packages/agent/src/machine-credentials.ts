// The machine's credentials in ECS_DATADIR/tls: its private key (mode 0600, generated here, never sent),
// its client certificate and the cluster CA it trusts. The join token is never written anywhere.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import type { ChannelTls } from '@berth/api';

export interface MachineCredentials extends Required<ChannelTls> {}

const DIR = 'tls';
const FILES = { keyPem: 'key.pem', certPem: 'cert.pem', caPem: 'ca.pem' } as const;

/** A new ECDSA P-256 key pair: the private key as PKCS#8 PEM, the public one as SPKI PEM (what a join sends). */
export function newMachineKey(): { keyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string };
}

export function loadMachineCredentials(dataDir: string): MachineCredentials | undefined {
  const dir = join(dataDir, DIR);
  if (!existsSync(join(dir, FILES.certPem))) return undefined;
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  return { keyPem: read(FILES.keyPem), certPem: read(FILES.certPem), caPem: read(FILES.caPem) };
}

/** Writes each file atomically (a crash leaves the old set or the new one); the certificate last. */
export function saveMachineCredentials(dataDir: string, creds: MachineCredentials): void {
  const dir = join(dataDir, DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const field of ['caPem', 'keyPem', 'certPem'] as const) {
    const p = join(dir, FILES[field]);
    const tmp = `${p}.tmp`;
    writeFileSync(tmp, creds[field], { mode: field === 'keyPem' ? 0o600 : 0o644 });
    const fd = openSync(tmp, 'r');
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, p);
  }
}

/** When the certificate stops being valid (epoch ms). */
export function certificateNotAfter(certPem: string): number {
  return Date.parse(new X509Certificate(certPem).validTo);
}
