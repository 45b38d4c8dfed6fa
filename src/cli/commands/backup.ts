/**
 * `writ backup DIR` and `writ restore DIR`: the database (embedded or DATABASE_URL) as a logical
 * dump (src/store/database-dump.ts), the document store, and the keys kept in the data folder (the
 * storage key that seals documents, the demo ledger key). The database is dumped first, from one
 * snapshot, and the documents copied after it: the store only ever adds files, so every document
 * the dump names is in the backup. See docs/OPERATIONS.md.
 */
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config/env.ts';
import { DEMO_KEY_FILE } from '../../config/ledger-key.ts';
import { type DumpManifest, dumpDatabase, RestoreRefused, restoreDatabase } from '../../store/database-dump.ts';
import { withRuntime } from '../with-runtime.ts';

const FORMAT = 'writ-backup/1';
/** Key files of the data folder a backup carries (when they are there). */
const KEY_FILES = ['storage-key', DEMO_KEY_FILE];

interface BackupManifest {
  format: typeof FORMAT;
  createdAt: string;
  database: DumpManifest;
  documents: number;
  keys: string[];
}

async function countFiles(dir: string): Promise<number> {
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) n++;
  return n;
}

export function registerBackupCommands(program: Command): void {
  program
    .command('backup <dir>')
    .description('back up the database, the document store and the keys of the data folder into a new folder')
    .option('--no-keys', 'leave the key files out (keep them elsewhere: the documents cannot be read without them)')
    .action(async (dir: string, opts: { keys: boolean }) => {
      const config = loadConfig();
      if (existsSync(dir) && (await readdir(dir)).length)
        throw new RestoreRefused(`${dir} is not empty: back up into a new folder`);
      await mkdir(path.join(dir, 'database'), { recursive: true, mode: 0o700 });
      const database = await withRuntime((rt) => dumpDatabase(rt.url, path.join(dir, 'database')));
      const documents = path.join(config.dataDir, 'documents');
      if (existsSync(documents)) await cp(documents, path.join(dir, 'documents'), { recursive: true });
      const keys: string[] = [];
      if (opts.keys) {
        await mkdir(path.join(dir, 'keys'), { mode: 0o700 });
        for (const k of KEY_FILES) {
          if (!existsSync(path.join(config.dataDir, k))) continue;
          await copyFile(path.join(config.dataDir, k), path.join(dir, 'keys', k));
          keys.push(k);
        }
      }
      const manifest: BackupManifest = {
        format: FORMAT,
        createdAt: new Date().toISOString(),
        database,
        documents: await countFiles(path.join(dir, 'documents')),
        keys,
      };
      await writeFile(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
      const rows = database.tables.reduce((n, t) => n + t.rows, 0);
      console.log(
        `backed up ${rows} rows in ${database.tables.length} tables, ${manifest.documents} documents and ` +
          `${keys.length ? `the keys (${keys.join(', ')})` : 'no key'} into ${dir}`,
      );
      if (process.env.WRIT_STORAGE_KEY || process.env.WRIT_STORAGE_KEY_FILE)
        console.log('the storage key comes from WRIT_STORAGE_KEY(_FILE): keep it with the backup, it is not in it');
    });

  program
    .command('restore <dir>')
    .description('restore a backup into an empty database and data folder, then check it with `writ ledger verify`')
    .action(async (dir: string) => {
      const config = loadConfig();
      const manifestFile = path.join(dir, 'manifest.json');
      if (!existsSync(manifestFile)) throw new RestoreRefused(`${dir} holds no backup (no manifest.json)`);
      const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as BackupManifest;
      if (manifest.format !== FORMAT) throw new RestoreRefused(`unknown backup format ${String(manifest.format)}`);
      // Keys first: the runtime would otherwise make a new storage key in an empty data folder.
      await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
      for (const k of manifest.keys) {
        const from = path.join(dir, 'keys', k);
        const to = path.join(config.dataDir, k);
        if (existsSync(to)) {
          if (!(await readFile(to)).equals(await readFile(from)))
            throw new RestoreRefused(`${to} holds another key than the backup's: restore into a new data folder`);
          continue;
        }
        await copyFile(from, to);
      }
      await withRuntime((rt) => restoreDatabase(rt.url, path.join(dir, 'database'), manifest.database));
      if (existsSync(path.join(dir, 'documents')))
        await cp(path.join(dir, 'documents'), path.join(config.dataDir, 'documents'), {
          recursive: true,
          force: false,
        });
      const rows = manifest.database.tables.reduce((n, t) => n + t.rows, 0);
      console.log(
        `restored ${rows} rows in ${manifest.database.tables.length} tables and ${manifest.documents} documents ` +
          `from the backup of ${manifest.createdAt}; check it with: writ ledger verify`,
      );
    });
}
