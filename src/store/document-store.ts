/**
 * Where the bytes of legal documents and disclosure packages live: content-addressed files under
 * the data folder, named by the SHA-256 of their plaintext, written before the database transaction
 * that refers to them (a crash between the two leaves an unreferenced file, never a row without
 * its file).
 *
 * Encrypted at rest with AES-256-GCM: each file is "WRIT1" ‖ 12-byte nonce ‖ ciphertext ‖ 16-byte
 * tag, with the SHA-256 name as additional data, so a file copied under another name, or altered
 * by one bit, fails to open rather than serving the wrong evidence.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface DocumentStore {
  /** Store bytes; returns their SHA-256 (hex). Storing the same bytes twice is a no-op. */
  put(bytes: Buffer): Promise<string>;
  /** The bytes stored under this SHA-256; throws if missing, altered or not decryptable. */
  get(sha256: string): Promise<Buffer>;
}

const MAGIC = Buffer.from('WRIT1');
const NONCE = 12;
const TAG = 16;

/** `key`: 32 bytes (AES-256). */
export function fileDocumentStore(dir: string, key: Buffer = randomBytes(32)): DocumentStore {
  if (key.length !== 32) throw new Error('the storage key must be 32 bytes');
  const file = (sha: string) => path.join(dir, sha.slice(0, 2), sha);
  return {
    async put(bytes) {
      const sha = createHash('sha256').update(bytes).digest('hex');
      const target = file(sha);
      if (existsSync(target)) return sha;
      const nonce = randomBytes(NONCE);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(Buffer.from(sha));
      const sealed = Buffer.concat([MAGIC, nonce, cipher.update(bytes), cipher.final(), cipher.getAuthTag()]);
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      // Write then rename, so a reader never sees half a file.
      const tmp = `${target}.${randomUUID()}.tmp`;
      await writeFile(tmp, sealed, { mode: 0o600 });
      await rename(tmp, target);
      return sha;
    },
    async get(sha) {
      if (!/^[0-9a-f]{64}$/.test(sha)) throw new Error('bad document hash');
      const sealed = await readFile(file(sha));
      if (sealed.length < MAGIC.length + NONCE + TAG || !sealed.subarray(0, MAGIC.length).equals(MAGIC))
        throw new Error(`document ${sha} is not a sealed Writ document`);
      const nonce = sealed.subarray(MAGIC.length, MAGIC.length + NONCE);
      const decipher = createDecipheriv('aes-256-gcm', key, nonce);
      decipher.setAAD(Buffer.from(sha));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
      const plain = Buffer.concat([
        decipher.update(sealed.subarray(MAGIC.length + NONCE, sealed.length - TAG)),
        decipher.final(),
      ]);
      if (createHash('sha256').update(plain).digest('hex') !== sha)
        throw new Error(`document ${sha} does not match its hash`);
      return plain;
    },
  };
}
