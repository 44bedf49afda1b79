// The server's secrets key: 32 random bytes in a file (mode 0600) that encrypt secrets at rest in the store
// (access-key secrets now; task secrets later). SigV4 needs the plain secret to verify a signature, so
// secrets are encrypted, not hashed. Every replica of one store must use the same key file: the store keeps
// the key's fingerprint, and a server with another key refuses to start instead of failing every request.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseStoreUrl, type Store } from '@berth/store';
import { recordSecretsKeyFingerprint, secretsKeyFingerprint } from '../state/schema.js';
const KEY_BYTES = 32;
const VERSION = 'v1';

/** Next to the file store's database; for etcd, ~/.berth/secrets.key (replicas pass --secrets-key). */
export function defaultSecretsKeyPath(storeUrl: string | undefined): string {
  if (storeUrl) {
    try {
      const loc = parseStoreUrl(storeUrl);
      if (loc.kind === 'file') return join(dirname(loc.path), 'secrets.key');
    } catch {
      /* fall through */
    }
  }
  return join(homedir(), '.berth', 'secrets.key');
}

/** AES-256-GCM with a random nonce; the associated data binds a ciphertext to what it is for (its key). */
export class SecretBox {
  readonly fingerprint: string;
  constructor(private readonly key: Buffer) {
    if (key.length !== KEY_BYTES) throw new Error(`secrets key must be ${KEY_BYTES} bytes`);
    this.fingerprint = createHash('sha256').update('berth-secrets-key\0').update(key).digest('hex').slice(0, 32);
  }

  encrypt(plaintext: string, aad: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    c.setAAD(Buffer.from(aad));
    const ct = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
    return `${VERSION}:${Buffer.concat([iv, c.getAuthTag(), ct]).toString('base64')}`;
  }

  decrypt(sealed: string, aad: string): string {
    if (!sealed.startsWith(`${VERSION}:`)) throw new Error('unknown secret encoding');
    const raw = Buffer.from(sealed.slice(VERSION.length + 1), 'base64');
    const d = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    d.setAAD(Buffer.from(aad));
    d.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
  }
}

/** Reads the key file (hex), creating it with a new random key when it does not exist. */
export function loadSecretsKey(path: string): { box: SecretBox; created: boolean } {
  let text: string | undefined;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`cannot read secrets key ${path}: ${(e as Error).message}`);
  }
  if (text !== undefined) {
    if (!/^[0-9a-f]{64}$/.test(text)) throw new Error(`secrets key ${path} must hold ${KEY_BYTES} bytes as 64 hex digits`);
    return { box: new SecretBox(Buffer.from(text, 'hex')), created: false };
  }
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const key = randomBytes(KEY_BYTES);
  // 'wx': never overwrite a key another process created meanwhile.
  try {
    writeFileSync(path, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return loadSecretsKey(path);
    throw new Error(`cannot create secrets key ${path}: ${(e as Error).message}`);
  }
  chmodSync(path, 0o600);
  return { box: new SecretBox(key), created: true };
}

/** Records the key's fingerprint at first use; refuses a key that differs from the recorded one. */
export async function checkSecretsKey(store: Store, box: SecretBox, path: string): Promise<void> {
  const have = await secretsKeyFingerprint(store);
  if (have !== undefined) {
    if (have !== box.fingerprint) {
      throw new Error(`secrets key ${path} is not the key this store's secrets were encrypted with (fingerprint ${box.fingerprint}, store expects ${have}); every replica must use the same key file`);
    }
    return;
  }
  if (!(await recordSecretsKeyFingerprint(store, box.fingerprint))) return checkSecretsKey(store, box, path);
}
