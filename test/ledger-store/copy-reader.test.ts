/**
 * The binary COPY reader verification streams rows with (src/store/pg-copy.ts, pg-binary.ts),
 * against what pg's own text parsing gives for the same values: timestamps to the millisecond
 * (fractions, before 1970 and 2000, two-digit and BC years, infinities), text, jsonb, bytea,
 * booleans and NULLs; batches of any size; a consumer that stops early; an error mid-stream.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import { poolClient } from '../../src/store/database.ts';
import { BinaryRows } from '../../src/store/pg-binary.ts';
import { copyOutBinary } from '../../src/store/pg-copy.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

let t: TestDb;
let client: pg.PoolClient;
before(async () => {
  t = await createTestDb();
  client = await poolClient(t.db);
});
after(async () => {
  client.release();
  await t.drop();
});

async function copyRows<T>(select: string, read: (rows: BinaryRows) => T, batchBytes?: number): Promise<T[]> {
  const out: T[] = [];
  for await (const batch of copyOutBinary(
    client,
    `copy (${select}) to stdout (format binary)`,
    batchBytes ? { batchBytes } : {},
  )) {
    const rows = new BinaryRows(batch.bytes);
    let n = 0;
    while (rows.nextRow() >= 0) {
      out.push(read(rows));
      n += 1;
    }
    assert.equal(n, batch.rows);
  }
  return out;
}

const TIMES = [
  '2026-11-02 09:00:00.123456+00',
  '2026-11-02 09:00:00.9999995+00',
  '1999-12-31 23:59:59.9995+00',
  '1969-12-31 23:59:59.999999+00',
  '1970-01-01 00:00:00+00',
  '0099-06-01 12:00:00.5+00',
  '0001-01-01 00:00:00+00',
  '0044-03-15 12:00:00.25+00 BC',
  '2000-01-01 00:00:00.000001+00',
  '9999-12-31 23:59:59.999999+00',
  '200000-01-01 00:00:00+00',
  'infinity',
  '-infinity',
];

test('timestamps read from binary rows are the times pg parses from text', async () => {
  const values = `(values ${TIMES.map((v, i) => `(${i}, '${v}'::timestamptz)`).join(', ')}) as v(i, at)`;
  const binary = await copyRows(`select at from ${values} order by i`, (r) => r.timestampMs());
  const { rows } = await client.query<{ at: Date | number }>(`select at from ${values} order by i`);
  assert.deepEqual(
    binary,
    rows.map((r) => (r.at instanceof Date ? r.at.getTime() : r.at)),
  );
});

test('text, jsonb, bytea, integers, booleans and NULLs read back as pg gives them', async () => {
  const select = `select g::bigint * 1000000007 as id, (g % 2 = 0) as even, 'é😀\\t' || g as label,
      jsonb_build_object('n', g, 'note', 'a"b\\c', 'list', jsonb_build_array(g, null, true)) as doc,
      decode(md5(g::text), 'hex') as digest, case when g % 3 = 0 then null else g::text end as maybe
    from generate_series(1, 500) g order by g`;
  const binary = await copyRows(
    select,
    (r) => ({
      id: r.int8Text(),
      even: r.bool(),
      label: r.text(),
      doc: JSON.parse(r.jsonbText()!) as unknown,
      digest: Buffer.from(r.bytes()!),
      maybe: r.text(),
    }),
    300,
  );
  const { rows } = await client.query(select);
  assert.deepEqual(binary, rows);
});

test('a consumer that stops early leaves the connection usable, and an error mid-stream rejects', async () => {
  for await (const batch of copyOutBinary(
    client,
    'copy (select g from generate_series(1, 100000) g) to stdout (format binary)',
    { batchBytes: 1024 },
  )) {
    assert.ok(batch.rows > 0);
    break;
  }
  assert.equal((await client.query('select 1 as one')).rows[0].one, 1);
  await assert.rejects(async () => {
    for await (const _ of copyOutBinary(
      client,
      'copy (select 1 / (5000 - g) from generate_series(1, 10000) g) to stdout (format binary)',
      { batchBytes: 256 },
    ))
      void _;
  }, /division by zero/);
  assert.equal((await client.query('select 2 as two')).rows[0].two, 2);
});
