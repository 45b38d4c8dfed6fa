/**
 * The key that seals documents and disclosure packages at rest (AES-256-GCM), in order:
 * WRIT_STORAGE_KEY (base64 of 32 bytes), the file named by WRIT_STORAGE_KEY_FILE, or a key
 * generated on first start in the data folder (`storage-key`, mode 0600). Never in the database.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from './env.ts';

function decode(text: string, source: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32 || key.toString('base64') !== text.trim())
    throw new ConfigError([`${source} must be the base64 of exactly 32 random bytes (e.g. openssl rand -base64 32)`]);
  return key;
}

export async function loadStorageKey(env: NodeJS.ProcessEnv, dataDir: string): Promise<Buffer> {
  if (env.WRIT_STORAGE_KEY?.trim() && env.WRIT_STORAGE_KEY_FILE?.trim())
    throw new ConfigError(['set WRIT_STORAGE_KEY or WRIT_STORAGE_KEY_FILE, not both']);
  if (env.WRIT_STORAGE_KEY?.trim()) return decode(env.WRIT_STORAGE_KEY, 'WRIT_STORAGE_KEY');
  const file = env.WRIT_STORAGE_KEY_FILE?.trim();
  if (file) {
    try {
      return decode(await readFile(file, 'utf8'), `WRIT_STORAGE_KEY_FILE (${file})`);
    } catch (e) {
      if (e instanceof ConfigError) throw e;
      throw new ConfigError([`WRIT_STORAGE_KEY_FILE: cannot read ${file}`]);
    }
  }
  const demo = path.join(dataDir, 'storage-key');
  if (!existsSync(demo)) {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await writeFile(demo, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' }).catch(
      (e: NodeJS.ErrnoException) => {
        if (e.code !== 'EEXIST') throw e;
      },
    );
  }
  return decode(await readFile(demo, 'utf8'), `the storage key file ${demo}`);
}
