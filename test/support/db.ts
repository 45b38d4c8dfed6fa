/**
 * A database of its own for each test file: a copy of the migrated template, on the server the test
 * run started (see test/run.ts). Dropped when the file is done.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Db } from '../../src/store/database.ts';

/**
 * The migrated template this run clones; test/run.ts names it per run (its process id), so that two
 * runs against one external server never drop or clone each other's template.
 */
export const TEMPLATE_DB = process.env.WRIT_TEST_TEMPLATE_DB ?? 'writ_test_template';

export interface TestDb {
  db: Db;
  url: string;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.WRIT_TEST_DATABASE_URL;
  if (!url)
    throw new Error(
      'WRIT_TEST_DATABASE_URL is not set: run the tests with `npm test` (test/run.ts starts the database)',
    );
  return url;
}

export async function createTestDb(): Promise<TestDb> {
  const name = `writ_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const u = new URL(adminUrl());
  u.pathname = `/${name}`;
  const url = u.toString();
  const db = openDatabase(url, 10);
  return {
    db,
    url,
    async drop() {
      await db.destroy();
      const a = new pg.Client({ connectionString: adminUrl() });
      await a.connect();
      try {
        await a.query(`drop database if exists ${name} with (force)`);
      } finally {
        await a.end();
      }
    },
  };
}
