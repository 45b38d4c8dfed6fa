/**
 * The PostgreSQL a benchmark runs on: the server BENCH_DATABASE_URL names (an admin URL), or an
 * embedded PostgreSQL started in a temporary folder. Each benchmark makes its databases fresh.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../src/store/embedded-postgres.ts';

export interface BenchDatabase {
  /** Temporary folder of this run (the embedded server's data, and anything else). */
  tmp: string;
  /** The embedded server, or null on an external one. */
  embedded: EmbeddedServer | null;
  adminUrl: string;
  /** Drop and create database `name`; returns its URL. */
  freshDb(name: string): Promise<string>;
}

export async function benchDatabase(
  label: string,
  options: { embeddedAllowed?: boolean } = {},
): Promise<BenchDatabase> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), `writ-bench-${label}-`));
  const external = process.env.BENCH_DATABASE_URL;
  if (!external && options.embeddedAllowed === false)
    throw new Error('set BENCH_DATABASE_URL (an admin URL on a PostgreSQL server)');
  const embedded = external ? null : await startEmbeddedPostgres(path.join(tmp, 'data'));
  const adminUrl = external ?? embedded!.urlFor('postgres');
  return {
    tmp,
    embedded,
    adminUrl,
    async freshDb(name) {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
        await c.query(`create database ${name}`);
      } finally {
        await c.end();
      }
      const u = new URL(adminUrl);
      u.pathname = `/${name}`;
      return u.toString();
    },
  };
}
