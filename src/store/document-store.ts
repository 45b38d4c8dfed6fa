/**
 * Where the bytes of legal documents live: content-addressed files under the data folder, named by
 * their SHA-256, written before the database transaction that refers to them. A crash between the
 * two leaves an unreferenced file, never a row without its file.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface DocumentStore {
  /** Store bytes; returns their SHA-256 (hex). Storing the same bytes twice is a no-op. */
  put(bytes: Buffer): Promise<string>;
  get(sha256: string): Promise<Buffer>;
}

export function fileDocumentStore(dir: string): DocumentStore {
  const file = (sha: string) => path.join(dir, sha.slice(0, 2), sha);
  return {
    async put(bytes) {
      const sha = createHash('sha256').update(bytes).digest('hex');
      const target = file(sha);
      if (existsSync(target)) return sha;
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      // Write then rename, so a reader never sees half a file.
      const tmp = `${target}.${randomUUID()}.tmp`;
      await writeFile(tmp, bytes, { mode: 0o600 });
      await rename(tmp, target);
      return sha;
    },
    async get(sha) {
      if (!/^[0-9a-f]{64}$/.test(sha)) throw new Error('bad document hash');
      return readFile(file(sha));
    },
  };
}
