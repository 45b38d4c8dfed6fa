/**
 * Opening the database: a Kysely instance over a `pg` pool, migrated to the latest schema.
 * Embedded or external, the same code and the same migrations run.
 */
import { Kysely, Migrator, PostgresDialect, type RawBuilder, type Transaction } from 'kysely';
import pg from 'pg';
import { MIGRATIONS } from './migrations/index.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

// Timestamps and bigints come back as strings/Dates consistently: bigint (int8) as string keeps
// event ids exact beyond 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);

const pools = new WeakMap<object, pg.Pool>();

export function openDatabase(connectionString: string, poolSize = 10): Db {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  // An idle client losing its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  return db;
}

/**
 * Run a compiled query as a named prepared statement: PostgreSQL parses and plans it once per
 * connection, and later calls send only the parameters. For the hottest statements (intake),
 * whose text is long and never changes. Falls back to an ordinary query for a Kysely instance
 * not opened here (e.g. inside a transaction).
 */
export async function runPrepared<R>(db: Kysely<any>, name: string, statement: RawBuilder<R>): Promise<R[]> {
  const pool = pools.get(db);
  if (!pool) return (await statement.execute(db)).rows;
  const { sql, parameters } = statement.compile(db);
  return (await pool.query({ name, text: sql, values: parameters as unknown[] })).rows as R[];
}

/**
 * A client of the pool behind `db`, for what Kysely cannot express (a COPY stream). The caller
 * must release it; with an error, so that a connection left mid-statement is closed, not reused.
 */
export async function poolClient(db: Kysely<any>): Promise<pg.PoolClient> {
  const pool = pools.get(db);
  if (!pool) throw new Error('this database was not opened with openDatabase: no pool to take a client from');
  return pool.connect();
}

/** Run every pending migration; throws with the failing migration's name. */
export async function migrate(db: Kysely<any>): Promise<string[]> {
  // Migrations written side by side take numbers from separate ranges and may land out of order
  // (0040 before 0039): a database that already ran the later one still runs the earlier one.
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error)
    throw new Error(
      `migration ${failed?.migrationName ?? '(unknown)'} failed: ${String((error as Error).message ?? error)}`,
    );
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
